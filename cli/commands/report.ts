import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../core/errors.ts';
import { day } from '../../render/wording.ts';
import type { OutboundMessage } from '../../core/outbox.ts';
import { createReportService } from '../../app/reportService.ts';
import { emailReport, type EmailOutcome } from '../../app/emailReport.ts';
import { emailTransportFor } from '../../app/emailTransportFor.ts';
import { renderReportHtml } from '../../templates/renderReportHtml.ts';
import type { CommandContext } from '../context.ts';
import { emit, failAfterOutput, table, type OutputOptions } from '../output.ts';
import { parseDate, parseTickerList } from '../parseOptions.ts';

interface ReportFlags {
  date?: Date;
  tickers?: string[];
  out?: string;
  html?: boolean;
  email?: boolean;
}

/**
 * `tickcast report`: builds the daily report from the database, renders it to PDF (and the web page the service
 * serves at /reports/:id), stores both, and optionally writes a copy to a file and emails it to the subscribers.
 * Everything that can be refused is refused before anything is rendered.
 */
export function registerReport(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  program
    .command('report')
    .description('render the daily report to PDF (and HTML), store it, and optionally email it to subscribers')
    .option('--date <YYYY-MM-DD>', 'the report as of this session (default: the newest close of the tickers)', parseDate)
    .option('--tickers <list>', 'comma-separated tickers (default: TICKCAST_TICKERS)', parseTickerList)
    .option('--out <file>', 'also write the PDF (or with --html the self-contained web page) to this file')
    .option('--html', 'with --out: write the interactive HTML page instead of the PDF')
    .option('--email', 'send the PDF to every email subscriber (needs SMTP_URL)')
    .action(async (flags: ReportFlags) => {
      const config = ctx.config();
      if (flags.html && !flags.out) throw new UserError('html_needs_out', '--html says what --out writes; give --out FILE too (the stored report always has both)');
      if (flags.email && !config.mail.smtpUrl) throw new UserError('smtp_not_configured', '--email needs SMTP_URL (e.g. smtp://user:pass@mail.example.com:587); nothing was rendered');
      const out = flags.out ? await checkOutPath(flags.out) : null;
      const tickers = flags.tickers ?? config.tickers;
      const result = await ctx.withApp(async (app) => {
        const service = createReportService(app);
        try {
          const made = await service.make({ tickers, ...(flags.date ? { date: day(flags.date) } : {}) });
          if (out) await writeAtomically(out, flags.html ? await renderReportHtml(made.document, { mode: 'web', scripts: 'inline' }) : made.pdf);
          let email: EmailOutcome | null = null;
          if (flags.email) {
            const transport = emailTransportFor(config);
            try {
              email = await emailReport(app, made.record, made.document, transport);
            } finally {
              transport.close();
            }
          }
          return { report: made.record, narrative: made.document.narrative, out, file: path.join(config.database.dataDir, made.record.pdfPath!), email };
        } finally {
          await service.close();
        }
      });
      emit(result, output(), human);
      const unsent = result.email?.deliveries.filter((d) => d.state !== 'delivered') ?? [];
      if (unsent.length > 0) failAfterOutput(`${unsent.length} of ${result.email!.deliveries.length} email deliveries did not go out (see above)`);
    });
}

/** Refuses an --out that cannot be written before anything is rendered: a folder, or a missing parent folder. */
async function checkOutPath(file: string): Promise<string> {
  const resolved = path.resolve(file);
  const stat = await fs.stat(resolved).catch(() => null);
  if (stat?.isDirectory()) throw new UserError('out_is_directory', `--out ${file} is a folder; give a file name`);
  const parent = await fs.stat(path.dirname(resolved)).catch(() => null);
  if (!parent?.isDirectory()) throw new UserError('out_folder_missing', `--out ${file}: the folder ${path.dirname(resolved)} does not exist`);
  return resolved;
}

/** A reader of `file` sees the old copy or the new one, never half of one. */
async function writeAtomically(file: string, content: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.partial`;
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

function human(result: { report: { id: number; reportDate: string; tickers: string[]; pages: number | null }; narrative: { source: string; model: string | null; droppedSentences: number; fallbackReason: string | null }; out: string | null; file: string; email: EmailOutcome | null }): string {
  const { report, narrative } = result;
  const source = narrative.source === 'llm'
    ? `written by ${narrative.model}${narrative.droppedSentences > 0 ? `, ${narrative.droppedSentences} sentence(s) with numbers not in the facts dropped` : ''}`
    : `template${narrative.fallbackReason ? ` (${narrative.fallbackReason})` : ''}`;
  const lines = [
    `Report ${report.id} for ${report.reportDate}: ${report.tickers.join(', ')}; ${report.pages ?? '?'} pages.`,
    `Stored: ${result.file}${result.out ? `\nWritten: ${result.out}` : ''}`,
    `Narrative: ${source}.`,
    `Served by \`tickcast start\` at /reports/${report.id} (web) and /reports/${report.id}.pdf.`,
  ];
  if (result.email) lines.push(emailLines(result.email));
  return lines.join('\n');
}

function emailLines(email: EmailOutcome): string {
  if (email.deliveries.length === 0) return 'Email: no email subscribers (`tickcast subscribers add EMAIL`).';
  const state = (d: OutboundMessage) => (d.state === 'delivered' ? 'sent' : d.state === 'failed' ? 'failed' : 'waiting for retry by the service');
  const counts = ['delivered', 'failed', 'pending'].map((s) => email.deliveries.filter((d) => (s === 'pending' ? d.state === 'pending' || d.state === 'sending' : d.state === s)).length);
  const header = `Email${email.queued ? '' : ' (already enqueued before; not sent again)'}: ${counts[0]} sent, ${counts[1]} failed, ${counts[2]} waiting.`;
  return [header, table(['to', 'state', 'attempts', 'last error'], email.deliveries.map((d) => [d.channel.channelId, state(d), d.attempts, d.lastError]))].join('\n');
}
