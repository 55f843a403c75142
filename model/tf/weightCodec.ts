/**
 * The quantile LSTM's weights as one self-describing byte string, stored inside a model bundle:
 *
 *   'TCQL' | u16 version | u16 tensor count | u32 window, inputs, hidden, targets, levels | f64 level × levels
 *   | per tensor: u32 rank, u32 dims… | f32 values of every tensor, in order | u32 FNV-1a of all bytes before it
 *
 * Little-endian throughout. Decoding checks every part against the spec it is restored for, so truncated, garbled
 * or mismatched bytes fail with a clear UserError instead of yielding a broken or NaN model.
 */
import { UserError } from '../../core/errors.ts';
import type { NetworkSpec } from '../network.ts';

const MAGIC = 0x4c514354; // the bytes 'TCQL' read as a little-endian u32
const VERSION = 1;

export interface NamedWeights {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** The tensors a spec implies, in storage order. */
export function weightShapes(spec: NetworkSpec): { name: string; shape: number[] }[] {
  const gates = 4 * spec.hidden;
  const outputs = spec.targetCount * spec.quantiles.length;
  return [
    { name: 'lstm.kernel', shape: [spec.inputCount, gates] },
    { name: 'lstm.recurrent', shape: [spec.hidden, gates] },
    { name: 'lstm.bias', shape: [gates] },
    { name: 'head.kernel', shape: [spec.hidden, outputs] },
    { name: 'head.bias', shape: [outputs] },
  ];
}

export function encodeWeights(spec: NetworkSpec, tensors: NamedWeights[]): Uint8Array {
  const headerBytes = 28 + 8 * spec.quantiles.length + tensors.reduce((n, t) => n + 4 + 4 * t.shape.length, 0);
  const valueCount = tensors.reduce((n, t) => n + t.values.length, 0);
  const bytes = new Uint8Array(headerBytes + 4 * valueCount + 4);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (value: number): void => {
    view.setUint32(at, value, true);
    at += 4;
  };
  u32(MAGIC);
  view.setUint16(at, VERSION, true);
  view.setUint16(at + 2, tensors.length, true);
  at += 4;
  [spec.windowLength, spec.inputCount, spec.hidden, spec.targetCount, spec.quantiles.length].forEach(u32);
  for (const level of spec.quantiles) {
    view.setFloat64(at, level, true);
    at += 8;
  }
  for (const t of tensors) {
    u32(t.shape.length);
    t.shape.forEach(u32);
  }
  for (const t of tensors) {
    for (const value of t.values) {
      view.setFloat32(at, value, true);
      at += 4;
    }
  }
  view.setUint32(at, fnv1a(bytes.subarray(0, at)), true);
  return bytes;
}

/** The tensors' values, in `weightShapes(spec)` order; throws UserError `model_bundle_corrupt` on any mismatch. */
export function decodeWeights(spec: NetworkSpec, bytes: Uint8Array): Float32Array[] {
  const fail = (why: string): never => {
    throw new UserError('model_bundle_corrupt', `stored model weights are unusable: ${why}`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (count: number, what: string): void => {
    if (at + count > bytes.byteLength) fail(`truncated at ${what} (${bytes.byteLength} bytes)`);
  };
  const u32 = (what: string): number => {
    need(4, what);
    const value = view.getUint32(at, true);
    at += 4;
    return value;
  };
  if (u32('the header') !== MAGIC) fail('not a tickcast quantile-LSTM weight file (bad magic)');
  need(4, 'the header');
  const version = view.getUint16(at, true);
  const tensorCount = view.getUint16(at + 2, true);
  at += 4;
  if (version !== VERSION) fail(`format version ${version}, this build reads ${VERSION}`);
  if (bytes.byteLength < 4 || fnv1a(bytes.subarray(0, bytes.byteLength - 4)) !== view.getUint32(bytes.byteLength - 4, true)) {
    fail('checksum mismatch (truncated or altered)');
  }
  const stored = ['window', 'inputs', 'hidden', 'targets', 'levels'].map((what) => u32(what));
  const wanted = [spec.windowLength, spec.inputCount, spec.hidden, spec.targetCount, spec.quantiles.length];
  if (stored.some((value, k) => value !== wanted[k])) {
    fail(`built for window/inputs/hidden/targets/levels ${stored.join('/')}, the spec asks for ${wanted.join('/')}`);
  }
  for (const level of spec.quantiles) {
    need(8, 'the quantile levels');
    const storedLevel = view.getFloat64(at, true);
    at += 8;
    if (storedLevel !== level) fail(`quantile levels differ (stored ${storedLevel}, spec ${level})`);
  }
  const expected = weightShapes(spec);
  if (tensorCount !== expected.length) fail(`${tensorCount} tensors, expected ${expected.length}`);
  for (const { name, shape } of expected) {
    const rank = u32(`${name}'s rank`);
    const dims = Array.from({ length: Math.min(rank, 8) }, () => u32(`${name}'s shape`));
    if (rank !== shape.length || dims.some((d, k) => d !== shape[k])) {
      fail(`${name} has shape [${dims.join(', ')}], expected [${shape.join(', ')}]`);
    }
  }
  const values = expected.map(({ name, shape }) => {
    const count = shape.reduce((a, b) => a * b, 1);
    need(4 * count, `${name}'s values`);
    const out = new Float32Array(count);
    for (let k = 0; k < count; k++, at += 4) out[k] = view.getFloat32(at, true);
    if (!out.every(Number.isFinite)) fail(`${name} holds non-finite values`);
    return out;
  });
  if (at + 4 !== bytes.byteLength) fail(`${bytes.byteLength - at - 4} unexpected trailing bytes`);
  return values;
}

/** 32-bit FNV-1a: cheap, and enough to catch truncation and bit rot (not tampering). */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}
