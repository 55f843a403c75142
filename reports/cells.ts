import type { TopLevelSpec } from 'vega-lite';
import type { Metric, ReportCell, TableColumn } from '../core/reports.ts';

/** Small constructors for notebook cells, so section builders read as the report reads. */

export function markdown(text: string): ReportCell {
  return { kind: 'markdown', text };
}

export function note(tone: 'info' | 'warn', text: string): ReportCell {
  return { kind: 'note', tone, text };
}

export function metrics(items: Metric[]): ReportCell {
  return { kind: 'metric', items };
}

/** The core keeps specs as plain JSON objects; a Vega-Lite spec is one. */
export function chart(id: string, title: string, spec: TopLevelSpec, alt: string): ReportCell {
  return { kind: 'chart', id, title, spec: spec as unknown as Record<string, unknown>, alt };
}

/** A table; columns given as `label` (left) or `label:r` (right-aligned, for numbers). */
export function table(title: string | undefined, columns: string[], rows: string[][], note?: string): ReportCell {
  const parsed: TableColumn[] = columns.map((c) => (c.endsWith(':r') ? { label: c.slice(0, -2), align: 'right' } : { label: c, align: 'left' }));
  return { kind: 'table', ...(title ? { title } : {}), columns: parsed, rows, ...(note ? { note } : {}) };
}

/** `up` for a rise, `down` for a fall, neutral otherwise. */
export function toneOf(change: number | null): Metric['tone'] {
  return change === null || !Number.isFinite(change) || change === 0 ? 'neutral' : change > 0 ? 'up' : 'down';
}
