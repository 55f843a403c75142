import { expect } from 'vitest';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/;
const LABEL_PAIR = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"(,|$)/;

/**
 * A strict reader of Prometheus's text format (0.0.4): HELP and TYPE before a family's samples, every sample of a
 * declared family (with the histogram suffixes), labels well quoted and escaped, values floats; histograms with
 * cumulative buckets ending in `+Inf` equal to `_count`. Throws on anything else.
 */
export function parsePrometheusText(text: string): { types: Map<string, string>; samples: Sample[] } {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const name = line.slice(7).split(' ')[0]!;
      if (!METRIC_NAME.test(name)) throw new Error(`bad HELP name: ${line}`);
      helped.add(name);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (!METRIC_NAME.test(name!) || !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type!)) throw new Error(`bad TYPE line: ${line}`);
      if (types.has(name!)) throw new Error(`family declared twice: ${name}`);
      types.set(name!, type!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const [, name, , labelText, valueText] = match;
    const labels: Record<string, string> = {};
    let rest = labelText ?? '';
    while (rest.length > 0) {
      const pair = LABEL_PAIR.exec(rest);
      if (!pair) throw new Error(`bad labels in ${JSON.stringify(line)}`);
      labels[pair[1]!] = pair[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      rest = rest.slice(pair[0].length);
    }
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : valueText === 'NaN' ? NaN : Number(valueText);
    if (!/^(?:[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+)|\+Inf|-Inf|NaN)$/i.test(valueText!)) throw new Error(`bad value in ${JSON.stringify(line)}`);
    const family = familyOf(name!, types);
    if (!family) throw new Error(`sample of no declared family: ${name}`);
    if (!helped.has(family)) throw new Error(`family without HELP: ${family}`);
    samples.push({ name: name!, labels, value });
  }
  checkHistograms(types, samples);
  return { types, samples };
}

function familyOf(name: string, types: Map<string, string>): string | null {
  if (types.has(name)) return name;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && ['histogram', 'summary'].includes(types.get(base) ?? '')) return base;
  }
  return null;
}

function checkHistograms(types: Map<string, string>, samples: readonly Sample[]): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, Sample[]>();
    for (const sample of samples.filter((s) => s.name === `${family}_bucket`)) {
      const { le: _le, ...rest } = sample.labels;
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), sample]);
    }
    for (const [key, buckets] of series) {
      const bounds = buckets.map((b) => Number(b.labels.le === '+Inf' ? Infinity : b.labels.le));
      expect(bounds.at(-1)).toBe(Infinity);
      for (let i = 1; i < buckets.length; i++) {
        expect(bounds[i]!).toBeGreaterThan(bounds[i - 1]!);
        expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
      }
      const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(s.labels) === key);
      expect(count?.value).toBe(buckets.at(-1)!.value);
    }
  }
}

/** A scrape, read strictly, with lookups by name and labels (every label given must match). */
export function parsePrometheus(text: string): { samples: Sample[]; has(name: string): boolean; value(name: string, labels?: Record<string, string>): number | undefined } {
  const { samples } = parsePrometheusText(text);
  const matching = (name: string, labels: Record<string, string>) => samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    samples,
    has: (name) => samples.some((s) => s.name === name || s.name.startsWith(`${name}_`)),
    value: (name, labels = {}) => {
      const found = matching(name, labels);
      return found.length === 0 ? undefined : found.reduce((sum, s) => sum + s.value, 0);
    },
  };
}
