import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { tickerArg } from './args.ts';
import { reportPdfName } from '../../core/reports.ts';

export const reportCommand = defineCommand({
  path: ['report'],
  summary: 'the latest daily report as a PDF (optionally the latest one covering a ticker)',
  params: [{ name: 'ticker', display: 'TICKER', description: 'only a report that covers this ticker', type: 'string', required: false }],
  schema: z.object({ ticker: tickerArg.optional() }),
  adminOnly: false,
  cost: 'report',
  examples: ['report', 'report NVDA'],
  async run({ ticker }, ctx) {
    const report = await ctx.services.store.reports.latest(ticker ? { ticker } : {});
    if (!report?.pdfPath) {
      const scope = ticker ? ` covering ${ticker}` : '';
      return { kind: 'report', report: null, file: null, reason: `no report${scope} has been rendered yet; the daily report job or \`tickcast report\` renders one` };
    }
    try {
      const bytes = await fs.readFile(path.resolve(ctx.services.dataDir, report.pdfPath));
      return { kind: 'report', report, file: { name: reportPdfName(report.reportDate), bytes }, reason: null };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return { kind: 'report', report, file: null, reason: `the PDF of report ${report.id} (${report.reportDate}) is missing from the data folder; render it again with \`tickcast report\`` };
    }
  },
});
