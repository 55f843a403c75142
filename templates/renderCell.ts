import type { Metric, ReportCell, TableColumn } from '../core/reports.ts';
import { escapeHtml } from './escapeHtml.ts';
import { renderInline, renderMarkdown } from './markdown.ts';

type TextCell = Exclude<ReportCell, { kind: 'chart' }>;

/** Every cell but a chart (which needs its SVG drawn first: chartFigure.ts) as HTML. */
export function renderCell(cell: TextCell): string {
  switch (cell.kind) {
    case 'markdown':
      return `<div class="cell cell-markdown">${renderMarkdown(cell.text)}</div>`;
    case 'table':
      return tableCell(cell);
    case 'metric':
      return `<div class="cell cell-metric"><div class="metrics">${cell.items.map(metricTile).join('')}</div></div>`;
    case 'note':
      return noteCell(cell.tone, cell.text);
  }
}

/** A boxed remark; also what stands in for a chart that could not be drawn. */
export function noteCell(tone: 'info' | 'warn', text: string): string {
  const label = tone === 'warn' ? 'Warning' : 'Note';
  return `<aside class="cell cell-note note note-${tone}"><span class="note-label">${label}</span>${renderMarkdown(text)}</aside>`;
}

function metricTile(metric: Metric): string {
  const tone = metric.tone ?? 'neutral';
  const detail = metric.detail ? `<div class="metric-detail">${escapeHtml(metric.detail)}</div>` : '';
  return [
    `<div class="metric tone-${tone}">`,
    `<div class="metric-label">${escapeHtml(metric.label)}</div>`,
    `<div class="metric-value">${escapeHtml(metric.value)}</div>`,
    detail,
    '</div>',
  ].join('');
}

function tableCell(cell: Extract<ReportCell, { kind: 'table' }>): string {
  const aligns = cell.columns.map((column, i) => columnAlign(column, cell.rows.map((row) => row[i] ?? '')));
  const head = cell.columns.map((column, i) => `<th scope="col" class="align-${aligns[i]}">${escapeHtml(column.label)}</th>`).join('');
  const body = cell.rows
    .map((row) => `<tr>${cell.columns.map((_, i) => `<td class="align-${aligns[i]}">${escapeHtml(row[i] ?? '')}</td>`).join('')}</tr>`)
    .join('');
  const caption = cell.title ? `<caption>${escapeHtml(cell.title)}</caption>` : '';
  const note = cell.note ? `<p class="table-note">${renderInline(cell.note)}</p>` : '';
  return `<div class="cell cell-table"><table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}</div>`;
}

/** A worded figure: `189.98`, `+1.2%`, `-0.4`, `1,234`, `188.00 – 192.00`, `0.950`, or `n/a` for a missing one. */
const FIGURE = /^(?:[+\-−]?[$€£]?\d[\d,]*(?:\.\d+)?\s?%?(?:\s?[–-]\s?[+\-−]?[$€£]?\d[\d,]*(?:\.\d+)?%?)?|n\/a|—|)$/;

/** The column's own alignment, else right when every value is a figure (and at least one is not blank). */
function columnAlign(column: TableColumn, values: string[]): 'left' | 'right' {
  if (column.align) return column.align;
  const figures = values.map((v) => v.trim());
  return figures.some((v) => v !== '' && v !== 'n/a' && v !== '—') && figures.every((v) => FIGURE.test(v)) ? 'right' : 'left';
}
