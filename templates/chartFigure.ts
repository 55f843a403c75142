import type { ReportCell } from '../core/reports.ts';
import { escapeHtml } from './escapeHtml.ts';
import { scriptJson } from './scriptJson.ts';

type ChartCell = Extract<ReportCell, { kind: 'chart' }>;

/**
 * One chart cell. Print: the SVG alone. Web: the same SVG as the no-script fallback, an empty view that
 * embedCharts.js fills with vega-embed, and the spec as JSON beside them. `n` numbers the charts of a report so the
 * SVGs' ids stay unique when several sit in one document.
 */
export function chartFigure(cell: ChartCell, svg: string, n: number, mode: 'print' | 'web'): string {
  const drawing = scalableSvg(svg, `c${n}-`, cell.alt);
  // A spec that draws its own title (the chat charts do) needs no second one above it.
  const title = 'title' in cell.spec ? '' : `<figcaption>${escapeHtml(cell.title)}</figcaption>`;
  const id = `chart-${escapeHtml(cell.id)}`;
  if (mode === 'print') return `<figure class="cell cell-chart" id="${id}">${title}${drawing}</figure>`;
  return [
    `<figure class="cell cell-chart" id="${id}" data-chart>`,
    title,
    `<div class="chart-static">${drawing}</div>`,
    `<div class="chart-view" role="img" aria-label="${escapeHtml(cell.alt)}"></div>`,
    `<script type="application/json">${scriptJson(cell.spec)}</script>`,
    '</figure>',
  ].join('');
}

/**
 * Vega's SVG has a fixed pixel size. Dropping it (the viewBox stays) lets the drawing scale to the column, which in
 * print is narrower than the 720 px charts are drawn at; ids are prefixed because inline SVGs share one id space.
 */
function scalableSvg(svg: string, idPrefix: string, alt: string): string {
  const prefixed = svg
    .replace(/\sid="([^"]+)"/g, ` id="${idPrefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${idPrefix}$1"`);
  return prefixed.replace(/^<svg\b([^>]*)>/, (_open, attributes: string) => {
    const width = /\swidth="([\d.]+)"/.exec(attributes)?.[1];
    const rest = attributes.replace(/\s(width|height)="[^"]*"/g, '');
    const maxWidth = width ? ` style="max-width:${width}px"` : '';
    return `<svg${rest} width="100%" role="img" aria-label="${escapeHtml(alt)}"${maxWidth}>`;
  });
}
