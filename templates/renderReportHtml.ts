import type { TopLevelSpec } from 'vega-lite';
import { chartSvg } from '../charts/renderChart.ts';
import { oneLine } from '../core/errors.ts';
import type { ReportCell, ReportDocument, ReportSection } from '../core/reports.ts';
import { chartFigure } from './chartFigure.ts';
import { escapeHtml } from './escapeHtml.ts';
import { renderMarkdown } from './markdown.ts';
import { narrativeSource, provenanceBlock } from './provenanceBlock.ts';
import { readableInstant } from './readableInstant.ts';
import { noteCell, renderCell } from './renderCell.ts';
import { reportCss } from './reportCss.ts';
import { webScripts, type WebScripts } from './webScripts.ts';

/** Print: static SVG charts and no script, for the PDF. Web: interactive charts through vega-embed. */
export type ReportHtmlOptions = { mode: 'print' } | { mode: 'web'; scripts: WebScripts };

/**
 * A report as one complete HTML document, read top to bottom like a notebook: title, narrative, contents, the
 * sections' cells in their order, provenance. Styles are inlined; in print mode nothing else is needed to render it.
 */
export async function renderReportHtml(doc: ReportDocument, options: ReportHtmlOptions): Promise<string> {
  const svgs = await drawCharts(doc.sections);
  let chartNumber = 0;
  const cellHtml = (cell: ReportCell): string => {
    if (cell.kind !== 'chart') return renderCell(cell);
    const drawn = svgs.get(cell);
    if (!drawn || 'error' in drawn) return noteCell('warn', `The chart “${cell.title}” could not be drawn: ${drawn?.error ?? 'unknown error'}.`);
    return chartFigure(cell, drawn.svg, ++chartNumber, options.mode);
  };
  const sections = doc.sections.map((section) => sectionHtml(section, section.cells.map(cellHtml).join('\n')));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    contentPolicy(options),
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${reportCss()}</style>`,
    '</head>',
    `<body class="mode-${options.mode}">`,
    '<div class="report">',
    titleBlock(doc),
    narrativeBlock(doc),
    contents(doc.sections),
    '<main>',
    ...sections,
    '</main>',
    provenanceBlock(doc.provenance),
    '</div>',
    options.mode === 'web' ? webScripts(options.scripts) : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

type Drawn = { svg: string } | { error: string };

/**
 * A report is rendered twice from one document (print for the PDF, then the web page, whose charts keep the same SVG
 * as their no-script fallback): each spec object is drawn once. Weak, so a finished report's drawings go with it.
 */
const drawnBySpec = new WeakMap<object, Promise<Drawn>>();

/**
 * Every chart's SVG, drawn up front (chartSvg is async). A chart that fails becomes a visible note in its place
 * rather than failing the whole report: the figures and the other charts still reach subscribers.
 */
async function drawCharts(sections: readonly ReportSection[]): Promise<Map<ReportCell, Drawn>> {
  const charts = sections.flatMap((section) => section.cells.filter((cell) => cell.kind === 'chart'));
  // Vega tags the rows of inline data it ingests (a symbol-keyed id), so it draws a copy and the document stays as
  // given. core/ keeps specs as plain records so it need not depend on vega-lite; a malformed one fails in chartSvg.
  const draw = (cell: (typeof charts)[number]): Promise<Drawn> => {
    let drawing = drawnBySpec.get(cell.spec);
    if (!drawing) {
      drawing = chartSvg(structuredClone(cell.spec) as unknown as TopLevelSpec).then((svg) => ({ svg }), (err: unknown) => ({ error: oneLine(err) }));
      drawnBySpec.set(cell.spec, drawing);
    }
    return drawing;
  };
  const drawn = await Promise.all(charts.map(draw));
  return new Map(charts.map((cell, i) => [cell, drawn[i]!]));
}

/**
 * A self-contained document may load nothing from anywhere: the PDF's browser blocks requests anyway, and a saved
 * `--html` file stays inert offline. Vega compiles its expressions with `Function`, hence 'unsafe-eval' on the web.
 * A page whose scripts the service serves gets its policy from the service's headers instead.
 */
function contentPolicy(options: ReportHtmlOptions): string {
  if (options.mode === 'web' && options.scripts !== 'inline') return '';
  const scripts = options.mode === 'web' ? "; script-src 'unsafe-inline' 'unsafe-eval'" : '';
  return `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: blob:${scripts}">`;
}

function titleBlock(doc: ReportDocument): string {
  const meta: [string, string][] = [
    ['Report date', doc.reportDate],
    ['Generated', readableInstant(doc.provenance.generatedAt)],
    ['Tickers', doc.tickers.join(', ') || 'none'],
  ];
  return [
    '<header class="report-head">',
    '<p class="kicker">tickcast · daily report</p>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<dl class="report-meta">${meta.map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function narrativeBlock(doc: ReportDocument): string {
  const paragraphs = doc.narrative.paragraphs.map((paragraph) => renderMarkdown(paragraph)).join('\n');
  const source = narrativeSource(doc.provenance.narrative);
  return [
    '<section class="narrative" id="summary">',
    '<h2>Summary</h2>',
    paragraphs,
    `<p class="narrative-source">Summary ${escapeHtml(source)}.</p>`,
    '</section>',
  ].join('\n');
}

function contents(sections: readonly ReportSection[]): string {
  const entries = [...sections.map((section) => ({ id: section.id, title: section.title })), { id: 'provenance', title: 'Data and provenance' }];
  const items = entries.map((entry) => `<li><a href="#${escapeHtml(entry.id)}">${escapeHtml(entry.title)}</a></li>`).join('');
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items}</ol></nav>`;
}

/** Ticker sections (`ticker-AAPL`) start a page each in print; the others run on. */
function sectionHtml(section: ReportSection, body: string): string {
  const kind = section.id.startsWith('ticker-') ? 'report-section ticker-section' : 'report-section';
  return [`<section class="${kind}" id="${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`, body, '</section>'].join('\n');
}
