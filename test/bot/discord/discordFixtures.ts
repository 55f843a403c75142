import crypto from 'node:crypto';
import pino from 'pino';
import type { Bot } from '../../../bot/bot.ts';
import type { Invocation, RawArgs } from '../../../bot/command.ts';
import type { CommandResult } from '../../../bot/results.ts';

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
