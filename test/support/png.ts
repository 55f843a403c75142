import { expect } from 'vitest';

/** The eight bytes every PNG starts with. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG's size from its IHDR chunk, which comes first after the signature; throws when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!bytes.subarray(0, 8).equals(Buffer.from(PNG_SIGNATURE))) throw new Error('not a PNG');
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A chat chart as the surfaces send it: a 1440x720 PNG (720x360 drawn at 2x) with a drawing in it, small enough to post. */
export function expectChatChart(png: Uint8Array): void {
  expect(pngSize(png)).toEqual({ width: 1440, height: 720 });
  expect(png.byteLength).toBeGreaterThan(10_000);
  expect(png.byteLength).toBeLessThan(1_000_000);
}
