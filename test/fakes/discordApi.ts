import http from 'node:http';
import { closeServer, createWaiters, listenLocally, multipartForm, readBody } from './localHttp.ts';

/**
 * A local stand-in for Discord's REST API (v10) on 127.0.0.1. It records every call in order (JSON bodies, and
 * multipart bodies split into `payload_json` and file parts with their bytes) and answers the routes tickcast uses:
 * interaction callbacks and webhooks, channel messages (with `enforce_nonce` dedupe), application commands and
 * `GET /gateway/bot`. Tests script failures (429 with Retry-After, 403, 404, 5xx) ahead of the normal answers.
 */
export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedCall {
  method: string;
  /** The path after `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  contentType: string | null;
  /** The JSON body, or the multipart `payload_json`, parsed; null when there was none. */
  body: unknown;
  files: RecordedFile[];
  status: number;
}

export interface ScriptedFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  attachments: { id: string; filename: string; size: number; content_type: string; url: string }[];
  nonce?: string;
  flags: number;
  author: { id: string; username: string; discriminator: string; bot: boolean; avatar: null; global_name: null };
  timestamp: string;
  edited_timestamp: string | null;
  type: number;
  tts: boolean;
  mention_everyone: boolean;
  mentions: unknown[];
  mention_roles: unknown[];
  pinned: boolean;
  webhook_id?: string;
  application_id?: string;
}

