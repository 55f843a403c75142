import { performance } from 'node:perf_hooks';
import { codeVersion } from './codeVersion.ts';
import { forecastAndAlert } from './forecastAndAlert.ts';
import type { App } from './wiring.ts';
import { forecastTicker } from '../model/forecastService.ts';
import { buildReport, type ReportRequest } from '../reports/buildReport.ts';
import { createNarrativeWriter } from '../reports/narrative/narrativeWriter.ts';
import { findBrowser } from '../reports/pdf/findBrowser.ts';
import { createPdfRenderer, type PdfRenderer } from '../reports/pdf/pdfRenderer.ts';
import { storeReport, type StoredReport } from '../reports/storeReport.ts';
import type { ReportDocument } from '../core/reports.ts';
import { day } from '../render/wording.ts';

export interface MadeReport extends StoredReport {
  document: ReportDocument;
}

export interface ReportService {
  /** Builds, renders and stores one report. The browser starts on the first report and serves the rest. */
  make(request: ReportRequest): Promise<MadeReport>;
  /** Closes the browser. */
  close(): Promise<void>;
}

/**
 * Reports over the app: forecasts from the newest close go through `forecastAndAlert` like every other forecast (so
 * their alert rules are checked); a report for a past date forecasts from that date's close without storing it.
 * The browser is looked up before anything is built, so a machine without one fails at once and changes nothing.
 */
export function createReportService(app: App, options: { renderer?: PdfRenderer; now?: () => Date; onEnqueued?: () => void } = {}): ReportService {
  const renderer = options.renderer ?? createPdfRenderer({ executablePath: findBrowser(app.config.browser.executablePath) });
  const now = options.now ?? (() => new Date());
  const narrative = createNarrativeWriter({ ...app.config.openai }, app.logger);
  const forecastDeps = { store: app.store, factory: app.networks, cache: app.models };
  return {
    async make(request) {
      const started = performance.now();
      try {
        const made = await makeReport(request);
        app.telemetry.reportRendered('rendered', (performance.now() - started) / 1000, made.record.pages);
        return made;
      } catch (err) {
        app.telemetry.reportRendered('failed', (performance.now() - started) / 1000, null);
        throw err;
      }
    },
    close: () => renderer.close(),
  };

  async function makeReport(request: ReportRequest): Promise<MadeReport> {
    // The browser starts (about 0.5-1 s) while the report is built.
    renderer.warm();
    const built = await buildReport(
      {
        repos: app.store,
        narrative,
        codeVersion: codeVersion(),
        now,
        async forecast(ticker, horizon, asOf) {
          const last = await app.store.prices.lastBarTime(ticker, '1d');
          if (!last || day(last) !== asOf) return forecastTicker(ticker, horizon, forecastDeps, { asOf });
          const { forecast, fired } = await forecastAndAlert(app, ticker, horizon, now());
          if (fired.length > 0) options.onEnqueued?.();
          return forecast;
        },
      },
      request,
    );
    const stored = await storeReport(app.store.reports, app.config.database.dataDir, renderer, built);
    app.logger.info({ report: stored.record.id, date: stored.record.reportDate, pages: stored.record.pages, narrative: built.document.narrative.source }, 'report rendered');
    return { ...stored, document: built.document };
  }
}
