import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { reportPdfName, type ReportDocument, type ReportRecord, type ReportRepo } from '../core/reports.ts';
import { oneLine } from '../core/errors.ts';
import { renderReportHtml } from '../templates/renderReportHtml.ts';
import type { PdfRenderer } from './pdf/pdfRenderer.ts';
import { renderReportPdf } from './pdf/renderReportPdf.ts';

/** Where the served web page finds vega, vega-lite and vega-embed (app/reportRoutes.ts serves them). */
export const REPORT_ASSETS_PATH = '/reports/assets';

export interface StoredReport {
  record: ReportRecord;
  pdf: Uint8Array;
}

/** `reports/<id>/`, relative to the data folder: each report's files have a folder of their own. */
function reportFolder(id: number): string {
  return path.posix.join('reports', String(id));
}

/**
 * Renders a built report to PDF and web HTML and records it: a `rendering` row first (its id names the folder),
 * the files written into a temporary folder and renamed into place, then the row completed. Any failure marks the
 * row failed with the reason and leaves no files: a report is there whole or not at all.
 */
export async function storeReport(
  reports: ReportRepo,
  dataDir: string,
  renderer: PdfRenderer,
  built: { document: ReportDocument; championId: number | null },
): Promise<StoredReport> {
  const { document } = built;
  const id = await reports.begin({ reportDate: document.reportDate, title: document.title, tickers: document.tickers });
  const folder = reportFolder(id);
  const finalDir = path.join(dataDir, folder);
  const tempDir = `${finalDir}.partial`;
  try {
    const { pdf, pages } = await renderReportPdf(document, renderer);
    const web = await renderReportHtml(document, { mode: 'web', scripts: { baseUrl: REPORT_ASSETS_PATH } });
    const pdfPath = path.posix.join(folder, reportPdfName(document.reportDate));
    const htmlPath = path.posix.join(folder, 'report.html');
    await fs.rm(tempDir, { recursive: true, force: true });
    await fs.mkdir(tempDir, { recursive: true });
    await fs.writeFile(path.join(tempDir, path.posix.basename(pdfPath)), pdf);
    await fs.writeFile(path.join(tempDir, 'report.html'), web);
    await fs.writeFile(path.join(tempDir, 'report.json'), `${JSON.stringify(document, null, 2)}\n`);
    await fs.rm(finalDir, { recursive: true, force: true });
    await fs.rename(tempDir, finalDir);
    const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
    await reports.complete(id, { htmlPath, pdfPath, pdfSha256, pages, provenance: document.provenance, facts: document.facts, modelVersionId: built.championId });
    const record = await reports.find(id);
    return { record: record!, pdf };
  } catch (err) {
    await fs.rm(tempDir, { recursive: true, force: true }).catch(() => {});
    await fs.rm(finalDir, { recursive: true, force: true }).catch(() => {});
    await reports.fail(id, oneLine(err)).catch(() => {});
    throw err;
  }
}

/** Remove what a render cut off by a dead process left behind (its temporary folder); the finished folder is never touched. */
export async function discardPartialReport(dataDir: string, id: number): Promise<void> {
  await fs.rm(`${path.join(dataDir, reportFolder(id))}.partial`, { recursive: true, force: true });
}
