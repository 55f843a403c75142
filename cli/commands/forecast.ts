import type { Command } from 'commander';
import { MAX_HORIZON, type Forecast } from '../../core/forecast.ts';
import { forecastAndAlert } from '../../app/forecastAndAlert.ts';
import type { CommandContext } from '../context.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { parsePositiveInt, parseTicker } from '../parseOptions.ts';

export function registerForecast(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  program
    .command('forecast')
    .description('price quantiles for the next sessions from the champion, with its recent skill against naive')
    .argument('<ticker>', 'e.g. AAPL', parseTicker)
    .option('--horizon <n>', `sessions ahead, 1..${MAX_HORIZON}`, parsePositiveInt, MAX_HORIZON)
    .action(async (ticker: string, flags: { horizon: number }) => {
      // Rules fired by this forecast wait in the outbox; the running service delivers them.
      const { forecast } = await ctx.withApp((app) => forecastAndAlert(app, ticker, flags.horizon, new Date()));
      emit(forecast, output(), humanForecast);
    });
}

const price = (value: number) => value.toFixed(value < 10 ? 4 : 2);
const pct = (value: number | null) => (value == null ? 'n/a' : `${(value * 100).toFixed(1)}%`);

export function humanForecast(f: Forecast): string {
  const s = f.skill;
  const skill = s.mase == null
    ? `Skill: ${s.window}.`
    : `Skill (${s.window}, n=${s.n}): MASE ${s.mase.toFixed(3)}, U2 ${s.u2?.toFixed(3) ?? 'n/a'}, ` +
      `hit rate ${pct(s.hitRate)} [${pct(s.hitRateLow)}..${pct(s.hitRateHigh)}], coverage 80% ${pct(s.coverage80)}, 95% ${pct(s.coverage95)}.`;
  return [
    `${f.ticker} as of ${f.asOf}, close ${price(f.lastClose)}; model ${f.modelVersion}.`,
    table(['date', 'p025', 'p10', 'p50', 'p90', 'p975'], f.points.map((p) => [p.date, price(p.p025), price(p.p10), price(p.p50), price(p.p90), price(p.p975)])),
    f.edgeReason,
    skill,
    ...(f.drivers.length ? [`Drivers: ${f.drivers.map((d) => d.input).join(', ')}.`] : []),
  ].join('\n');
}
