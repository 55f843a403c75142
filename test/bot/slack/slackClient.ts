import { randomUUID } from 'node:crypto';
import { signedHeaders, slashCommandBody, type FakeSlackApi, type RecordedSlackCall, type SlashCommandFields } from '../../fakes/slackApi.ts';

/** Plays Slack's part in the tests: signs slash commands, posts them to the receiver, and reads the follow-ups. */
export interface SentCommand {
  status: number;
  body: string;
  /** The response_url id the follow-ups arrive under. */
  responseId: string;
  triggerId: string;
  ackMs: number;
}

export interface SlashOptions extends Partial<Omit<SlashCommandFields, 'command' | 'text' | 'response_url'>> {
  /** Override the signed headers (forged, stale or missing signatures). */
  headers?: Record<string, string>;
  secret?: string;
  timestampSeconds?: number;
}

export function createSlackClient(receiverUrl: string, fake: FakeSlackApi, signingSecret: string) {
  async function slash(command: string, text: string, options: SlashOptions = {}): Promise<SentCommand> {
    const responseId = randomUUID();
    const triggerId = options.trigger_id ?? `trigger-${responseId}`;
    const body = slashCommandBody({ ...options, command, text, response_url: `${fake.url}/respond/${responseId}`, trigger_id: triggerId });
    const headers = options.headers ?? signedHeaders(options.secret ?? signingSecret, body, options.timestampSeconds);
    const started = performance.now();
    const res = await fetch(`${receiverUrl}/slack/events`, { method: 'POST', headers, body });
    const responseBody = await res.text();
    return { status: res.status, body: responseBody, responseId, triggerId, ackMs: performance.now() - started };
  }

  const responsesTo = (sent: SentCommand): RecordedSlackCall[] => fake.calls.filter((c) => c.method === 'respond' && c.responseId === sent.responseId);

  /** Waits for `count` posts to the command's response_url and returns them. */
  async function responses(sent: SentCommand, count = 1, timeoutMs = 30_000): Promise<RecordedSlackCall[]> {
    await fake.waitFor(() => responsesTo(sent).length >= count, timeoutMs);
    return responsesTo(sent);
  }

  return { slash, responses, responsesTo };
}
