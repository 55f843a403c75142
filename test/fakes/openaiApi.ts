import http from 'node:http';
import { closeServer, createWaiters, listenLocally, readBody } from './localHttp.ts';

/**
 * A local stand-in for an OpenAI-compatible server: `POST /v1/chat/completions` answers a chat.completion the way
 * the API documents, with the text a test chose. Tests script the bad days too: a slow answer (to run into the
 * client's timeout), an HTTP error, a body that is not JSON, no choices. Every request is recorded.
 */

export interface RecordedChatRequest {
  model: unknown;
  messages: { role: string; content: unknown }[];
  /** The `authorization` header as sent, e.g. `Bearer sk-test`. */
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** How the fake answers; `delayMs` holds any answer back that long (the client may give up first). */
export type FakeChatAnswer = { delayMs?: number } & (
  /** A chat.completion whose one choice holds `text` (null: a message without content). */
  | { text: string | null }
  /** An HTTP error with OpenAI's error body. */
  | { status: number; message?: string }
  /** `body` as is, under `contentType` (default `application/json`, which makes it a lie). */
  | { garbage: string; contentType?: string }
  /** A chat.completion with an empty `choices` array. */
  | { emptyChoices: true }
);

export interface FakeOpenAiApi {
  /** The origin, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** What the product takes as `OPENAI_BASE_URL`: the origin with `/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedChatRequest[];
  /** How later requests are answered, until the next call. */
  answerWith(answer: FakeChatAnswer): void;
  /** Forget the requests and answer as the fake started. */
  reset(): void;
  /** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function reply(res: http.ServerResponse, status: number, body: string, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

let completionSequence = 0;

function completion(model: unknown, content: string | null, emptyChoices: boolean): string {
  const choices = emptyChoices ? [] : [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }];
  const completionTokens = content === null ? 0 : Math.ceil(content.length / 4);
  return JSON.stringify({
    id: `chatcmpl-fake${++completionSequence}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof model === 'string' ? model : 'unknown',
    choices,
    usage: { prompt_tokens: 100, completion_tokens: completionTokens, total_tokens: 100 + completionTokens },
  });
}

export async function startFakeOpenAiApi(initial: FakeChatAnswer = { text: 'The watchlist was quiet.' }): Promise<FakeOpenAiApi> {
  const requests: RecordedChatRequest[] = [];
  const waiters = createWaiters();
  const heldBack = new Set<NodeJS.Timeout>();
  let answer = initial;

  function respond(res: http.ServerResponse, body: Record<string, unknown>, chosen: FakeChatAnswer): void {
    if ('status' in chosen) {
      reply(res, chosen.status, JSON.stringify({ error: { message: chosen.message ?? `fake failure ${chosen.status}`, type: 'server_error', param: null, code: null } }));
    } else if ('garbage' in chosen) {
      reply(res, 200, chosen.garbage, chosen.contentType);
    } else {
      reply(res, 200, completion(body.model, 'text' in chosen ? chosen.text : null, 'emptyChoices' in chosen));
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return reply(res, 404, JSON.stringify({ error: { message: `fake OpenAI: no route ${req.method} ${path}` } }));
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
    requests.push({
      model: body.model,
      messages: Array.isArray(body.messages) ? (body.messages as RecordedChatRequest['messages']) : [],
      authorization: req.headers.authorization,
      body,
    });
    waiters.notify();
    const chosen = answer;
    if (!chosen.delayMs) return respond(res, body, chosen);
    const timer = setTimeout(() => {
      heldBack.delete(timer);
      if (!res.destroyed) respond(res, body, chosen);
    }, chosen.delayMs);
    heldBack.add(timer);
    // A client that gave up closes the connection: forget the held-back answer rather than keep the process alive.
    res.on('close', () => {
      clearTimeout(timer);
      heldBack.delete(timer);
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, 500, JSON.stringify({ error: { message: `fake OpenAI failed: ${String(err)}` } })));
  });
  const url = await listenLocally(server);

  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    answerWith(next) {
      answer = next;
    },
    reset() {
      requests.length = 0;
      answer = initial;
    },
    async waitForRequests(count, timeoutMs = 10_000) {
      await waiters.until(() => (requests.length >= count ? true : undefined), timeoutMs, () => `fake OpenAI: ${requests.length} of ${count} requests within ${timeoutMs} ms`);
    },
    close() {
      for (const timer of heldBack) clearTimeout(timer);
      heldBack.clear();
      return closeServer(server);
    },
  };
}
