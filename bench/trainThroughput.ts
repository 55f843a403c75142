// Training throughput and inference latency of the quantile LSTM on every TensorFlow.js backend that loads here,
// beside tf.layers.lstm and the same model in PyTorch (Debian python3-torch, OPENBLAS_NUM_THREADS=1, 2 torch threads).
// Speed ratio = PyTorch s/epoch ÷ tfjs s/epoch (> 1: tfjs is faster). Each figure is the best of the timed epochs
// after one warm-up epoch. BENCH_QUICK=1 runs fewer windows and epochs. No assertions: figures only.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAX_HORIZON, QUANTILE_LEVELS } from '../core/forecast.ts';
import { MODEL_INPUTS } from '../model/modelInputs.ts';
import type { NetworkSpec } from '../model/network.ts';
import { loadTensorflow, type Tf, type TfRuntime } from '../model/tf/backend.ts';
import { seededRandom } from '../model/seededRandom.ts';
import { createTfNetworkFactory } from '../model/tf/tfNetworkFactory.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const TORCH_SCRIPT = fileURLToPath(new URL('./torchLstm.py', import.meta.url));

interface Config {
  name: string;
  spec: NetworkSpec;
  windows: number;
  batch: number;
  epochs: number;
}

const reference: Config = {
  name: 'reference (60×8, LSTM 64, Dense 1, batch 64)',
  spec: { windowLength: 60, inputCount: 8, hidden: 64, targetCount: 1, quantiles: [0.5] },
  windows: QUICK ? 640 : 2500,
  batch: 64,
  epochs: 2,
};
const referenceBigBatch: Config = { ...reference, name: 'reference shapes, batch 256', batch: 256 };
const product: Config = {
  name: `product (30×${MODEL_INPUTS.length}, LSTM 32, 5 horizons × 5 quantiles, batch 256)`,
  spec: { windowLength: 30, inputCount: MODEL_INPUTS.length, hidden: 32, targetCount: MAX_HORIZON, quantiles: QUANTILE_LEVELS },
  windows: QUICK ? 2000 : 10_000,
  batch: 256,
  epochs: 2,
};
const productWide: Config = {
  ...product,
  name: `product inputs, reference size (60×${MODEL_INPUTS.length}, LSTM 64, 5 × 5, batch 512)`,
  spec: { ...product.spec, windowLength: 60, hidden: 64 },
  batch: 512,
};

function samples(config: Config): { x: Float32Array; y: Float32Array } {
  const random = seededRandom(7);
  const { windowLength, inputCount, targetCount } = config.spec;
  return {
    x: Float32Array.from({ length: config.windows * windowLength * inputCount }, () => random() - 0.5),
    y: Float32Array.from({ length: config.windows * targetCount }, () => random()),
  };
}

/** Best s/epoch of our network, after a warm-up epoch. */
async function timeCustom(runtime: TfRuntime, config: Config, fusedCell?: boolean): Promise<number> {
  const data = samples(config);
  const net = createTfNetworkFactory(runtime, { fusedCell }).create(config.spec, 1);
  const seconds: number[] = [];
  await net.fit({ count: config.windows, ...data }, {
    epochs: config.epochs + 1,
    batchSize: config.batch,
    learningRate: 1e-3,
    seed: 1,
    patience: 100,
    onEpoch: (report) => {
      if (report.epoch > 1) seconds.push(report.seconds);
    },
  });
  net.dispose();
  return Math.min(...seconds);
}

/** Best s/epoch of the same shapes through tf.layers.lstm + model.fit (MSE loss: the loss is not where time goes). */
async function timeLayers(tf: Tf, config: Config): Promise<number> {
  const { windowLength, inputCount, hidden, targetCount, quantiles } = config.spec;
  const data = samples(config);
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ units: hidden, inputShape: [windowLength, inputCount] }),
      tf.layers.dense({ units: targetCount * quantiles.length }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const x = tf.tensor3d(data.x, [config.windows, windowLength, inputCount]);
  const y = tf.tensor2d(Float32Array.from({ length: config.windows * targetCount * quantiles.length }, (_, k) => data.y[k % data.y.length] as number), [config.windows, targetCount * quantiles.length]);
  const seconds: number[] = [];
  for (let epoch = 0; epoch <= config.epochs; epoch++) {
    const started = performance.now();
    await model.fit(x, y, { epochs: 1, batchSize: config.batch, shuffle: true, verbose: 0 });
    if (epoch > 0) seconds.push((performance.now() - started) / 1000);
  }
  x.dispose();
  y.dispose();
  model.dispose();
  return Math.min(...seconds);
}

function timeInference(runtime: TfRuntime, config: Config): { one: number; many: number } {
  const { windowLength, inputCount } = config.spec;
  const net = createTfNetworkFactory(runtime).create(config.spec, 1);
  const x = samples({ ...config, windows: 500 }).x;
  const median = (count: number, runs: number): number => {
    const times: number[] = [];
    net.predict(x.subarray(0, count * windowLength * inputCount), count);
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      net.predict(x.subarray(0, count * windowLength * inputCount), count);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
  };
  const result = { one: median(1, 50), many: median(500, 7) };
  net.dispose();
  return result;
}

