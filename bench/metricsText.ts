// Reading the service's own account: Prometheus's text format as /metrics serves it, and quantiles estimated from
// the buckets of tickcast_command_duration_seconds.
import { duration } from './slackLoad.ts';

/** Every sample of a scrape: metric name (with its _bucket/_count/_sum suffix), labels, value. */
export type Samples = { name: string; labels: Record<string, string>; value: number }[];

export function parseMetrics(text: string): Samples {
  const samples: Samples = [];
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * Quantiles of one command's latency histogram, every surface and outcome together, interpolated within buckets
 * the way PromQL's histogram_quantile does; past the last finite bucket, that bound (shown as "> bound").
 */
export function commandQuantiles(samples: Samples, command: string, qs: readonly number[]): { count: number; values: string[] } {
  const buckets = new Map<number, number>();
  for (const sample of samples) {
    if (sample.name !== 'tickcast_command_duration_seconds_bucket' || sample.labels.command !== command) continue;
    const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + sample.value);
  }
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const count = sorted.at(-1)?.[1] ?? 0;
  const values = qs.map((q) => {
    if (count === 0) return '-';
    const rank = q * count;
    let below = 0;
    let lower = 0;
    for (const [le, cumulative] of sorted) {
      if (cumulative >= rank) {
        if (le === Infinity) return `> ${duration(lower * 1000)}`;
        const within = cumulative - below;
        const seconds = within > 0 ? lower + ((le - lower) * (rank - below)) / within : le;
        return duration(seconds * 1000);
      }
      below = cumulative;
      lower = le;
    }
    return '-';
  });
  return { count, values };
}

/**
 * What counters and histograms gained between two scrapes of one process: each sample of `after` named with
 * `prefix`, less the same sample (same name and labels) of `before`; a sample new since then keeps its value.
 * Gauges are meaningless here, so only names starting with `prefix` are kept.
 */
export function samplesSince(after: Samples, before: Samples, prefix: string): Samples {
  const key = (sample: Samples[number]) => `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort(([a], [b]) => a.localeCompare(b)))}`;
  const earlier = new Map(before.filter((sample) => sample.name.startsWith(prefix)).map((sample) => [key(sample), sample.value]));
  return after.filter((sample) => sample.name.startsWith(prefix)).map((sample) => ({ ...sample, value: sample.value - (earlier.get(key(sample)) ?? 0) }));
}

/** The first sample named `name` (an unlabelled gauge such as process_resident_memory_bytes); null when absent. */
export function metric(samples: Samples, name: string): number | null {
  return samples.find((sample) => sample.name === name)?.value ?? null;
}

/** Commands by how the service's histogram counted them, outcomes apart: `{ forecast: { ok: 3, error: 1 } }`. */
export function countsByCommand(samples: Samples): Map<string, Record<string, number>> {
  const counts = new Map<string, Record<string, number>>();
  for (const sample of samples) {
    if (sample.name !== 'tickcast_command_duration_seconds_count') continue;
    const outcomes = counts.get(sample.labels.command!) ?? {};
    outcomes[sample.labels.outcome!] = (outcomes[sample.labels.outcome!] ?? 0) + sample.value;
    counts.set(sample.labels.command!, outcomes);
  }
  return counts;
}
