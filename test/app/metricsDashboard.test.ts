import fs from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../app/metrics.ts';

const DASHBOARD = new URL('../../ops/grafana/tickcast-dashboard.json', import.meta.url);

/** PromQL's own words: functions, aggregations and their modifiers. Any other bare identifier is a metric name. */
const PROMQL_WORDS = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'histogram_quantile', 'time', 'vector', 'scalar', 'abs',
  'clamp_min', 'clamp_max', 'label_values', 'absent', 'changes', 'resets', 'max_over_time', 'min_over_time',
  'avg_over_time', 'sum_over_time', 'last_over_time', 'timestamp', 'round', 'e', 'inf', 'nan',
]);

interface Panel {
  type: string;
  title?: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}

/** The metric names an expression reads: what is left once strings, label matchers, ranges, groupings and numbers are gone. */
function metricNamesOf(expr: string): string[] {
  const bare = expr
    // Grafana's `label_values(metric, label)`: the second argument names a label.
    .replace(/\blabel_values\(([^,)]*),[^)]*\)/g, '$1')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\b\d+(ms|s|m|h|d|w|y)\b/g, ' ')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, ' ');
  return [...bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)].map((m) => m[0]).filter((word) => !PROMQL_WORDS.has(word) && !word.startsWith('$'));
}

/** Every sample name the registry can expose: each family, and a histogram's `_bucket`, `_sum` and `_count`. */
async function exportedNames(): Promise<Set<string>> {
  const { registry } = createMetrics({ logger: pino({ level: 'silent' }) });
  const names = new Set<string>();
  for (const match of (await registry.metrics()).matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = match;
    names.add(name!);
    if (type === 'histogram' || type === 'summary') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as {
    title: string;
    uid: string;
    panels: Panel[];
    templating: { list: { name: string; type: string; query: unknown }[] };
  };
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  const exprs = [
    ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
    ...dashboard.templating.list.filter((v) => v.type === 'query').map((v) => (typeof v.query === 'string' ? v.query : (v.query as { query: string }).query)),
  ];

  it('reads only metrics tickcast exports', async () => {
    const exported = await exportedNames();
    expect(exprs.length).toBeGreaterThan(20);
    for (const expr of exprs) {
      const names = metricNamesOf(expr);
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) expect(exported.has(name), `${name} in ${expr}`).toBe(true);
    }
  });

  it('covers every tickcast family and the process figures', async () => {
    const read = new Set(exprs.flatMap(metricNamesOf).map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    const families = [...(await exportedNames())].filter((name) => name.startsWith('tickcast_') && !/_(bucket|sum|count)$/.test(name));
    for (const family of families) expect(read.has(family) || read.has(`${family}_count`), family).toBe(true);
    for (const name of ['process_resident_memory_bytes', 'process_cpu_seconds_total', 'nodejs_heap_size_used_bytes']) expect(read.has(name), name).toBe(true);
  });

  it('takes its Prometheus data source from the DS_PROMETHEUS variable', () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', query: 'prometheus' }));
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${DS_PROMETHEUS}' });
      for (const target of panel.targets ?? []) expect(target.datasource?.uid, panel.title).toBe('${DS_PROMETHEUS}');
    }
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
  });

  it('the expression reader finds the names it should', () => {
    expect(metricNamesOf('histogram_quantile(0.9, sum by (le, job) (rate(a_bucket{job=~"x|y", instance=~"$instance"}[$__rate_interval])))')).toEqual(['a_bucket']);
    expect(metricNamesOf('time() - max by (job) (b) / c{d="e"} offset 5m')).toEqual(['b', 'c']);
    expect(metricNamesOf('label_values(process_start_time_seconds, instance)')).toEqual(['process_start_time_seconds']);
  });
});