interface TorchResult {
  secondsPerEpoch?: number;
  infer1Ms?: number;
  infer500Ms?: number;
  skipped?: string;
  threads?: number;
}

function timeTorch(config: Config, threads = 2): TorchResult {
  const args = {
    windows: config.windows,
    steps: config.spec.windowLength,
    inputs: config.spec.inputCount,
    hidden: config.spec.hidden,
    targets: config.spec.targetCount,
    quantiles: config.spec.quantiles,
    batch: config.batch,
    epochs: config.epochs + 1,
    threads,
    inferCounts: config === reference ? [1, 500] : [],
  };
  const run = spawnSync('/usr/bin/python3', [TORCH_SCRIPT, JSON.stringify(args)], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  if (run.error) return { skipped: `/usr/bin/python3 could not run: ${run.error.message}` };
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as TorchResult;
  } catch {
    return { skipped: `torch peer failed (exit ${run.status}): ${run.stderr.trim().split('\n').pop() ?? ''}` };
  }
}

const fmt = (seconds: number, config: Config): string =>
  `${seconds.toFixed(2)} s/epoch, ${Math.round(config.windows / seconds)} samples/s`;

function ratioLine(label: string, tfjsSeconds: number, torch: TorchResult): string {
  if (!torch.secondsPerEpoch) return `  ${label}: PyTorch peer skipped (${torch.skipped ?? 'no figure'})`;
  return `  ${label}: speed vs PyTorch ${(torch.secondsPerEpoch / tfjsSeconds).toFixed(2)}x (PyTorch ${torch.secondsPerEpoch.toFixed(2)} s/epoch, ${torch.threads} threads)`;
}

export async function runTrainThroughputBench(): Promise<void> {
  const runtime = await loadTensorflow();
  const { tf } = runtime;
  console.log(`tfjs ${tf.version.tfjs}; strongest backend: ${runtime.backend}; tried: ${runtime.tried.map((t) => `${t.kind} ${t.ok ? 'ok' : 'skipped'} (${t.reason})`).join('; ')}`);
  console.log(`load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')} (figures from a busy machine are slower on both sides)`);

  for (const config of [reference, referenceBigBatch, product, productWide]) {
    console.log(`\n${config.name}: ${config.windows} windows, best of ${config.epochs} epochs after a warm-up`);
    const fused = await timeCustom(runtime, config, true);
    console.log(`  ${runtime.backend} custom LSTM, fused cell kernel: ${fmt(fused, config)}`);
    if (config === reference || config === product) {
      const composed = await timeCustom(runtime, config, false);
      console.log(`  ${runtime.backend} custom LSTM, op-composed cell (tfjs-node path): ${fmt(composed, config)}`);
      const layers = await timeLayers(tf, config);
      console.log(`  ${runtime.backend} tf.layers.lstm + model.fit: ${fmt(layers, config)}`);
    }
    const torch = timeTorch(config);
    console.log(ratioLine(`${runtime.backend} fused`, fused, torch));
    if (config === product) console.log(`  whole fit on 50,000 windows: ~${((fused * 50_000) / config.windows).toFixed(1)} s per epoch on ${runtime.backend}`);
    if (config === reference) {
      const torch1 = timeTorch(config, 1);
      console.log(ratioLine(`${runtime.backend} fused (PyTorch on 1 thread)`, fused, torch1));
      const inference = timeInference(runtime, config);
      console.log(`  inference ${runtime.backend}: 1 window ${inference.one.toFixed(2)} ms, 500 windows ${inference.many.toFixed(1)} ms`);
      if (torch.infer1Ms !== undefined && torch.infer500Ms !== undefined) {
        console.log(`  inference PyTorch: 1 window ${torch.infer1Ms.toFixed(2)} ms, 500 windows ${torch.infer500Ms.toFixed(1)} ms`);
      }
    }
  }

  // The pure-JS backend is ~10× slower: a fifth of the windows, one timed epoch.
  if (runtime.backend !== 'cpu' && (await tf.setBackend('cpu'))) {
    const small: Config = { ...reference, name: 'reference on pure-JS cpu', windows: QUICK ? 128 : 500, epochs: 1 };
    console.log(`\n${small.name}: ${small.windows} windows (fewer, to save time)`);
    const seconds = await timeCustom(runtime, small, true);
    console.log(`  cpu custom LSTM, fused cell: ${fmt(seconds, small)} → ${((seconds * reference.windows) / small.windows).toFixed(1)} s per 2,500-window epoch`);
    const inference = timeInference(runtime, small);
    console.log(`  inference cpu: 1 window ${inference.one.toFixed(2)} ms, 500 windows ${inference.many.toFixed(1)} ms`);
    await tf.setBackend(runtime.backend);
  }
}
