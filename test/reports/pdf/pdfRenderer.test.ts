import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationalError } from '../../../core/errors.ts';
import { findBrowser } from '../../../reports/pdf/findBrowser.ts';
import { createPdfRenderer, type PdfRenderer, type RenderedPdf } from '../../../reports/pdf/pdfRenderer.ts';
import { renderReportPdf } from '../../../reports/pdf/renderReportPdf.ts';
import { pngSize } from '../../support/png.ts';
import { SAMPLE_FIGURES, sampleReport } from '../sampleReport.ts';
import { pdfInfo, pdfPagePng, pdfText } from '../../support/poppler.ts';
import { pngPixels } from './pngPixels.ts';

const executablePath = findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH ?? null);
// A folder of this file's own, so the browser's profile (made under the temp folder) can be told from any other.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-pdf-test-'));
const pdfFile = path.join(dir, 'report.pdf');
let renderer: PdfRenderer;
let sample: RenderedPdf & { html: string };

const savedTmpdir = process.env.TMPDIR;

beforeAll(async () => {
  process.env.TMPDIR = dir;
  renderer = createPdfRenderer({ executablePath, timeoutMs: 30_000 });
  sample = await renderReportPdf(sampleReport(), renderer);
  fs.writeFileSync(pdfFile, sample.pdf);
});

afterAll(async () => {
  await renderer?.close();
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('createPdfRenderer with the sample report', () => {
  it('prints a PDF whose text holds the tickers, the figures of tables and tiles, and the narrative', async () => {
    expect(Buffer.from(sample.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdfFile);
    for (const ticker of ['AAPL', 'MSFT', 'TSLA']) expect(text).toContain(ticker);
    for (const figure of SAMPLE_FIGURES) expect(text).toContain(figure);
    expect(text).toContain('Apple (AAPL) closed at 213.49, up 1.78% on the day');
    expect(text).toContain('No forecast is published for TSLA');
    expect(text).toContain('lstm-2025-03-10-a41c');
    expect(text).toContain('9f2c41d7be08');
  });

  it('counts the pages as pdfinfo does: several A4 pages, titled like the report', async () => {
    const info = await pdfInfo(pdfFile);
    expect(Number(info.Pages)).toBe(sample.pages);
    expect(sample.pages).toBeGreaterThan(1);
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+|^595\.\d+ x 842\.\d+/);
    expect(info.Title).toBe('Daily forecast report');
  });

  it('has a running header and a "page X of Y" footer with the provenance line on every page', async () => {
    for (const page of [1, sample.pages]) {
      const text = await pdfText(pdfFile, { first: page, last: page });
      expect(text).toContain(`page ${page} of ${sample.pages}`);
      expect(text).toContain('Daily forecast report');
      expect(text).toContain('tickcast 0.1.0+d58af82 · data to 2025-03-14');
    }
  });

  it('starts each ticker on a page of its own', async () => {
    const pages = await Promise.all(Array.from({ length: sample.pages }, (_, i) => pdfText(pdfFile, { first: i + 1, last: i + 1 })));
    // Page 1 holds the contents, which name every section; the sections themselves follow, one ticker a page.
    expect(pages[0]).toContain('Watchlist');
    expect(pages[1]).toMatch(/^\s*Daily forecast report 2025-03-14 AAPL · Apple Inc\./);
    expect(pages[2]).toMatch(/^\s*Daily forecast report 2025-03-14 MSFT · Microsoft Corp\./);
    expect(pages[3]).toMatch(/^\s*Daily forecast report 2025-03-14 TSLA · Tesla Inc\./);
  });

  it('renders page 1 to a PNG that is not blank', async () => {
    const png = fs.readFileSync(await pdfPagePng(pdfFile, 1, 50, path.join(dir, 'page1')));
    // A4 at 50 dpi.
    expect(pngSize(png)).toEqual({ width: 414, height: 585 });
    const pixels = pngPixels(png);
    expect(pixels.ink).toBeGreaterThan(0.03);
    expect(pixels.ink).toBeLessThan(0.5);
    // The accent colours and tile tones survive printing (printBackground and print-color-adjust).
    expect(pixels.colour).toBeGreaterThan(0.001);
  });

  it('renders a batch with one browser', async () => {
    const again = await renderReportPdf(sampleReport(), renderer);
    expect(again.pages).toBe(sample.pages);
    expect(renderer.launches).toBe(1);
  });

  it('lets the document reach no network: every request but data: is aborted', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html = `<!doctype html><html><head><link rel="stylesheet" href="${base}/style.css"></head><body><p>offline</p><img src="${base}/pixel.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><script src="${base}/x.js"></script></body></html>`;
      const result = await renderer.render(html, { headerTemplate: '<span></span>', footerTemplate: '<span></span>' });
      expect(result.pages).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(hits).toEqual([]);
  });

  it('starts another browser on the next render when the one it had died', async () => {
    const before = renderer.launches;
    const pid = browserPid(dir);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isRunning(pid));
    const result = await renderReportPdf(sampleReport(), renderer);
    expect(result.pages).toBe(sample.pages);
    expect(renderer.launches).toBe(before + 1);
  });
});

describe('createPdfRenderer when the browser does not start', () => {
  it('fails with the executable and the first line of what it said, and tries again on the next render', async () => {
    const fake = path.join(dir, 'broken-chromium');
    fs.writeFileSync(fake, '#!/bin/sh\necho "broken-chromium: error while loading shared libraries: libnss3.so: cannot open shared object file" >&2\nexit 127\n', { mode: 0o755 });
    const broken = createPdfRenderer({ executablePath: fake, timeoutMs: 10_000 });
    try {
      const err = await broken.render('<p>x</p>', { headerTemplate: '', footerTemplate: '' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OperationalError);
      expect((err as OperationalError).code).toBe('browser_launch_failed');
      expect((err as Error).message).toBe(
        `Chromium at ${fake} did not start: Failed to launch the browser process: Code: 127 (broken-chromium: error while loading shared libraries: libnss3.so: cannot open shared object file)`,
      );
      await expect(broken.render('<p>x</p>', { headerTemplate: '', footerTemplate: '' })).rejects.toThrow(OperationalError);
      expect(broken.launches).toBe(2);
    } finally {
      await broken.close();
    }
  });
});

/**
 * The pid of the main browser process whose profile lies under `folder` (its helpers carry `--type=`), read from
 * /proc so the test needs no procps.
 */
function browserPid(folder: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited while we looked
    }
    if (args.some((arg) => arg.startsWith(`--user-data-dir=${folder}`)) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no browser with a profile under ${folder}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const start = Date.now(); !condition(); ) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
