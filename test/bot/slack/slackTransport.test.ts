import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../app/logger.ts';
import { boltLogger } from '../../../bot/slack/boltLogger.ts';
import { DELIVERY_EVENT_TYPE, createOutboxClient, createSlackTransport } from '../../../bot/slack/slackTransport.ts';
import { OperationalError, RateLimitedError, TemporaryError, UserError } from '../../../core/errors.ts';
import type { OutboundBody } from '../../../core/outbox.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slackApi.ts';

const notice: OutboundBody = { kind: 'notice', title: 'Retrain finished', text: 'v5 did not pass the gate', severity: 'info' };
const alert: OutboundBody = {
  kind: 'alert',
  event: { id: 11, ruleId: 7, ticker: 'TSLA', condition: { kind: 'price_below', level: 200 }, channel: { surface: 'slack', channelId: 'C1' }, asOf: '2026-06-12', value: 198.5, detail: 'closed at 198.50', firedAt: new Date('2026-06-12T21:00:00Z') },
};

describe('Slack transport (outbox deliveries)', () => {
  let fake: FakeSlackApi;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const transport = () => createSlackTransport(createOutboxClient({ botToken: fake.botToken, apiUrl: fake.apiUrl }));

  it('posts blocks, a fallback text and the dedupe key as message metadata', async () => {
    const { externalId } = await transport().send('C1', alert, 'alert:11');
    const [call] = fake.callsTo('chat.postMessage');
    expect(call!.headers.authorization).toBe(`Bearer ${fake.botToken}`);
    expect(call!.body).toMatchObject({ channel: 'C1', metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { dedupe_key: 'alert:11' } } });
    expect(String(call!.body.text)).toContain('TSLA alert #7');
    expect(JSON.stringify(call!.body.blocks)).toContain('TSLA closes at or below 200.');
    expect(externalId).toBe(fake.messagesIn('C1')[0]!.ts);
  });

  it('finds a message sent before a crash by its dedupe key, so it is not posted twice', async () => {
    const t = transport();
    await t.send('C1', notice, 'notice:1');
    const { externalId } = await t.send('C1', alert, 'alert:11');
    await t.send('C2', notice, 'notice:other-channel');
    expect(await t.findSent('C1', 'alert:11')).toBe(externalId);
    expect(await t.findSent('C1', 'alert:12')).toBeNull();
    expect(await t.findSent('C1', 'notice:other-channel')).toBeNull();
    expect(fake.callsTo('conversations.history')[0]!.body).toMatchObject({ channel: 'C1', limit: '100', include_all_metadata: 'true' });
  });

  it('turns a 429 into RateLimitedError with Retry-After in ms, without retrying inside the client', async () => {
    fake.fail('chat.postMessage', { rateLimited: 7 });
    const error = await transport().send('C1', notice, 'notice:1').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.messagesIn('C1')).toHaveLength(0);
    // The outbox tries again later, and that attempt goes through.
    await transport().send('C1', notice, 'notice:1');
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('maps a rate limit on the history lookup the same way', async () => {
    fake.fail('conversations.history', { rateLimited: 2 });
    const error = await transport().findSent('C1', 'x').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(2000);
  });

  it('treats 5xx and platform hiccups as temporary', async () => {
    fake.fail('chat.postMessage', { status: 503 });
    const http = await transport().send('C1', notice, 'n').catch((err: unknown) => err);
    expect(http).toBeInstanceOf(TemporaryError);
    expect(http).not.toBeInstanceOf(RateLimitedError);
    fake.fail('chat.postMessage', { error: 'internal_error' });
    const platform = await transport().send('C1', notice, 'n').catch((err: unknown) => err);
    expect(platform).toBeInstanceOf(TemporaryError);
    expect((platform as TemporaryError).code).toBe('slack_internal_error');
  });

  it('treats an unreachable Slack as temporary', async () => {
    const gone = await startFakeSlackApi();
    await gone.close();
    const error = await createSlackTransport(createOutboxClient({ botToken: 'xoxb-x', apiUrl: gone.apiUrl, timeoutMs: 2000, logger: boltLogger(createLogger('silent')) }))
      .send('C1', notice, 'n')
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TemporaryError);
    expect((error as TemporaryError).code).toBe('slack_unreachable');
  });

  it('keeps the Slack error code in permanent failures', async () => {
    fake.fail('chat.postMessage', { error: 'not_in_channel' });
    const channel = await transport().send('C1', notice, 'n').catch((err: unknown) => err);
    expect(channel).toBeInstanceOf(UserError);
    expect((channel as UserError).code).toBe('slack_not_in_channel');
    expect((channel as Error).message).toContain('not_in_channel');

    fake.fail('chat.postMessage', { error: 'channel_not_found' });
    const missing = await transport().send('C404', notice, 'n').catch((err: unknown) => err);
    expect((missing as UserError).code).toBe('slack_channel_not_found');

    const badToken = await createSlackTransport(createOutboxClient({ botToken: 'xoxb-wrong', apiUrl: fake.apiUrl }))
      .send('C1', notice, 'n')
      .catch((err: unknown) => err);
    expect(badToken).toBeInstanceOf(OperationalError);
    expect((badToken as OperationalError).code).toBe('slack_invalid_auth');
    expect((badToken as Error).message).toContain('invalid_auth');
  });
});
