import crypto from 'node:crypto';
import pino from 'pino';
import type { Bot } from '../../../bot/bot.ts';
import type { Invocation, RawArgs } from '../../../bot/command.ts';
import type { CommandResult } from '../../../bot/results.ts';
import type { Forecast } from '../../../core/forecast.ts';

/** Shared pieces of the Discord tests: a signing key, payloads shaped like Discord's documented examples, a stub bot. */

export const silentLogger = pino({ level: 'silent' });

export const APP_ID = '1200000000000000001';
export const GUILD_ID = '1290000000000000001';
export const CHANNEL_ID = '1300000000000000777';

export interface SigningKey {
  publicKeyHex: string;
  sign(timestamp: string, body: string): string;
}

export function generateSigningKey(): SigningKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    publicKeyHex: Buffer.from(jwk.x!, 'base64url').toString('hex'),
    sign: (timestamp, body) => crypto.sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

let interactionSeq = 1_310_000_000_000_000_000n;
export const nextSnowflake = () => String(++interactionSeq);

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: CommandOption[];
}

/** An APPLICATION_COMMAND interaction as Discord sends it to an interactions endpoint. */
export function commandInteraction(name: string, options: CommandOption[] = [], who: { userId?: string; username?: string; roles?: string[] } = {}) {
  const id = nextSnowflake();
  return {
    id,
    application_id: APP_ID,
    type: 2,
    token: `itoken-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'markets' },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    data: { id: '1200000000000000099', name, type: 1, options, guild_id: GUILD_ID },
    member: {
      user: { id: who.userId ?? '53908232506183680', username: who.username ?? 'mason', global_name: 'Mason', avatar: null, discriminator: '0', public_flags: 0 },
      roles: who.roles ?? ['539082325061836999'],
      premium_since: null,
      permissions: '2248473465835073',
      pending: false,
      nick: null,
      mute: false,
      joined_at: '2017-03-13T19:19:14.040000+00:00',
      deaf: false,
      flags: 0,
    },
  };
}

export const STRING = 3;
export const INTEGER = 4;
export const SUB_COMMAND = 1;

export function sampleForecast(overrides: Partial<Forecast> = {}): Forecast {
  const points = ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19'].map((date, i) => {
    const spread = 2 * Math.sqrt(i + 1);
    return { date, p025: 190 - 2 * spread, p10: 190 - spread, p50: 190 + i * 0.1, p90: 190 + spread, p975: 190 + 2 * spread };
  });
  return {
    ticker: 'AAPL',
    asOf: '2026-06-12',
    horizon: 5,
    modelVersion: 'naive',
    lastClose: 190,
    points,
    modelPoints: points,
    skill: { mase: 1.02, u2: 1.01, hitRate: 0.49, hitRateLow: 0.45, hitRateHigh: 0.53, coverage80: 0.78, coverage95: 0.93, n: 250, window: '2025-06-13..2026-06-12 walk-forward, 1-day' },
    edge: false,
    edgeReason: 'no model has passed the gate yet',
    drivers: [],
    ...overrides,
  };
}

export const sampleHistory = Array.from({ length: 80 }, (_, i) => ({ date: new Date(Date.UTC(2026, 2, 2 + i)).toISOString().slice(0, 10), close: 180 + 10 * Math.sin(i / 9) }));

export interface StubCall {
  path: readonly string[];
  args: RawArgs;
  invocation: Invocation;
}

/** A bot whose answers the test decides; records what the surface asked for. */
export function stubBot(answer: (call: StubCall, progress: (note: string) => Promise<void>) => Promise<CommandResult> | CommandResult): Bot & { calls: StubCall[] } {
  const calls: StubCall[] = [];
  return {
    calls,
    commands: [],
    runText: () => Promise.reject(new Error('the Discord surfaces never run text')),
    async runArgs(path, args, invocation, options) {
      const call = { path, args, invocation };
      calls.push(call);
      return answer(call, options?.progress ?? (() => Promise.resolve()));
    },
  };
}

/** A PNG's size from its IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(bytes);
  if (!buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  if (buffer.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

export interface PostOptions {
  /** Seconds since the epoch to sign with; default now. */
  timestamp?: number;
  /** Leave the signature headers out. */
  unsigned?: boolean;
  /** Sign a different body than the one sent. */
  signBody?: string;
  rawBody?: string;
}

/** POSTs an interaction to the endpoint the way Discord does: signed over timestamp + body. */
export async function postInteraction(url: string, key: SigningKey, payload: unknown, options: PostOptions = {}): Promise<{ status: number; body: unknown; ms: number }> {
  const body = options.rawBody ?? JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
  if (!options.unsigned) {
    headers['x-signature-ed25519'] = key.sign(timestamp, options.signBody ?? body);
    headers['x-signature-timestamp'] = timestamp;
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, ms: performance.now() - started };
}
