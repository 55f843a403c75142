import type { Browser } from 'puppeteer';
import { OperationalError, TemporaryError, oneLine } from '../../core/errors.ts';
import type { HeaderFooter } from '../../templates/pdfHeaderFooter.ts';
import { countPdfPages } from './countPdfPages.ts';
import { launchBrowser, type LaunchedBrowser } from './launchBrowser.ts';

export interface RenderedPdf {
  pdf: Uint8Array;
  pages: number;
}

export interface PdfRenderer {
  /** Prints a self-contained HTML document to an A4 PDF with the given running header and footer. */
  render(html: string, headerFooter: HeaderFooter): Promise<RenderedPdf>;
  /**
   * Starts the browser now if none is running, without waiting, so its start-up overlaps other work (building the
   * report). A failed start is not kept: the next render tries again and reports the error.
   */
  warm(): void;
  /** Closes the browser and removes its profile. The renderer cannot be used afterwards. */
  close(): Promise<void>;
  /** Browsers started so far: 1 for a whole batch, more only when one died or failed to start. */
  readonly launches: number;
}

export interface PdfRendererOptions {
  executablePath: string;
  /** Limit for starting the browser, loading a document and printing it (default 60 s). */
  timeoutMs?: number;
}

/** The same margins as report.css's @page: room for the header and footer Chromium draws in them. */
const MARGIN = { top: '20mm', bottom: '18mm', left: '15mm', right: '15mm' };

/**
 * One browser for a batch of PDFs, started on the first render (about 0.5-1 s) and reused, since a page costs a
 * fraction of that. A browser that died is replaced on the next render. Documents may load nothing: every request
 * but `data:` and `about:` is aborted, so a stray URL in a report cannot reach the network from the print server.
 */
export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let current: Promise<LaunchedBrowser> | null = null;
  let launches = 0;
  let closed = false;

  const launch = (): Promise<LaunchedBrowser> => {
    launches++;
    const attempt = launchBrowser(options.executablePath, timeoutMs);
    current = attempt;
    // A failed start is not cached: the next render tries again.
    attempt.then(
      (launched) => launched.browser.once('disconnected', () => void (current === attempt && (current = null))),
      () => void (current === attempt && (current = null)),
    );
    return attempt;
  };

  const browser = async (): Promise<Browser> => {
    if (closed) throw new OperationalError('pdf_renderer_closed', 'the PDF renderer was closed; create another');
    const attempt = current ?? launch();
    const launched = await attempt;
    if (launched.browser.connected) return launched.browser;
    // Died, and its disconnected event has not run yet: start another.
    if (current === attempt) current = null;
    await launched.close();
    return (await (current ?? launch())).browser;
  };

  return {
    get launches() {
      return launches;
    },
    warm() {
      if (closed || current) return;
      launch().catch(() => {});
    },
    async render(html, headerFooter) {
      const open = await browser();
      try {
        return await printPage(open, html, headerFooter, timeoutMs);
      } catch (err) {
        throw renderError(err, open, timeoutMs);
      }
    },
    async close() {
      closed = true;
      const launched = await current?.catch(() => null);
      current = null;
      await launched?.close();
    },
  };
}

async function printPage(browser: Browser, html: string, headerFooter: HeaderFooter, timeoutMs: number): Promise<RenderedPdf> {
  const page = await browser.newPage();
  try {
    page.setDefaultTimeout(timeoutMs);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('about:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerFooter.headerTemplate,
      footerTemplate: headerFooter.footerTemplate,
      margin: MARGIN,
      timeout: timeoutMs,
    });
    const pages = countPdfPages(pdf);
    if (pages < 1) throw new OperationalError('pdf_unreadable', `Chromium returned a PDF without a page tree (${pdf.byteLength} bytes)`);
    return { pdf, pages };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** A timeout or a crashed browser is worth a retry (the next render starts a new browser); the rest is not. */
function renderError(err: unknown, browser: Browser, timeoutMs: number): Error {
  if (err instanceof OperationalError) return err;
  // By name: the class would load puppeteer at import, which only the browser's start needs.
  if (err instanceof Error && err.name === 'TimeoutError') return new TemporaryError('pdf_timeout', `printing the PDF took longer than ${timeoutMs} ms`, { cause: err });
  if (!browser.connected) return new TemporaryError('pdf_browser_died', `Chromium stopped while printing: ${oneLine(err)}`, { cause: err });
  return new OperationalError('pdf_render_failed', `Chromium could not print the report: ${oneLine(err)}`, { cause: err });
}
