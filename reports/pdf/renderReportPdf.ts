import type { ReportDocument } from '../../core/reports.ts';
import { pdfHeaderFooter } from '../../templates/pdfHeaderFooter.ts';
import { renderReportHtml } from '../../templates/renderReportHtml.ts';
import type { PdfRenderer, RenderedPdf } from './pdfRenderer.ts';

/** A report's print HTML and its PDF; the HTML is returned too, since the report is stored in both forms. */
export async function renderReportPdf(doc: ReportDocument, renderer: PdfRenderer): Promise<RenderedPdf & { html: string }> {
  const html = await renderReportHtml(doc, { mode: 'print' });
  return { ...(await renderer.render(html, pdfHeaderFooter(doc))), html };
}
