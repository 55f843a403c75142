import type { Command } from 'commander';
import { ingestAndAlert } from '../../app/ingestAndAlert.ts';
import type { Interval } from '../../core/bars.ts';
import type { SeriesOutcome } from '../../pipeline/ingest/ingestSeries.ts';
import { planIngest } from '../../pipeline/ingest/planIngest.ts';
import type { CommandContext } from '../context.ts';
import { emit, failAfterOutput, table, type OutputOptions } from '../output.ts';
import { parseDate, parseInterval, parseTickerList } from '../parseOptions.ts';
import { createProgress } from '../progress.ts';

interface IngestFlags {
  source: string;
  tickers?: string[];
  interval?: Interval;
  from?: Date;
  to?: Date;
}

export function registerIngest(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  program
    .command('ingest')
    .description('load bars, run the quality gate; one transaction per series')
    .requiredOption('--source <source>', 'yahoo | csv:PATH (a file or a folder) | sample')
    .option('--tickers <list>', 'comma-separated tickers (Yahoo: default the watchlist; CSV/sample: a filter)', parseTickerList)
    .option('--interval <interval>', '1d | 1h | 5m | 1m (Yahoo default 1d; CSV: from the file names)', parseInterval)
    .option('--from <date>', 'first date, YYYY-MM-DD', parseDate)
    .option('--to <date>', 'last date (exclusive), YYYY-MM-DD', parseDate)
    .action(async (flags: IngestFlags) => {
      const outcome = await ctx.withApp(async (app) => {
        const plan = await planIngest(flags, { watchlist: app.config.tickers });
        const progress = createProgress(plan.requests.length, 'ingest', !output().json);
        try {
          return await ingestAndAlert(app, plan, { onProgress: (p) => (p.phase === 'start' ? progress.step(`${p.ticker}`) : progress.advance()) });
        } finally {
          progress.stop();
        }
      });
      emit(outcome, output(), humanIngest);
      const failed = outcome.runs.filter((run) => run.status === 'failed');
      if (failed.length > 0 && failed.length === outcome.runs.length) {
        // The result above is the answer; the exit code and one line on stderr say that nothing came in.
        failAfterOutput(`nothing was ingested: ${failed.map((run) => `${run.ticker}: ${run.error?.message}`).join('; ')}`);
      }
    });
}

export function humanIngest({ runs, alerts }: { runs: SeriesOutcome[]; alerts?: { checked: number; fired: number } }): string {
  const rows = runs.map((run) => [
    run.ticker, run.interval, run.source, run.status === 'succeeded' ? 'ok' : 'FAILED',
    run.added, run.updated, run.rows,
    run.status === 'succeeded' ? `${run.findings.blocking}/${run.findings.warning}/${run.findings.info}` : '-',
    run.status === 'failed' ? (run.error?.message ?? '') : run.publishable ? 'publishable' : (run.unpublishableReason ?? ''),
  ]);
  const ok = runs.filter((run) => run.status === 'succeeded');
  const added = ok.reduce((n, run) => n + run.added, 0);
  const updated = ok.reduce((n, run) => n + run.updated, 0);
  return [
    table(['ticker', 'interval', 'source', 'status', 'added', 'updated', 'rows', 'findings b/w/i', 'note'], rows),
    '',
    `${ok.length} of ${runs.length} series ingested: ${added} bars added, ${updated} updated. \`tickcast quality\` lists the findings.`,
    ...(alerts && alerts.checked > 0 ? [`${alerts.checked} alert rules checked, ${alerts.fired} fired (the service delivers them to their channels).`] : []),
  ].join('\n');
}
