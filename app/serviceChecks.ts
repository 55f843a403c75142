import fs from 'node:fs';
import type { Config } from './config.ts';
import type { DoctorCheck } from './doctor.ts';

/** Whether the service settings fit together: the role, the schedules and their source, the ops channel. */
export function serviceChecks(config: Config): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  checks.push(config.role !== 'all' && !config.database.url
    ? { name: 'role', status: 'fail', detail: `TICKCAST_ROLE=${config.role} needs DATABASE_URL (the embedded database serves one process, role all)` }
    : { name: 'role', status: 'ok', detail: `tickcast start runs as ${config.role}` });

  const schedules = Object.values(config.jobs.schedules);
  const on = schedules.filter((cron) => cron !== null).length;
  const source = config.jobs.ingestSource;
  const folder = source.startsWith('csv:') ? source.slice('csv:'.length) : null;
  checks.push(folder !== null && !fs.existsSync(folder)
    ? { name: 'jobs', status: 'fail', detail: `TICKCAST_INGEST_SOURCE reads ${folder}, which does not exist` }
    : { name: 'jobs', status: 'ok', detail: `${on} schedules on, ${schedules.length - on} off (New York time); ingests read ${source}; ${config.jobs.attempts} attempts each` });

  const ops = config.jobs.opsChannel;
  const surfaceReady = ops?.surface === 'slack' ? Boolean(config.slack.botToken) : ops?.surface === 'discord' ? Boolean(config.discord.token) : false;
  if (ops && !surfaceReady) {
    const variable = ops.surface === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_TOKEN';
    checks.push({ name: 'ops channel', status: 'fail', detail: `TICKCAST_OPS_CHANNEL is on ${ops.surface}, but ${variable} is not set, so notices cannot be posted` });
  } else if (ops) {
    checks.push({ name: 'ops channel', status: 'ok', detail: `failed jobs are reported to ${ops.surface}:${ops.channelId}` });
  } else {
    const chatOn = Boolean(config.slack.botToken || config.discord.token);
    checks.push({ name: 'ops channel', status: chatOn ? 'warn' : 'ok', detail: 'unset: a job that gives up is only logged (set TICKCAST_OPS_CHANNEL=slack:C123 or discord:123)' });
  }
  return checks;
}
