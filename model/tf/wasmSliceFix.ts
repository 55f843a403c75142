/**
 * tfjs-backend-wasm 4.22 slices by first copying the *whole* source tensor out of the wasm heap
 * (`backend.readSync(x.dataId)` is `HEAPU8.slice`), so taking one time step out of a [T·B, 4H] tensor costs as much
 * as copying all of it: 60 steps of a 60×64×256 tensor took 74 ms, more than the LSTM's matMuls. Unpack and SplitV
 * call the same slice. These replacements read the source through a heap view instead; results are identical, and
 * shapes they do not handle (strided slices of rank > 2, strings) go to the original kernels.
 */
import type { Tf } from './backend.ts';

interface HeapTensor {
  dataId: object;
  shape: number[];
  dtype: string;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: string): HeapTensor;
  typedArrayFromHeap(t: HeapTensor): Float32Array | Int32Array | Uint8Array;
}

type KernelArgs = { inputs: Record<string, HeapTensor>; attrs: Record<string, unknown>; backend: WasmBackendLike };
type KernelFn = (args: KernelArgs) => HeapTensor | HeapTensor[];

let installed = false;

export function installWasmSliceFix(tf: Tf): void {
  if (installed) return;
  const original = (name: string): KernelFn => {
    const config = tf.getKernel(name, 'wasm');
    if (!config) throw new Error(`wasm kernel ${name} is not registered`);
    return config.kernelFunc as unknown as KernelFn;
  };
  const originalSlice = original('Slice');

  const slice = (x: HeapTensor, begin: number[], size: number[], backend: WasmBackendLike): HeapTensor => {
    if (x.dtype === 'string' || (x.shape.length > 2 && !tf.slice_util.isSliceContinous(x.shape, begin, size))) {
      return originalSlice({ inputs: { x }, attrs: { begin, size }, backend }) as HeapTensor;
    }
    const out = backend.makeOutput(size, x.dtype);
    // Views only after makeOutput: an allocation can grow the heap and detach earlier views.
    const source = backend.typedArrayFromHeap(x);
    const target = backend.typedArrayFromHeap(out);
    if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
      const offset = tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
      target.set(source.subarray(offset, offset + target.length));
      return out;
    }
    // Rank 2, a block of columns: one row at a time.
    const [rows = 0, cols = 0] = size;
    const [row0 = 0, col0 = 0] = begin;
    const stride = x.shape[1] ?? 0;
    for (let r = 0; r < rows; r++) {
      const from = (row0 + r) * stride + col0;
      target.set(source.subarray(from, from + cols), r * cols);
    }
    return out;
  };

  const kernels: Record<string, KernelFn> = {
    Slice: ({ inputs, attrs, backend }) => {
      const x = inputs.x as HeapTensor;
      const [begin, size] = tf.slice_util.parseSliceParams(x as never, attrs.begin as number[], attrs.size as number[]) as [number[], number[]];
      return slice(x, begin, size, backend);
    },
    SplitV: ({ inputs, attrs, backend }) => {
      const x = inputs.x as HeapTensor;
      const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0] ?? 0;
      const sizes = tf.backend_util.prepareSplitSize(x as never, attrs.numOrSizeSplits as number[], axis);
      const begin = x.shape.map(() => 0);
      return sizes.map((s) => {
        const size = [...x.shape];
        size[axis] = s;
        const piece = slice(x, [...begin], size, backend);
        begin[axis] = (begin[axis] ?? 0) + s;
        return piece;
      });
    },
    Unpack: ({ inputs, attrs, backend }) => {
      const x = inputs.value as HeapTensor;
      const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0] ?? 0;
      const outShape = x.shape.filter((_, i) => i !== axis);
      const size = [...x.shape];
      size[axis] = 1;
      return Array.from({ length: x.shape[axis] ?? 0 }, (_, i) => {
        const begin = x.shape.map((__, d) => (d === axis ? i : 0));
        const piece = slice(x, begin, size, backend);
        return { dataId: piece.dataId, dtype: piece.dtype, shape: outShape };
      });
    },
  };
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
    // Unregister first: registering over a kernel prints a warning.
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as never });
  }
  installed = true;
}
