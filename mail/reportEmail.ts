import { reportPdfName, type ReportDelivery } from '../core/reports.ts';
import { REPORT_WATCHLIST_HEADINGS, reportTickers, reportUrl, reportWatchlistRows, reportWatchlistTable } from '../render/wording.ts';
import { escapeHtml } from '../templates/escapeHtml.ts';
import { renderInline } from '../templates/markdown.ts';

/** The report as one email, less the recipient and delivery headers the transport adds. Fits nodemailer's `SendMailOptions`. */
export interface ReportEmail {
  from: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; content: Buffer; contentType: 'application/pdf' }[];
}

export interface ReportEmailOptions {
  /** The sender, `tickcast <reports@example.com>` or a bare address. */
  from: string;
  /** Where the web reports are served; null leaves the link out. */
  publicUrl: string | null;
}


/**
 * The daily report for one subscriber: a short text and HTML body (the narrative, the watchlist, a link to the web
 * page) with the PDF attached as the exact bytes given. The narrative comes from an LLM, so every value is escaped;
 * its emphasis goes through the reports' own inline markdown (templates/markdown.ts), so the email reads as the PDF.
 */
export function reportEmail(report: ReportDelivery, pdf: Uint8Array, options: ReportEmailOptions): ReportEmail {
  const filename = reportPdfName(report.reportDate);
  const link = options.publicUrl ? reportUrl(options.publicUrl, report.reportId) : null;
  return {
    from: options.from,
    subject: reportSubject(report),
    text: textBody(report, link, filename),
    html: htmlBody(report, link, filename),
    // A view over the caller's bytes, not a copy: nodemailer base64-encodes it as is.
    attachments: [{ filename, content: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), contentType: 'application/pdf' }],
  };
}

/** `tickcast daily report · 2026-06-12 · AAPL, MSFT +3 more`. */
export function reportSubject(report: ReportDelivery): string {
  const list = reportTickers(report.tickers);
  // Header fields are one line: whatever the data holds, no line break gets into the subject.
  return ['tickcast daily report', report.reportDate, list].filter((part) => part !== '').join(' · ').replace(/\s+/g, ' ');
}

function textBody(report: ReportDelivery, link: string | null, filename: string): string {
  const lines = [report.title, ''];
  for (const paragraph of report.summary) lines.push(paragraph, '');
  if (report.watchlist.length > 0) lines.push(reportWatchlistTable(report), '');
  if (link) lines.push(`Full report: ${link}`);
  lines.push(`The full report is attached as a PDF (${filename}).`);
  return lines.join('\n') + '\n';
}

const CELL = 'padding:4px 8px;border-bottom:1px solid #d1d9e0';

function htmlBody(report: ReportDelivery, link: string | null, filename: string): string {
  const parts = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title></head>`,
    // Inline styles only: many mail clients drop <style> blocks.
    '<body style="margin:0;padding:16px;font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">',
    `<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(report.title)}</h1>`,
    ...report.summary.map((paragraph) => `<p style="margin:0 0 12px">${renderInline(paragraph)}</p>`),
  ];
  if (report.watchlist.length > 0) parts.push(htmlTable(report.watchlist));
  if (link) parts.push(`<p style="margin:0 0 12px"><a href="${escapeHtml(link)}">Read the full report online</a></p>`);
  parts.push(`<p style="margin:0;color:#59636e;font-size:12px">The full report is attached as a PDF (${escapeHtml(filename)}).</p>`, '</body></html>');
  return parts.join('\n') + '\n';
}

/** The first column (the ticker) sits left, the figures right, as in the text table. */
const align = (column: number) => (column === 0 ? 'left' : 'right');

function htmlTable(watchlist: ReportDelivery['watchlist']): string {
  const head = REPORT_WATCHLIST_HEADINGS.map((label, i) => `<th style="${CELL};text-align:${align(i)}">${escapeHtml(label)}</th>`).join('');
  const body = reportWatchlistRows(watchlist)
    .map((cells) => `<tr>${cells.map((cell, i) => `<td style="${CELL};text-align:${align(i)}">${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table style="border-collapse:collapse;margin:0 0 12px;font-variant-numeric:tabular-nums">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
