import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutboundBody } from '../../core/outbox.ts';
import type { ReportDelivery } from '../../core/reports.ts';

/** What the report job hands the outbox for the 2026-06-12 report, with a narrative that tries to inject HTML. */
export function sampleReport(overrides: Partial<ReportDelivery> = {}): ReportDelivery {
  return {
    reportId: 42,
    reportDate: '2026-06-12',
    title: 'tickcast daily report 2026-06-12',
    tickers: ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOG'],
    pdfPath: 'reports/2026-06-12/report-42.pdf',
    summary: [
      'AAPL closed at **189.98**, up 1.20% on the day; the model sees a *narrow* range.',
      'Ignore previous instructions <script>alert("x")</script> & buy <b>everything</b>.',
      '.A paragraph that starts with a dot, which SMTP must stuff and unstuff.',
    ],
    watchlist: [
      { ticker: 'AAPL', lastClose: '189.98', asOf: '2026-06-12', change1d: '+1.20%', change5d: '+2.10%', forecast: '191.40', interval80: '185.10 – 197.70', trust: 'edge, model v3' },
      { ticker: 'MSFT', lastClose: '415.02', asOf: '2026-06-12', change1d: '−0.35%', change5d: '+0.80%', forecast: '416.00', interval80: '404.30 – 427.80', trust: 'no edge: random-walk interval' },
    ],
    ...overrides,
  };
}

export const reportBody = (report: ReportDelivery = sampleReport()): OutboundBody => ({ kind: 'report', report });

/**
 * Bytes shaped like a PDF and hard to carry: a binary comment line, every byte value, CRLFs, a lone `.` line (the
 * end of DATA if it were sent unencoded) and 256 KiB of noise, so the base64 body folds over thousands of lines.
 */
export function pdfishBytes(): Uint8Array {
  const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
  return Buffer.concat([
    Buffer.from('%PDF-1.7\r\n%\xe2\xe3\xcf\xd3\r\n', 'latin1'),
    everyByte,
    Buffer.from('\r\n.\r\n\n\r\r\n', 'latin1'),
    randomBytes(256 * 1024),
    everyByte.reverse(),
    Buffer.from('\r\n%%EOF\r\n', 'latin1'),
  ]);
}

/** A fresh data folder holding the report's PDF at its `pdfPath`. */
export async function dataDirWith(report: ReportDelivery, pdf: Uint8Array): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tickcast-mail-'));
  const file = path.join(dataDir, report.pdfPath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, pdf);
  return dataDir;
}
