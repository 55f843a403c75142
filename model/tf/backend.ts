/**
 * Picks the strongest TensorFlow.js backend that loads on this machine, once per process.
 *
 * Order: tfjs-node-gpu (only when a CUDA GPU looks present) → tfjs-node → wasm → pure-JS cpu. The native packages are
 * optionalDependencies that download libtensorflow at install and are usually absent, so they are imported by a
 * variable specifier inside try/catch and TypeScript never needs their types.
 */
import fs from 'node:fs';
import * as tfjs from '@tensorflow/tfjs';
import { OperationalError } from '../../core/errors.ts';
import { registerLstmCellKernels } from './lstmCellKernels.ts';
import { installWasmSliceFix } from './wasmSliceFix.ts';

export type Tf = typeof tfjs;
export type BackendKind = 'gpu' | 'cpu' | 'wasm' | 'js';

export interface BackendAttempt {
  kind: BackendKind;
  ok: boolean;
  /** Why it was skipped or failed; what it is when it loaded. */
  reason: string;
}

export interface TfRuntime {
  tf: Tf;
  /** `tf.getBackend()` after selection: `tensorflow`, `wasm` or `cpu`. */
  backend: string;
  kind: BackendKind;
  tried: BackendAttempt[];
}

const PACKAGE: Record<BackendKind, string> = {
  gpu: '@tensorflow/tfjs-node-gpu',
  cpu: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  js: '@tensorflow/tfjs (pure JS)',
};

const ORDER: readonly BackendKind[] = ['gpu', 'cpu', 'wasm', 'js'];

let memo: { preference: BackendKind | undefined; runtime: Promise<TfRuntime> } | undefined;

/**
 * The process-wide runtime. `preference` forces one backend (as `TICKCAST_TF_BACKEND` does) and throws
 * `OperationalError` `tf_backend_unavailable` when it cannot load; without it the strongest that loads wins.
 * The first call decides: tfjs has one global engine, so a later call with another preference is refused.
 */
export function loadTensorflow(preference?: BackendKind, log?: (msg: string) => void): Promise<TfRuntime> {
  if (memo) {
    if (preference !== undefined && memo.preference !== preference) {
      return memo.runtime.then((runtime) => {
        if (runtime.kind === preference) return runtime;
        throw new OperationalError(
          'tf_backend_unavailable',
          `TensorFlow.js backend ${preference} was requested but this process already runs on ${runtime.kind} (${runtime.backend}); tfjs has one engine per process`,
        );
      });
    }
    return memo.runtime;
  }
  const runtime = select(preference, log ?? (() => {}));
  memo = { preference, runtime };
  // A failed forced load must not poison the process: the next call tries again.
  runtime.catch(() => {
    if (memo?.runtime === runtime) memo = undefined;
  });
  return runtime;
}

/** What is active and what was skipped and why, for `doctor`; loads the runtime if nothing has yet. */
export async function describeBackends(): Promise<{ active: string; kind: BackendKind; tried: BackendAttempt[] }> {
  const runtime = await loadTensorflow();
  return { active: runtime.backend, kind: runtime.kind, tried: runtime.tried };
}

async function select(preference: BackendKind | undefined, log: (msg: string) => void): Promise<TfRuntime> {
  const tried: BackendAttempt[] = [];
  registerLstmCellKernels(tfjs);
  quietCpuNag();
  const candidates = preference ? [preference] : ORDER;
  for (const kind of candidates) {
    const attempt = await tryBackend(kind, preference !== undefined);
    tried.push(attempt);
    log(`tfjs backend ${kind}: ${attempt.ok ? 'loaded' : 'skipped'} (${attempt.reason})`);
    if (attempt.ok) return { tf: tfjs, backend: tfjs.getBackend(), kind, tried };
    if (preference) {
      throw new OperationalError(
        'tf_backend_unavailable',
        `TICKCAST_TF_BACKEND=${preference} but ${PACKAGE[preference]} cannot be used (${attempt.reason})`,
      );
    }
  }
  // Unreachable: the pure-JS backend is built into @tensorflow/tfjs.
  throw new OperationalError('tf_backend_unavailable', `no TensorFlow.js backend loaded: ${JSON.stringify(tried)}`);
}

async function tryBackend(kind: BackendKind, forced: boolean): Promise<BackendAttempt> {
  try {
    switch (kind) {
      case 'gpu': {
        const gpu = cudaEvidence();
        if (!gpu && !forced) return { kind, ok: false, reason: 'no CUDA GPU found (/dev/nvidia0, /proc/driver/nvidia)' };
        await importOptional(PACKAGE.gpu);
        return await activate(kind, 'tensorflow', `libtensorflow with CUDA${gpu ? ` (${gpu})` : ''}`);
      }
      case 'cpu':
        await importOptional(PACKAGE.cpu);
        return await activate(kind, 'tensorflow', 'libtensorflow on the CPU');
      case 'wasm': {
        await import('@tensorflow/tfjs-backend-wasm');
        const attempt = await activate(kind, 'wasm', await wasmFeatures());
        if (attempt.ok) installWasmSliceFix(tfjs);
        return attempt;
      }
      case 'js':
        return await activate(kind, 'cpu', 'pure JavaScript kernels (slowest)');
    }
  } catch (err) {
    return { kind, ok: false, reason: describeFailure(kind, err) };
  }
}

/** `tf.setBackend` answers false and silently stays where it was on failure, so both the answer and the result count. */
async function activate(kind: BackendKind, name: string, what: string): Promise<BackendAttempt> {
  const ok = await tfjs.setBackend(name);
  await tfjs.ready();
  if (!ok || tfjs.getBackend() !== name) {
    return { kind, ok: false, reason: `tf.setBackend('${name}') failed; tfjs stayed on '${tfjs.getBackend()}'` };
  }
  return { kind, ok: true, reason: what };
}

async function wasmFeatures(): Promise<string> {
  // Threads are off in Node (the package forces it); SIMD is what makes wasm worth having.
  const simd = await tfjs.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return `WebAssembly, SIMD ${simd ? 'on' : 'off'}, single thread`;
}

function importOptional(specifier: string): Promise<unknown> {
  // A variable specifier keeps TypeScript (and bundlers) from resolving a package that may not be installed.
  return import(specifier);
}

function describeFailure(kind: BackendKind, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(message)) {
    return `${PACKAGE[kind]} is not installed (it is an optional dependency that downloads libtensorflow)`;
  }
  return `${PACKAGE[kind]} failed to load: ${message.split('\n')[0]}`;
}

/** The pure-JS backend prints a banner about tfjs-node to stderr on first use; `describeBackends` says it better. */
function quietCpuNag(): void {
  const cpu = tfjs.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu) cpu.firstUse = false;
}

function cudaEvidence(): string | null {
  for (const probe of ['/dev/nvidia0', '/proc/driver/nvidia/version']) {
    if (fs.existsSync(probe)) return probe;
  }
  return null;
}