export interface FakeDiscordApi {
  /** The REST base to configure (`DISCORD_API_URL`, `rest: { api }`): `http://127.0.0.1:PORT/api`. */
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly botUser: { id: string; username: string };
  /** Messages per channel, oldest first, as `GET /channels/:id/messages` serves them newest first. */
  channelMessages(channelId: string): FakeMessage[];
  /** The message an interaction token's @original currently is (after its edits), if any. */
  original(token: string): FakeMessage | null;
  /** Fail the next `times` calls matching `method` and `path` (a regular expression over the path after /api/v10). */
  failNext(match: { method?: string; path: RegExp }, failure: ScriptedFailure, times?: number): void;
  /** Where `GET /gateway/bot` sends clients. */
  setGatewayUrl(url: string): void;
  /** Resolves with the first call matching `predicate` once it has been answered; rejects after `timeoutMs`. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  reset(): void;
  close(): Promise<void>;
}

export function rateLimited(retryAfterSeconds: number): ScriptedFailure {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
    headers: { 'retry-after': String(Math.ceil(retryAfterSeconds)), 'x-ratelimit-scope': 'user' },
  };
}

export const missingAccess: ScriptedFailure = { status: 403, body: { message: 'Missing Access', code: 50001 } };
export const unknownChannel: ScriptedFailure = { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
export const unknownWebhook: ScriptedFailure = { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
export const serverError: ScriptedFailure = { status: 502, body: { message: 'Bad Gateway', code: 0 } };

const API_PREFIX = /^\/api\/v\d+/;

let snowflake = 1_300_000_000_000_000_000n;
const nextId = () => String(++snowflake);

async function parseBody(raw: Buffer, contentType: string | null): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: null, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await multipartForm(raw, contentType);
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}

export async function startFakeDiscordApi(options: { token?: string; applicationId?: string } = {}): Promise<FakeDiscordApi> {
  const botUser = { id: '1100000000000000001', username: 'tickcast' };
  const applicationId = options.applicationId ?? '1200000000000000001';
  const calls: RecordedCall[] = [];
  const failures: { match: { method?: string; path: RegExp }; failure: ScriptedFailure; left: number }[] = [];
  const channels = new Map<string, FakeMessage[]>();
  const originals = new Map<string, FakeMessage>();
  const waiters = createWaiters();
  let gatewayUrl = 'ws://127.0.0.1:1';

  const message = (channelId: string, body: Record<string, unknown>, files: RecordedFile[], extra: Partial<FakeMessage> = {}): FakeMessage => ({
    id: nextId(),
    channel_id: channelId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    attachments: files.map((f) => ({ id: nextId(), filename: f.name, size: f.data.length, content_type: f.contentType, url: `https://cdn.example/${f.name}` })),
    flags: typeof body.flags === 'number' ? body.flags : 0,
    author: { id: botUser.id, username: botUser.username, discriminator: '0', bot: true, avatar: null, global_name: null },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    type: 0,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    ...extra,
  });

  const route = (method: string, path: string, query: Record<string, string>, authorization: string | null, body: Record<string, unknown>, files: RecordedFile[]): { status: number; body?: unknown } => {
    const needsBot = !path.startsWith('/webhooks/') && !path.startsWith('/interactions/');
    if (needsBot && options.token && authorization !== `Bot ${options.token}`) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return { status: 200, body: { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      if (query.with_response !== 'true') return { status: 204 };
      return { status: 200, body: { interaction: { id: m[1], type: 2 }, resource: { type: (body.type as number | undefined) ?? 5 } } };
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path))) {
      const token = m[2]!;
      const existing = originals.get(token) ?? message('0', {}, [], { webhook_id: m[1], application_id: m[1] });
      if (method === 'GET') return { status: 200, body: existing };
      if (method === 'PATCH') {
        const edited = { ...message(existing.channel_id, body, files, { id: existing.id, webhook_id: m[1], application_id: m[1] }), edited_timestamp: new Date().toISOString() };
        originals.set(token, edited);
        return { status: 200, body: edited };
      }
    }
    if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      return { status: 200, body: message('0', body, files, { webhook_id: m[1], application_id: m[1] }) };
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channelId = m[1]!;
      const list = channels.get(channelId) ?? [];
      if (method === 'GET') {
        const limit = Math.min(100, Number(query.limit ?? 50));
        return { status: 200, body: [...list].reverse().slice(0, limit) };
      }
      if (method === 'POST') {
        const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : undefined;
        const duplicate = body.enforce_nonce === true && nonce !== undefined ? list.find((msg) => msg.nonce === nonce) : undefined;
        if (duplicate) return { status: 200, body: duplicate };
        const created = message(channelId, body, files, nonce === undefined ? {} : { nonce });
        channels.set(channelId, [...list, created]);
        return { status: 200, body: created };
      }
    }
    if (method === 'PUT' && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (m[1] !== applicationId) return { status: 404, body: { message: 'Unknown Application', code: 10002 } };
      const commands = Array.isArray(body) ? (body as Record<string, unknown>[]) : [];
      return { status: 200, body: commands.map((c) => ({ ...c, id: nextId(), application_id: m![1], version: nextId(), ...(m![2] ? { guild_id: m![2] } : {}) })) };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname.replace(API_PREFIX, ''));
      const method = req.method ?? 'GET';
      const contentType = req.headers['content-type'] ?? null;
      const { body, files } = await parseBody(await readBody(req), contentType);
      const authorization = req.headers.authorization ?? null;
      const query = Object.fromEntries(url.searchParams);
      const scripted = failures.find((f) => f.left > 0 && (!f.match.method || f.match.method === method) && f.match.path.test(path));
      let answer: { status: number; body?: unknown; headers?: Record<string, string> };
      if (scripted) {
        scripted.left--;
        answer = scripted.failure;
      } else {
        answer = route(method, path, query, authorization, (body ?? {}) as Record<string, unknown>, files);
      }
      calls.push({ method, path, query, authorization, contentType, body, files, status: answer.status });
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { ...(text ? { 'content-type': 'application/json' } : {}), ...answer.headers });
      res.end(text);
      waiters.notify();
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `fake Discord failed: ${String(err)}`, code: 0 }));
    });
  });
  const origin = await listenLocally(server);

  return {
    url: `${origin}/api`,
    calls,
    botUser,
    channelMessages: (channelId) => [...(channels.get(channelId) ?? [])],
    original: (token) => originals.get(token) ?? null,
    failNext(match, failure, times = 1) {
      failures.push({ match, failure, left: times });
    },
    setGatewayUrl(url) {
      gatewayUrl = url;
    },
    waitForCall(predicate, timeoutMs = 10_000) {
      const seen = () => calls.map((c) => `${c.method} ${c.path}`).join(', ') || 'nothing';
      return waiters.until(() => calls.find(predicate), timeoutMs, () => `no matching call reached the fake Discord API within ${timeoutMs} ms; saw: ${seen()}`);
    },
    reset() {
      calls.length = 0;
      failures.length = 0;
      channels.clear();
      originals.clear();
    },
    close: () => closeServer(server),
  };
}
