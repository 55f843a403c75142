import zlib from 'node:zlib';
import { pngSize } from '../../support/png.ts';

/** Bytes per pixel of the 8-bit, non-interlaced colour types pdftoppm writes: gray, RGB, gray+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface PixelSummary {
  width: number;
  height: number;
  /** Share of pixels that are not (near) white: text, rules, tiles, charts. */
  ink: number;
  /** Share of pixels with a clear hue (not gray): the accent colours, tones and chart bands. */
  colour: number;
}

/**
 * Decodes a PNG far enough to tell a rendered page from a blank one: chunks, inflate, scanline filters. Only what
 * pdftoppm produces (8 bits, no interlace); anything else throws rather than guessing.
 */
export function pngPixels(png: Uint8Array): PixelSummary {
  const { width, height } = pngSize(png);
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const [bitDepth, colourType, , , interlace] = bytes.subarray(24, 29);
  const channels = CHANNELS[colourType!];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let previous: Buffer = Buffer.alloc(stride);
  let ink = 0;
  let colour = 0;
  for (let y = 0; y < height; y++) {
    const line = unfilter(raw[y * (stride + 1)]!, raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), previous, channels);
    for (let x = 0; x < width; x++) {
      const px = line.subarray(x * channels, x * channels + channels);
      const [r, g, b] = channels >= 3 ? [px[0]!, px[1]!, px[2]!] : [px[0]!, px[0]!, px[0]!];
      if (Math.min(r, g, b) < 235) ink++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) colour++;
    }
    previous = line;
  }
  return { width, height, ink: ink / (width * height), colour: colour / (width * height) };
}

function unfilter(filter: number, line: Buffer, previous: Buffer, bpp: number): Buffer {
  const out = Buffer.alloc(line.length);
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? out[i - bpp]! : 0;
    const b = previous[i]!;
    const c = i >= bpp ? previous[i - bpp]! : 0;
    const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
    out[i] = (line[i]! + predictor) & 0xff;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
