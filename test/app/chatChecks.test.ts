import { describe, expect, it } from 'vitest';
import { chatChecks } from '../../app/chatChecks.ts';
import { loadConfig } from '../../app/config.ts';

const check = (env: Record<string, string>, name: string) => chatChecks(loadConfig(env, '/tmp')).find((c) => c.name === name)!;
const KEY = 'a'.repeat(64);

describe('doctor: chat settings', () => {
  it('says which surfaces are on, and which settings do not fit together', () => {
    expect(check({}, 'slack')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^off/) });
    expect(check({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, 'slack')).toMatchObject({ status: 'ok', detail: 'slash commands at /slack/events' });
    expect(check({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, 'slack').detail).toMatch(/Socket Mode/);
    expect(check({ SLACK_BOT_TOKEN: 'xoxb-1' }, 'slack').status).toBe('fail');
    expect(check({ DISCORD_PUBLIC_KEY: KEY }, 'discord')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/DISCORD_APP_ID/) });
    expect(check({ DISCORD_PUBLIC_KEY: KEY, DISCORD_APP_ID: '1' }, 'discord')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/alerts cannot be posted/) });
    expect(check({ DISCORD_TOKEN: 't' }, 'discord').detail).toMatch(/gateway/);
    expect(check({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, 'admins').status).toBe('warn');
    expect(check({ TICKCAST_ADMINS: 'slack:U1,discord:role:2' }, 'admins').detail).toBe('2 in TICKCAST_ADMINS');
  });
});
