import { createHmac } from 'node:crypto';
import http from 'node:http';
import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, createWaiters, listenLocally, multipartForm, readBody } from './localHttp.ts';

/**
 * A local stand-in for the far end of Slack: the Web API methods tickcast calls (at `apiUrl`, which the product
 * takes as `SLACK_API_URL`), the external upload URL `files.getUploadURLExternal` hands out, and slash commands'
 * `response_url`s (`url + '/respond/<id>'`). It records every call in arrival order and answers the way Slack
 * documents; tests script failures (429 with Retry-After, `ok: false` errors, HTTP 5xx) ahead of normal answers.
 * Socket Mode works too: `apps.connections.open` (with the app token) hands out a WebSocket on the fake, which
 * says hello and delivers the envelopes a test sends with `socket.send`.
 */

/** `respond` for response_url posts and `upload` for the external upload POST; Web API calls by method name. */
export interface RecordedSlackCall {
  method: string;
  /** Form fields (values that hold JSON are parsed), the JSON body, or for uploads `{ fileId, size }`. */
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  /** For `respond`: the id in the response_url path. */
  responseId?: string;
}

export interface FakeSlackMessage {
  type: 'message';
  ts: string;
  channel: string;
  text: string;
  blocks: unknown;
  bot_id: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeSlackFile {
  id: string;
  filename: string;
  length: number;
  altText: string | null;
  title: string | null;
  channelId: string | null;
  /** Null until uploaded, or when the fake was told not to keep bytes. */
  bytes: Uint8Array | null;
  /** Bytes received at the upload URL (null until then). */
  size: number | null;
  completed: boolean;
}

export type ScriptedFailure =
  /** HTTP 429 with `Retry-After: retryAfter` seconds, as Slack's rate limiter answers. */
  | { rateLimited: number }
  /** HTTP 200 with `{ ok: false, error }`. */
  | { error: string }
  /** A bare HTTP status, e.g. 503. */
  | { status: number }
  /** The call takes effect (a message is posted) but no answer ever comes: the caller dies or times out waiting. */
  | { stall: true };

/** Slack's end of a Socket Mode connection. */
export interface FakeSlackSocket {
  /** Resolves once a client has connected (and been sent `hello`). */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope (`slash_commands`, `events_api`, …) and resolves with the client's acknowledgement. */
  send(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<{ envelope_id: string; payload?: unknown }>;
  /** Connections currently open. */
  openConnections(): number;
}

export interface FakeSlackApi {
  /** The origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The Web API base URL with its trailing slash, for `slackApiUrl`/`SLACK_API_URL`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly socket: FakeSlackSocket;
  readonly calls: RecordedSlackCall[];
  readonly files: Map<string, FakeSlackFile>;
  /** The next `times` calls to `method` (`respond` and `upload` included) get `failure`; later ones succeed. */
  fail(method: string, failure: ScriptedFailure, times?: number): void;
  callsTo(method: string): RecordedSlackCall[];
  messagesIn(channel: string): FakeSlackMessage[];
  /** Resolves once `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  waitFor(predicate: (calls: readonly RecordedSlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Forget calls, messages, files and unused scripted failures. */
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_TEAM_ID = 'T0001';
export const FAKE_BOT_ID = 'B0001';
export const FAKE_BOT_USER_ID = 'U0BOT';

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** Form values that look like JSON (blocks, metadata, files) are parsed, as Slack does on its side. */
function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseQuery(text))) {
    const single = Array.isArray(value) ? value[0] : value;
    if (typeof single === 'string' && /^[[{]/.test(single)) {
      try {
        out[key] = JSON.parse(single);
        continue;
      } catch {
        // not JSON after all: keep the text
      }
    }
    out[key] = single;
  }
  return out;
}

/** The upload POST is multipart (the WebClient sends the bytes as a form file) or a raw body. */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Uint8Array> {
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await multipartForm(raw, contentType);
    for (const value of form.values()) {
      if (typeof value !== 'string') return new Uint8Array(await value.arrayBuffer());
    }
    throw new Error('multipart upload without a file part');
  }
  return new Uint8Array(raw);
}

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  /** Keep uploaded bytes (default true); a benchmark posting thousands of charts keeps only their sizes. */
  keepFileBytes?: boolean;
}

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const keepFileBytes = options.keepFileBytes ?? true;
  const botToken = options.botToken ?? 'xoxb-fake-token';
  const appToken = options.appToken ?? 'xapp-fake-token';
  const calls: RecordedSlackCall[] = [];
  const failures = new Map<string, ScriptedFailure[]>();
  const messages: FakeSlackMessage[] = [];
  const files = new Map<string, FakeSlackFile>();
  const waiters = createWaiters();
  let sequence = 0;
  let origin = '';

  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
  const notify = () => waiters.notify();

  function scripted(method: string): ScriptedFailure | undefined {
    const queue = failures.get(method);
    return queue?.shift();
  }

  function answerFailure(res: http.ServerResponse, failure: Exclude<ScriptedFailure, { stall: true }>): void {
    if ('rateLimited' in failure) reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.rateLimited) });
    else if ('error' in failure) reply(res, 200, { ok: false, error: failure.error });
    else reply(res, failure.status, { ok: false, error: `http_${failure.status}` });
  }

  function apiMethod(method: string, body: Record<string, unknown>, headers: http.IncomingHttpHeaders): { status: number; body: unknown } {
    if (method === 'apps.connections.open') {
      if (headers.authorization !== `Bearer ${appToken}`) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
      return { status: 200, body: { ok: true, url: `${origin.replace(/^http/, 'ws')}/socket` } };
    }
    if (headers.authorization !== `Bearer ${botToken}`) return { status: 200, body: { ok: false, error: headers.authorization ? 'invalid_auth' : 'not_authed' } };
    switch (method) {
      case 'auth.test':
        return { status: 200, body: { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'tickcast', team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID } };
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const channel = String(body.channel ?? '');
        if (!channel) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
        if (body.text === undefined && body.blocks === undefined) return { status: 200, body: { ok: false, error: 'no_text' } };
        const message: FakeSlackMessage = { type: 'message', ts: nextTs(), channel, text: String(body.text ?? ''), blocks: body.blocks, bot_id: FAKE_BOT_ID };
        if (body.metadata && typeof body.metadata === 'object') message.metadata = body.metadata as FakeSlackMessage['metadata'];
        if (method === 'chat.postEphemeral') return { status: 200, body: { ok: true, message_ts: message.ts } };
        messages.push(message);
        const { channel: _channel, ...shown } = message;
        return { status: 200, body: { ok: true, channel, ts: message.ts, message: shown } };
      }
      case 'conversations.history': {
        const channel = String(body.channel ?? '');
        const limit = Math.min(Number(body.limit ?? 100) || 100, 999);
        const withMetadata = body.include_all_metadata === 'true' || body.include_all_metadata === true;
        const inChannel = messages.filter((m) => m.channel === channel).reverse();
        const page = inChannel.slice(0, limit).map(({ channel: _channel, metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
        return { status: 200, body: { ok: true, messages: page, has_more: inChannel.length > limit, pin_count: 0 } };
      }
      case 'files.getUploadURLExternal': {
        const filename = String(body.filename ?? '');
        const length = Number(body.length);
        if (!filename || !(length > 0)) return { status: 200, body: { ok: false, error: 'invalid_arguments' } };
        const id = `F${String(++sequence).padStart(8, '0')}`;
        files.set(id, { id, filename, length, altText: typeof body.alt_text === 'string' ? body.alt_text : null, title: null, channelId: null, bytes: null, size: null, completed: false });
        return { status: 200, body: { ok: true, upload_url: `${origin}/upload/${id}`, file_id: id } };
      }
      case 'files.completeUploadExternal': {
        const entries = Array.isArray(body.files) ? (body.files as { id?: string; title?: string }[]) : [];
        const done: Record<string, unknown>[] = [];
        for (const entry of entries) {
          const file = entry.id ? files.get(entry.id) : undefined;
          if (!file || file.size === null) return { status: 200, body: { ok: false, error: 'file_not_found' } };
          file.title = entry.title ?? null;
          file.channelId = typeof body.channel_id === 'string' ? body.channel_id : null;
          file.completed = true;
          done.push({ id: file.id, name: file.filename, title: file.title, size: file.size });
        }
        if (done.length === 0) return { status: 200, body: { ok: false, error: 'invalid_arguments' } };
        return { status: 200, body: { ok: true, files: done } };
      }
      default:
        return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    const respond = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    const upload = /^\/upload\/(\w+)$/.exec(url.pathname);

    if (req.method !== 'POST' || !(api || respond || upload)) return reply(res, 404, { ok: false, error: 'fake Slack: unknown path' });
    const method = api ? api[1]! : respond ? 'respond' : 'upload';
    let body: Record<string, unknown>;
    if (upload) {
      const file = files.get(upload[1]!);
      const bytes = await uploadedBytes(raw, contentType);
      body = { fileId: upload[1], size: bytes.length };
      if (file) {
        file.size = bytes.length;
        if (keepFileBytes) file.bytes = bytes;
      }
    } else if (contentType?.startsWith('application/json')) {
      body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    } else {
      body = parseForm(raw.toString('utf8'));
    }
    calls.push({ method, body, headers: req.headers, ...(respond ? { responseId: respond[1] } : {}) });
    notify();

    const failure = scripted(method);
    if (failure && 'stall' in failure) {
      apiMethod(method, body, req.headers);
      notify();
      return;
    }
    if (failure) return answerFailure(res, failure);
    if (respond) return reply(res, 200, 'ok');
    if (upload) return files.has(upload[1]!) ? reply(res, 200, 'OK - 0') : reply(res, 404, 'no such upload');
    const answer = apiMethod(method, body, req.headers);
    // Waiters may be watching the state a call changes (messages posted), not just the call list.
    notify();
    return reply(res, answer.status, answer.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, 500, { ok: false, error: `fake Slack failed: ${String(err)}` }));
  });
  const sockets = new WebSocketServer({ noServer: true });
  const acks = new Map<string, (ack: { envelope_id: string; payload?: unknown }) => void>();
  let envelopes = 0;
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/socket') return socket.destroy();
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
        acks.get(ack.envelope_id)?.(ack);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: sockets.clients.size, connection_info: { app_id: 'A123456' } }));
      notify();
    });
  });
  const withTimeout = <T>(promise: Promise<T>, timeoutMs: number, what: string) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`fake Slack: ${what} within ${timeoutMs} ms`)), timeoutMs).unref())]);
  const socket: FakeSlackSocket = {
    async connected(timeoutMs = 10_000) {
      await waiters.until(() => (sockets.clients.size > 0 ? true : undefined), timeoutMs, () => `fake Slack: no Socket Mode connection within ${timeoutMs} ms`);
    },
    send(type, payload, timeoutMs = 10_000) {
      const envelopeId = `envelope-${++envelopes}`;
      const acked = new Promise<{ envelope_id: string; payload?: unknown }>((resolve) => acks.set(envelopeId, resolve));
      const message = JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands', retry_attempt: 0, retry_reason: '' });
      for (const client of sockets.clients) client.send(message);
      return withTimeout(acked, timeoutMs, `no ack for ${envelopeId}`).finally(() => acks.delete(envelopeId));
    },
    openConnections: () => sockets.clients.size,
  };

  origin = await listenLocally(server);

  return {
    url: origin,
    apiUrl: `${origin}/api/`,
    botToken,
    appToken,
    socket,
    calls,
    files,
    fail(method, failure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    messagesIn: (channel) => messages.filter((m) => m.channel === channel),
    async waitFor(predicate, timeoutMs = 10_000) {
      const seen = () => calls.map((c) => c.method).join(', ') || 'none';
      await waiters.until(() => (predicate(calls) ? true : undefined), timeoutMs, () => `fake Slack: condition not met within ${timeoutMs} ms; calls so far: ${seen()}`);
    },
    reset() {
      calls.length = 0;
      messages.length = 0;
      files.clear();
      failures.clear();
    },
    close: () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      return closeServer(server);
    },
  };
}

/** Slack's side of a slash command: the form body it POSTs, shaped like the documented example payload. */
export interface SlashCommandFields {
  command: string;
  text: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  trigger_id?: string;
  response_url: string;
}

let triggerSequence = 0;

export function slashCommandBody(fields: SlashCommandFields): string {
  const trigger = fields.trigger_id ?? `13345224609.738474920.${(++triggerSequence).toString(16).padStart(8, '0')}`;
  return stringifyQuery({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: FAKE_TEAM_ID,
    team_domain: 'example',
    enterprise_id: 'E0001',
    enterprise_name: 'Globular Construct Inc',
    channel_id: fields.channel_id ?? 'C2147483705',
    channel_name: fields.channel_name ?? 'test',
    user_id: fields.user_id ?? 'U2147483697',
    user_name: fields.user_name ?? 'Steve',
    command: fields.command,
    text: fields.text,
    api_app_id: 'A123456',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: trigger,
  });
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing secret. */
export function slackSignature(signingSecret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

/** Headers Slack sends with a signed form POST; `timestampSeconds` defaults to now. */
export function signedHeaders(signingSecret: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': slackSignature(signingSecret, timestampSeconds, body),
  };
}
