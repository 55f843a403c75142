import type { Command } from 'commander';
import { INTERVALS, type Bar, type Interval } from '../../core/bars.ts';
import { UserError, unknownTicker } from '../../core/errors.ts';
import type { Store, StoredFinding } from '../../core/ports.ts';
import { computeFeatures, type FeatureRow } from '../../pipeline/features/index.ts';
import { pricesJson } from '../../render/pricesJson.ts';
import type { CommandContext } from '../context.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { parseInterval, parsePositiveInt, parseTicker } from '../parseOptions.ts';

/** `tickcast prices`, `tickcast quality`, `tickcast features`: read what ingestion stored. */
export function registerInspect(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  program
    .command('prices')
    .description('stored bars of a ticker')
    .argument('<ticker>', 'e.g. AAPL', parseTicker)
    .option('--last <n>', 'only the newest N bars', parsePositiveInt, 10)
    .option('--interval <interval>', INTERVALS.join(' | '), parseInterval, '1d')
    .action(async (ticker: string, flags: { last: number; interval: Interval }) => {
      const bars = await ctx.withApp((app) => storedBars(app.store, ticker, flags.interval, flags.last));
      emit(pricesJson(ticker, flags.interval, bars), output(), (r) =>
        table(Object.keys(r.rows[0] ?? {}), r.rows.map((row) => Object.values(row).map((v) => (typeof v === 'number' ? round(v) : v)))),
      );
    });

  program
    .command('quality')
    .description('data-quality findings and publishability, for one ticker or all')
    .argument('[ticker]', 'e.g. AMD', parseTicker)
    .option('--severity <level>', 'lowest severity to list: info | warning | blocking', 'info')
    .action(async (ticker: string | undefined, flags: { severity: string }) => {
      const minimum = SEVERITY_RANK[flags.severity];
      if (minimum === undefined) throw new UserError('bad_option', `--severity '${flags.severity}' is not one of info, warning, blocking`);
      const result = await ctx.withApp(async (app) => {
        const status = await app.store.quality.publishability(ticker);
        if (ticker && status.length === 0) throw unknownTicker(ticker);
        const findings = (await app.store.quality.listFindings(ticker ? { ticker } : {})).filter((f) => SEVERITY_RANK[f.severity]! >= minimum);
        return { findings: findings.map(findingJson), instruments: status };
      });
      emit(result, output(), humanQuality);
    });

  program
    .command('features')
    .description('indicators computed from stored bars (see docs/features.md)')
    .argument('<ticker>', 'e.g. MSFT', parseTicker)
    .option('--last <n>', 'only the newest N rows', parsePositiveInt, 10)
    .option('--interval <interval>', INTERVALS.join(' | '), parseInterval, '1d')
    .action(async (ticker: string, flags: { last: number; interval: Interval }) => {
      // Computed over the whole stored history so long windows (SMA 200) are warm, then cut to the last N rows.
      const bars = await ctx.withApp((app) => storedBars(app.store, ticker, flags.interval));
      const rows = computeFeatures(bars, { interval: flags.interval }).slice(-flags.last);
      emit({ ticker, interval: flags.interval, rows }, output(), humanFeatures);
    });
}

const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, blocking: 2 };

async function storedBars(store: Store, ticker: string, interval: Interval, last?: number): Promise<Bar[]> {
  const bars = await store.prices.listBars(ticker, interval, last ? { last } : {});
  if (bars.length === 0) throw unknownTicker(ticker);
  return bars;
}

function findingJson(f: StoredFinding) {
  return { ticker: f.ticker, interval: f.interval, ts: f.ts?.toISOString() ?? null, kind: f.kind, severity: f.severity, detail: f.detail };
}

const round = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));

function humanQuality(result: { findings: ReturnType<typeof findingJson>[]; instruments: { ticker: string; publishable: boolean; reason: string | null }[] }): string {
  const lines = [table(['ticker', 'publishable', 'reason'], result.instruments.map((i) => [i.ticker, i.publishable ? 'yes' : 'NO', i.reason]))];
  if (result.findings.length === 0) return [...lines, '', 'no findings'].join('\n');
  const shown = result.findings.slice(0, 200);
  lines.push('', table(['ticker', 'interval', 'when', 'severity', 'kind', 'detail'], shown.map((f) => [f.ticker, f.interval, f.ts ? (f.interval === '1d' ? f.ts.slice(0, 10) : f.ts) : 'series', f.severity, f.kind, f.detail])));
  if (result.findings.length > shown.length) lines.push(`… ${result.findings.length - shown.length} more (use --json for all, or --severity warning)`);
  return lines.join('\n');
}

const FEATURE_COLUMNS = ['close', 'ret', 'sma_7', 'sma_50', 'sma_200', 'vol_30', 'rsi_14', 'macd', 'macd_hist', 'bb_pctb', 'atr_14'] as const;

function humanFeatures(result: { ticker: string; rows: FeatureRow[] }): string {
  const cell = (v: unknown) => (typeof v === 'number' ? round(v) : v === null || v === undefined ? null : String(v));
  const rows = result.rows.map((row) => [row.date, ...FEATURE_COLUMNS.map((name) => cell((row as Record<string, unknown>)[name]))]);
  return `${table(['date', ...FEATURE_COLUMNS], rows)}\n\nall columns: --json; definitions: docs/features.md`;
}
