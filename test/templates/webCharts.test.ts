import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../reports/pdf/findBrowser.ts';
import { launchBrowser, type LaunchedBrowser } from '../../reports/pdf/launchBrowser.ts';
import { renderReportHtml } from '../../templates/renderReportHtml.ts';
import { VEGA_ASSETS } from '../../templates/vegaAssets.ts';
import { sampleReport } from '../reports/sampleReport.ts';

const doc = sampleReport();
const chartIds = doc.sections.flatMap((section) => section.cells).flatMap((cell) => (cell.kind === 'chart' ? [cell.id] : []));
let launched: LaunchedBrowser;

beforeAll(async () => {
  launched = await launchBrowser(findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH ?? null));
});

afterAll(async () => {
  await launched?.close();
});

interface ChartState {
  id: string;
  state: string | null;
  error: string | null;
  embedded: boolean;
  drawing: boolean;
  fallback: boolean;
  width: number;
}

/** A page that records script errors and every request it makes. */
async function watchedPage(): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await launched.browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${String(err)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  return { page, problems, requests };
}

/** Each chart figure once embedCharts.js has settled it (interactive or left static). */
async function settledCharts(page: Page): Promise<ChartState[]> {
  // A string, evaluated in the page: the project's TypeScript has no DOM library to type `document` with.
  await page.waitForFunction("[...document.querySelectorAll('figure[data-chart]')].every((figure) => figure.hasAttribute('data-chart-state'))", { timeout: 20_000 });
  return page.$$eval('figure[data-chart]', (figures) =>
    figures.map((figure) => {
      const view = figure.querySelector('.chart-view');
      const drawing = view?.querySelector('svg, canvas');
      return {
        id: figure.id,
        state: figure.getAttribute('data-chart-state'),
        error: figure.getAttribute('data-chart-error'),
        embedded: view?.classList.contains('vega-embed') ?? false,
        drawing: Boolean(drawing),
        fallback: figure.querySelector('.chart-static') !== null,
        width: drawing?.getBoundingClientRect().width ?? 0,
      };
    }),
  );
}

function expectInteractive(charts: ChartState[]): void {
  expect(charts.map((chart) => chart.id)).toEqual(chartIds.map((id) => `chart-${id}`));
  for (const chart of charts) expect(chart).toMatchObject({ state: 'interactive', error: null, embedded: true, drawing: true, fallback: false });
  for (const chart of charts) expect(chart.width).toBeGreaterThan(300);
}

describe('web report in Chromium', () => {
  it('inline scripts: vega-embed turns every chart into an interactive view, offline and without errors', async () => {
    const html = await renderReportHtml(doc, { mode: 'web', scripts: 'inline' });
    const { page, problems, requests } = await watchedPage();
    try {
      await page.setViewport({ width: 1000, height: 1400 });
      await page.setContent(html, { waitUntil: 'load' });
      expectInteractive(await settledCharts(page));
      // Hovering a close shows vega-embed's tooltip with the session and its close.
      const point = await page.$('#chart-aapl-forecast .chart-view svg .mark-symbol path:last-child');
      await point!.hover();
      const tooltip = await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });
      expect(await tooltip!.evaluate((node) => node.textContent)).toContain('2025-03-14');
      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('data:') && !url.startsWith('about:'))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('served scripts: the page loads VEGA_ASSETS from the base URL and draws the same charts', async () => {
    const assets = new Map(VEGA_ASSETS.map((asset) => [`/reports/assets/${asset.name}`, asset.file]));
    const html = await renderReportHtml(doc, { mode: 'web', scripts: { baseUrl: '/reports/assets' } });
    const server = http.createServer((req, res) => {
      const file = assets.get(req.url ?? '');
      // Chromium asks for a favicon on its own; answering keeps its 404 out of the console errors.
      if (req.url === '/favicon.ico') res.writeHead(204).end();
      else if (req.url === '/report.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else if (file) res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(file));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { page, problems, requests } = await watchedPage();
    try {
      await page.goto(`${origin}/report.html`, { waitUntil: 'load' });
      expectInteractive(await settledCharts(page));
      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.endsWith('/favicon.ico'))).toEqual([`${origin}/report.html`, ...VEGA_ASSETS.map((asset) => `${origin}/reports/assets/${asset.name}`)]);
    } finally {
      await page.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('without JavaScript the static SVG of each chart still shows', async () => {
    const html = await renderReportHtml(doc, { mode: 'web', scripts: 'inline' });
    const { page } = await watchedPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setContent(html, { waitUntil: 'load' });
      const heights = await page.$$eval('figure[data-chart] .chart-static svg', (svgs) => svgs.map((svg) => svg.getBoundingClientRect().height));
      expect(heights).toHaveLength(chartIds.length);
      for (const height of heights) expect(height).toBeGreaterThan(150);
    } finally {
      await page.close();
    }
  });
});
