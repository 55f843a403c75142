import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.ts';
import { serviceChecks } from '../../app/serviceChecks.ts';
import { DAILY_DIR } from '../support/sharedData.ts';

const check = (env: Record<string, string>, name: string) => serviceChecks(loadConfig(env, '/tmp')).find((c) => c.name === name)!;

describe('doctor: service settings', () => {
  it('refuses a split role without PostgreSQL, a missing CSV drop folder, and an ops channel that cannot be posted to', () => {
    expect(check({}, 'role')).toMatchObject({ status: 'ok', detail: 'tickcast start runs as all' });
    expect(check({ TICKCAST_ROLE: 'web' }, 'role')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/needs DATABASE_URL/) });
    expect(check({ TICKCAST_ROLE: 'web', DATABASE_URL: 'postgres://db/tc' }, 'role').status).toBe('ok');
    expect(check({ TICKCAST_SCHEDULE_INGEST_INTRADAY: 'off' }, 'jobs')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^6 schedules on, 1 off .*ingests read yahoo/) });
    expect(check({ TICKCAST_INGEST_SOURCE: 'csv:/no/such/drop' }, 'jobs')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/\/no\/such\/drop, which does not exist/) });
    expect(check({ TICKCAST_INGEST_SOURCE: `csv:${DAILY_DIR}` }, 'jobs').status).toBe('ok');
    expect(check({ TICKCAST_OPS_CHANNEL: 'slack:COPS' }, 'ops channel')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/SLACK_BOT_TOKEN is not set/) });
    expect(check({ TICKCAST_OPS_CHANNEL: 'slack:COPS', SLACK_BOT_TOKEN: 'xoxb-1' }, 'ops channel')).toMatchObject({ status: 'ok', detail: 'failed jobs are reported to slack:COPS' });
    expect(check({ DISCORD_TOKEN: 't' }, 'ops channel').status).toBe('warn');
    expect(check({}, 'ops channel').status).toBe('ok');
  });
});
