import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OperationalError, TemporaryError } from '../core/errors.ts';
import type { ReportDelivery } from '../core/reports.ts';

/** File errors that another attempt would meet again: the delivery fails for good, naming the file. */
const PERMANENT_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM']);

/**
 * The report's PDF, read whole before any SMTP connection opens: a file that is missing or unreadable fails the
 * delivery without a word said to the server, so nothing is ever half-sent.
 */
export async function readReportPdf(dataDir: string, report: ReportDelivery): Promise<Uint8Array> {
  const file = path.resolve(dataDir, report.pdfPath);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    if (code === 'ENOENT') throw new OperationalError('report_pdf_missing', `report ${report.reportId}: its PDF is missing at ${file}`, { cause: err });
    const message = `report ${report.reportId}: its PDF at ${file} could not be read (${code})`;
    // Running out of file handles or an I/O hiccup may pass; the outbox retries those.
    throw PERMANENT_CODES.has(code) ? new OperationalError('report_pdf_unreadable', message, { cause: err }) : new TemporaryError('report_pdf_unreadable', message, { cause: err });
  }
  if (bytes.byteLength === 0) throw new OperationalError('report_pdf_empty', `report ${report.reportId}: its PDF at ${file} is empty`);
  return bytes;
}
