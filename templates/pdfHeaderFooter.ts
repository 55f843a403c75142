import type { ReportDocument } from '../core/reports.ts';
import { escapeHtml } from './escapeHtml.ts';
import { provenanceLine } from './provenanceBlock.ts';

export interface HeaderFooter {
  headerTemplate: string;
  footerTemplate: string;
}

/**
 * Chromium draws these in the page margins, in a separate document that sees none of the report's CSS: every style
 * is inline, and the font size must be set or the text comes out at a near-invisible default. The side padding
 * matches the @page margins in report.css so the lines align with the text.
 */
const BAR = [
  'width:100%',
  'box-sizing:border-box',
  'padding:0 15mm',
  'display:flex',
  'justify-content:space-between',
  'gap:8mm',
  "font-family:'DejaVu Sans',sans-serif",
  'font-size:7.5pt',
  'color:#64748b',
  '-webkit-print-color-adjust:exact',
].join(';');

/** The running header (title, report date) and footer (provenance, `page X of Y`) of a report's PDF. */
export function pdfHeaderFooter(doc: ReportDocument): HeaderFooter {
  const headerTemplate = [
    `<div style="${BAR};padding-bottom:3mm">`,
    `<span style="font-weight:bold;color:#0f172a">${escapeHtml(doc.title)}</span>`,
    `<span>${escapeHtml(doc.reportDate)}</span>`,
    '</div>',
  ].join('');
  // Chromium fills the pageNumber and totalPages spans on each page.
  const footerTemplate = [
    `<div style="${BAR}">`,
    `<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis">${escapeHtml(provenanceLine(doc.provenance))}</span>`,
    '<span style="white-space:nowrap">page <span class="pageNumber"></span> of <span class="totalPages"></span></span>',
    '</div>',
  ].join('');
  return { headerTemplate, footerTemplate };
}
