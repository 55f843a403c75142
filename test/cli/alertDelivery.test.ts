import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, signedHeaders, slashCommandBody, type FakeSlackApi } from '../fakes/slackApi.ts';
import { BIN, runCli } from '../support/cli.ts';
import { createTempDatabase, dropTempDatabase, TEST_DATABASE_URL } from '../support/engines.ts';
import { DAILY_DIR } from '../support/sharedData.ts';

const SECRET = 'e2e-signing-secret';
const CHANNEL = 'C0ALERTS';

interface Service {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** `tickcast start` as its own process, as an operator runs it; resolves once it says it is ready. */
async function startService(env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, [BIN, 'start'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /tickcast ready[^:]*: (http:\/\/\S+)\/healthz/.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`start exited with ${code}: ${err}`)));
  });
  return { child, url, exited };
}

async function kill9(service: Service): Promise<void> {
  service.child.kill('SIGKILL');
  await service.exited;
}

/**
 * Real closes around a level: session indices a < b < c < d of the last two years with the close below, above,
 * below and above it, so ingesting the file cut at each in turn crosses, clears and crosses again.
 */
function crossingPlan(lines: string[]) {
  const closes = lines.map((line) => Number(line.split(',')[4]));
  const start = closes.length - 500;
  const recent = closes.slice(start).sort((x, y) => x - y);
  const level = Number(recent[Math.floor(recent.length / 2)]!.toFixed(2));
  const next = (from: number, above: boolean) => {
    for (let i = from + 1; i < closes.length; i++) if (above ? closes[i]! > level * 1.01 : closes[i]! < level * 0.99) return i;
    throw new Error('no crossing in the data');
  };
  const a = next(start, false);
  const b = next(a, true);
  const c = next(b, false);
  const d = next(c, true);
  return { level, cuts: [a, b, c, d] };
}

/**
 * The done-means of alerts, across real processes on one PostgreSQL: a rule created in a Slack channel fires once
 * per crossing and is delivered exactly once, when Slack answers 429 first and the service is killed before the
 * retry, and when the service is killed after Slack took the message but before it could record that.
 */
describe.skipIf(!TEST_DATABASE_URL)('alert delivery across kills', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-alerts-e2e-'));
  let databaseUrl: string;
  let slack: FakeSlackApi;
  let env: Record<string, string>;
  const [header, ...rows] = fs.readFileSync(path.join(DAILY_DIR, 'AAPL.csv'), 'utf8').trim().split('\n');
  const { level, cuts } = crossingPlan(rows);

  /** Ingest AAPL's real file cut after session `index`, through the CLI (which evaluates the rules). */
  async function ingestUpTo(index: number) {
    const dir = path.join(root, `cut-${index}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'AAPL.csv'), [header, ...rows.slice(0, index + 1)].join('\n') + '\n');
    const result = await runCli(['ingest', '--source', `csv:${dir}`, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { alerts: { fired: number; rearmed: number } };
  }

  async function outboxStates(): Promise<string[]> {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      return (await sql<{ state: string }[]>`select state from outbound_messages order by id`).map((r) => r.state);
    } finally {
      await sql.end();
    }
  }

  beforeAll(async () => {
    databaseUrl = await createTempDatabase();
    slack = await startFakeSlackApi();
    env = {
      DATABASE_URL: databaseUrl,
      TICKCAST_DATA_DIR: path.join(root, 'data'),
      PORT: '0',
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      TICKCAST_OUTBOX_LEASE_SECONDS: '2',
    };
  });
  afterAll(async () => {
    await slack?.close();
    if (databaseUrl) await dropTempDatabase(databaseUrl);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('fires once per crossing and delivers each alert exactly once through 429s and kill -9', async () => {
    await ingestUpTo(cuts[0]!);
    let service = await startService(env);
    try {
      // A trader creates the rule from the channel.
      const body = slashCommandBody({ command: '/alert', text: `add AAPL above ${level}`, channel_id: CHANNEL, user_id: 'U0TRADER', response_url: `${slack.url}/respond/1` });
      expect((await fetch(`${service.url}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body), body })).status).toBe(200);
      await slack.waitFor((calls) => calls.some((c) => c.method === 'respond'), 20_000);
      expect(JSON.stringify(slack.callsTo('respond')[0]!.body)).toMatch(new RegExp(`AAPL closes at or above ${level}`));

      // First crossing. Slack answers the first post with 429 and the service dies before the retry.
      slack.fail('chat.postMessage', { rateLimited: 3 });
      expect((await ingestUpTo(cuts[1]!)).alerts.fired).toBe(1);
      await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'), 20_000);
      await kill9(service);
      expect(slack.messagesIn(CHANNEL)).toHaveLength(0);

      service = await startService(env);
      await slack.waitFor(() => slack.messagesIn(CHANNEL).length === 1, 20_000);
      expect(slack.messagesIn(CHANNEL)[0]!.text).toMatch(/AAPL/);

      // The same data again is not a new crossing; dropping back below re-arms; rising again fires again.
      expect((await ingestUpTo(cuts[1]!)).alerts.fired).toBe(0);
      expect((await ingestUpTo(cuts[2]!)).alerts).toMatchObject({ fired: 0, rearmed: 1 });
      // Second crossing. Slack takes the message but the answer never comes; the service is killed waiting for it.
      slack.fail('chat.postMessage', { stall: true });
      expect((await ingestUpTo(cuts[3]!)).alerts.fired).toBe(1);
      await slack.waitFor(() => slack.messagesIn(CHANNEL).length === 2, 20_000);
      await kill9(service);
      expect(await outboxStates()).toEqual(['delivered', 'sending']);

      // The next service finds the message in the channel instead of posting it again.
      service = await startService(env);
      await slack.waitFor((calls) => calls.some((c) => c.method === 'conversations.history'), 20_000);
      for (let i = 0; i < 50 && (await outboxStates())[1] !== 'delivered'; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await outboxStates()).toEqual(['delivered', 'delivered']);
      await new Promise((r) => setTimeout(r, 1500));
      expect(slack.messagesIn(CHANNEL)).toHaveLength(2);
      expect(slack.callsTo('chat.postMessage')).toHaveLength(3);

      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    } finally {
      service.child.kill('SIGKILL');
    }
  }, 180_000);
});
