import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportCell, ReportDocument } from '../../core/reports.ts';
import { pdfHeaderFooter } from '../../templates/pdfHeaderFooter.ts';
import { renderReportHtml } from '../../templates/renderReportHtml.ts';
import { VEGA_ASSETS } from '../../templates/vegaAssets.ts';
import { SAMPLE_FIGURES, sampleReport } from '../reports/sampleReport.ts';

const doc = sampleReport();
const chartCells = doc.sections.flatMap((section) => section.cells).filter((cell) => cell.kind === 'chart');
let print: string;
let web: string;

beforeAll(async () => {
  [print, web] = await Promise.all([renderReportHtml(doc, { mode: 'print' }), renderReportHtml(doc, { mode: 'web', scripts: 'inline' })]);
});

/** The HTML of one section, from its opening tag to the next section's. */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  const end = html.indexOf('</section>', start);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, end);
}

describe('renderReportHtml', () => {
  it('reads like a notebook: title, narrative, contents, the sections in order, provenance last', () => {
    const landmarks = ['<h1>Daily forecast report</h1>', 'id="summary"', 'class="toc"', ...doc.sections.map((s) => `id="${s.id}"`), 'id="provenance"'];
    const positions = landmarks.map((mark) => print.indexOf(mark));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const section of doc.sections) expect(print).toContain(`<li><a href="#${section.id}">${section.title}</a></li>`);
  });

  it("renders every section's cells in their order, in both modes", () => {
    for (const html of [print, web]) {
      for (const section of doc.sections) {
        const kinds = [...sectionHtml(html, section.id).matchAll(/class="cell cell-(\w+)/g)].map((m) => m[1]);
        expect(kinds).toEqual(section.cells.map((cell) => cell.kind));
      }
    }
  });

  it('shows the figures, the narrative with its emphasis, and the note standing in for the TSLA chart', () => {
    for (const figure of SAMPLE_FIGURES) expect(print).toContain(figure);
    expect(print).toContain('<strong>Apple (AAPL)</strong> closed at 213.49');
    expect(print).toContain('<em>tomorrow = today</em>');
    const tesla = sectionHtml(print, 'ticker-TSLA');
    expect(tesla).toContain('class="cell cell-note note note-warn"');
    expect(tesla).toContain('No forecast is published for TSLA');
    expect(tesla).not.toContain('<svg');
  });

  it('aligns figures right and words left, and keeps a column alignment the cell sets', () => {
    const watchlist = sectionHtml(print, 'overview');
    expect(watchlist).toContain('<td class="align-left">AAPL</td><td class="align-right">213.49</td><td class="align-right">+1.78%</td>');
    expect(watchlist).toContain('<td class="align-right">206.31 – 223.87</td><td class="align-left">lstm-2025-03-10-a41c</td>');
    expect(watchlist).toContain('<td class="align-right">n/a</td><td class="align-right">n/a</td>');
    const registry = sectionHtml(print, 'models');
    expect(registry).toContain('<td class="align-left">champion</td>');
  });

  it('renders metric tiles with their tones', () => {
    const apple = sectionHtml(print, 'ticker-AAPL');
    expect(apple).toContain('<div class="metric tone-up"><div class="metric-label">Last close</div><div class="metric-value">213.49</div>');
    expect(apple).toContain('<div class="metric tone-down"><div class="metric-label">5 days</div><div class="metric-value">-2.46%</div>');
    expect(sectionHtml(print, 'ticker-TSLA')).toContain('<div class="metric tone-warn"><div class="metric-label">80% coverage</div>');
  });

  it('print: every chart is an inline SVG that scales to the page, and there is no script at all', () => {
    expect(print).not.toMatch(/<script/i);
    const svgs = [...print.matchAll(/<svg[^>]*>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(chartCells.length);
    svgs.forEach((svg, i) => {
      expect(svg).toContain('width="100%"');
      expect(svg).toMatch(/viewBox="0 0 720 \d+"/);
      expect(svg).not.toMatch(/\sheight="/);
      expect(svg).toContain(`role="img" aria-label="${chartCells[i]!.alt}"`);
    });
    expect(print).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data: blob:">');
  });

  it('print: starts each ticker section on a new page, and only those', () => {
    expect(print).toMatch(/\.report-section\.ticker-section \{\s*break-before: page;/);
    const tickerSections = [...print.matchAll(/<section class="report-section ticker-section" id="([^"]+)"/g)].map((m) => m[1]);
    expect(tickerSections).toEqual(['ticker-AAPL', 'ticker-MSFT', 'ticker-TSLA']);
    expect(print).toContain('@page {\n  size: A4;');
  });

  it('web: each chart keeps its SVG as a fallback and carries its spec for vega-embed', () => {
    const figures = [...web.matchAll(/<figure class="cell cell-chart" id="chart-([^"]+)" data-chart>([\s\S]*?)<\/figure>/g)];
    expect(figures.map((m) => m[1])).toEqual(chartCells.map((cell) => cell.id));
    figures.forEach((figure, i) => {
      expect(figure[2]).toMatch(/<div class="chart-static"><svg/);
      expect(figure[2]).toContain('<div class="chart-view" role="img"');
      const json = /<script type="application\/json">([\s\S]*?)<\/script>/.exec(figure[2]!)?.[1];
      expect(JSON.parse(json!)).toEqual(chartCells[i]!.spec);
    });
    // Drawing the SVGs did not touch the document (Vega tags the data rows it ingests).
    expect(doc).toEqual(sampleReport());
    expect(web).toContain("vegaEmbed(view, spec, options)");
    expect(web).toContain("renderer: 'svg', tooltip: true");
  });

  it('web, inline: the Vega bundles are inlined in load order, so the file works offline', () => {
    expect(web).not.toContain('<script src=');
    const positions = VEGA_ASSETS.map((asset) => web.indexOf(fs.readFileSync(asset.file, 'utf8').slice(0, 300)));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(VEGA_ASSETS.map((asset) => asset.name)).toEqual(['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'embed-charts.js']);
    expect(web).toContain("script-src 'unsafe-inline' 'unsafe-eval'");
  });

  it('web, served: the scripts are linked under the base URL and no policy is set in the page', async () => {
    const html = await renderReportHtml(doc, { mode: 'web', scripts: { baseUrl: '/reports/assets/' } });
    const sources = [...html.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(sources).toEqual(['/reports/assets/vega.min.js', '/reports/assets/vega-lite.min.js', '/reports/assets/vega-embed.min.js', '/reports/assets/embed-charts.js']);
    expect(html.length).toBeLessThan(200_000);
    expect(html).not.toContain('Content-Security-Policy');
  });

  it('ends with provenance: snapshot per ticker, models, code version, time and the narrative source', () => {
    const provenance = print.slice(print.indexOf('id="provenance"'));
    expect(provenance).toContain('<tr><td>AAPL</td><td class="align-right">4812</td><td><code>9f2c41d7be08</code></td><td>2025-03-14</td></tr>');
    expect(provenance).not.toContain('9f2c41d7be08a3f6');
    expect(provenance).toContain('<code>lstm-2025-03-10-a41c</code></td><td>2025-03-07</td>');
    expect(provenance).toContain('<code>0.1.0+d58af82</code>');
    expect(provenance).toContain('2025-03-14 21:42 UTC');
    expect(provenance).toContain('written by a language model (gpt-4o-mini), every number checked against the report&#39;s figures; 1 sentence citing figures not in the data dropped');
  });

  it('says why the template wrote the narrative when the LLM was not used', async () => {
    const templated = sampleReport();
    templated.narrative = { ...templated.narrative, source: 'template', model: null, droppedSentences: 0, fallbackReason: 'no OPENAI_API_KEY' };
    templated.provenance.narrative = { source: 'template', model: null, droppedSentences: 0, fallbackReason: 'no OPENAI_API_KEY' };
    const html = await renderReportHtml(templated, { mode: 'print' });
    expect(html).toContain("Summary written from the report&#39;s figures by tickcast&#39;s template (language model not used: no OPENAI_API_KEY).");
  });

  it('escapes hostile text wherever it appears; a chart title cannot close its JSON script', async () => {
    const attack = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const hostile = sampleReport();
    hostile.title = attack;
    hostile.narrative.paragraphs = [attack, `**${attack}**`];
    const overview = hostile.sections[0]!;
    overview.title = attack;
    overview.cells.push(
      { kind: 'table', title: attack, columns: [{ label: attack }], rows: [[attack]], note: attack },
      { kind: 'metric', items: [{ label: attack, value: attack, detail: attack }] },
      { kind: 'note', tone: 'info', text: attack },
      { kind: 'markdown', text: `# ${attack}\n\n- ${attack}` },
    );
    const chart = hostile.sections[1]!.cells.find((cell) => cell.kind === 'chart')!;
    chart.alt = attack;
    chart.spec = { ...chart.spec, description: '</script><script>alert(3)</script>' };
    const [printed, webbed] = await Promise.all([renderReportHtml(hostile, { mode: 'print' }), renderReportHtml(hostile, { mode: 'web', scripts: { baseUrl: '/a' } })]);
    expect(printed).not.toMatch(/<script|<img/i);
    expect(webbed).not.toMatch(/<img/i);
    // Only the four linked bundles and the two JSON specs: no script the text smuggled in.
    expect(webbed.match(/<script/g)).toHaveLength(VEGA_ASSETS.length + chartCells.length);
    expect(webbed).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(3)');
    expect(pdfHeaderFooter(hostile).headerTemplate).not.toMatch(/<script|<img/);
  });

  it('draws a note in place of a chart that cannot be drawn, and the rest of the report as usual', async () => {
    const broken = sampleReport();
    const cells = broken.sections[1]!.cells;
    const index = cells.findIndex((cell) => cell.kind === 'chart');
    const bad: ReportCell = { kind: 'chart', id: 'remote', title: 'Remote data', alt: 'Remote data', spec: { data: { url: 'https://example.com/x.csv' }, mark: 'line', encoding: { x: { field: 'date', type: 'temporal' }, y: { field: 'close', type: 'quantitative' } } } };
    cells[index] = bad;
    const html = await renderReportHtml(broken, { mode: 'web', scripts: 'inline' });
    expect(sectionHtml(html, 'ticker-AAPL')).toMatch(/<aside class="cell cell-note note note-warn">.*The chart “Remote data” could not be drawn: .*asked for https:\/\/example.com\/x.csv/);
    expect(html.match(/data-chart>/g)).toHaveLength(chartCells.length - 1);
    expect(html).not.toContain('example.com/x.csv"');
  });

  it('gives each inline SVG its own ids, so clip paths do not collide', async () => {
    const clipped: ReportDocument = sampleReport();
    for (const cell of clipped.sections.flatMap((s) => s.cells)) {
      if (cell.kind === 'chart') cell.spec = { ...cell.spec, layer: (cell.spec.layer as object[]).map((layer) => ({ ...layer, mark: { ...(layer as { mark: object }).mark, clip: true } })) };
    }
    const html = await renderReportHtml(clipped, { mode: 'print' });
    const ids = [...html.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });
});

describe('pdfHeaderFooter', () => {
  it('puts the title and date in the header and page X of Y with the provenance line in the footer, at set sizes', () => {
    const { headerTemplate, footerTemplate } = pdfHeaderFooter(doc);
    expect(headerTemplate).toContain('>Daily forecast report</span>');
    expect(headerTemplate).toContain('>2025-03-14</span>');
    expect(footerTemplate).toContain('page <span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(footerTemplate).toContain('tickcast 0.1.0+d58af82 · data to 2025-03-14 · 2 models · generated 2025-03-14 21:42 UTC');
    for (const template of [headerTemplate, footerTemplate]) expect(template).toContain('font-size:7.5pt');
  });
});
