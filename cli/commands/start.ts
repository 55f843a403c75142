import type { Command } from 'commander';
import { Option } from 'commander';
import path from 'node:path';
import type { CommandContext } from '../context.ts';
import { ROLES, type Role } from '../../app/config.ts';
import { redactConfig } from '../../app/redact.ts';
import { startService, type RunningService } from '../../app/service.ts';
import { jobsStatus } from '../../scheduler/jobsStatus.ts';
import { minute } from '../../render/wording.ts';

/**
 * `tickcast start [--role]`: the service. Opens (and migrates) the database, on a fresh one loads data, trains,
 * forecasts and renders a first report, then serves until SIGINT/SIGTERM and stops cleanly.
 */
export function registerStart(program: Command, ctx: CommandContext): void {
  program
    .command('start')
    .description('run the service (what `npm start` runs)')
    .addOption(new Option('--role <role>', 'all (one process, the default) | web | worker | scheduler (against one PostgreSQL)').choices(ROLES))
    .action(async (flags: { role?: Role }) => {
      const config = ctx.config();
      const logger = ctx.logger();
      logger.debug({ config: redactConfig(config) }, 'configuration');
      const role = flags.role ?? config.role;
      const say = (line: string) => void process.stdout.write(`${line}\n`);
      const service = await startService(config, logger, { role, say });
      logger.info({ url: service.url, role, engine: service.app.database.engine, location: service.app.database.location, surfaces: service.surfaces }, 'ready');
      say(await banner(service));
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'shutting down: no new requests or jobs; running work gets time to finish');
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await service.stop();
      logger.info('stopped');
    });
}

async function banner(service: RunningService): Promise<string> {
  const { app, url, role } = service;
  const web = role === 'web' || role === 'all';
  const lines = [`tickcast ready (role ${role}): ${url}/healthz · ${url}/metrics (database: ${app.database.engine} at ${app.database.location})`];
  const first = service.firstRun;
  if (first) {
    const report = 'error' in first.report ? `no report yet (${first.report.error})` : `first report: ${path.join(app.config.database.dataDir, first.report.pdfPath)} · ${url}/reports/${first.report.id}`;
    lines.push(`  First run: ${first.seed.source === 'yahoo' ? 'data from Yahoo Finance' : 'Yahoo unreachable, so the bundled S&P 500 sample (^GSPC, 2000-2020)'}; ${report}`);
  }
  if (web) {
    lines.push(...service.surfaces.map((line) => `  ${line}`));
    lines.push('  Terminal: npx tickcast chat', `  Reports: ${url}/reports`);
    const ticker = first?.forecasts[0]?.ticker ?? app.config.tickers[0] ?? 'AAPL';
    lines.push(first
      ? `  REST API: curl -H 'Authorization: Bearer ${first.apiToken}' ${url}/api/forecast/${encodeURIComponent(ticker)} (this token is shown once; \`tickcast token create\` makes more)`
      : `  REST API: ${url}/api (tokens: npx tickcast token create NAME)`);
  }
  if (role === 'all' || role === 'scheduler' || role === 'worker') {
    const next = (await jobsStatus(app.store, app.config)).filter((job) => job.nextRunAt).sort((a, b) => a.nextRunAt!.getTime() - b.nextRunAt!.getTime())[0];
    lines.push(`  Jobs: ${role === 'scheduler' ? 'schedules kept' : 'this process runs them'}${next ? `; next ${next.name} at ${minute(next.nextRunAt!)}` : ''} (npx tickcast jobs list)`);
  }
  return lines.join('\n');
}
