import type { ChatTransport, OutboundBody } from '../../core/outbox.ts';

export interface Send {
  channelId: string;
  dedupeKey: string;
  body: OutboundBody;
  at: number;
}

/**
 * The far end of a chat platform, in the test: it records every send, keeps what reached each channel (so
 * `findSent` can look), and fails sends as a test scripts it, per dedupe key.
 */
export class RecordingTransport implements ChatTransport {
  readonly surface = 'slack' as const;
  readonly sends: Send[] = [];
  readonly lookups: string[] = [];
  readonly posted = new Map<string, string>();
  readonly failures = new Map<string, unknown[]>();
  sendDelayMs = 0;

  async send(channelId: string, body: OutboundBody, dedupeKey: string): Promise<{ externalId: string | null }> {
    this.sends.push({ channelId, dedupeKey, body, at: Date.now() });
    if (this.sendDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.sendDelayMs));
    const failure = this.failures.get(dedupeKey)?.shift();
    if (failure !== undefined) throw failure;
    return { externalId: this.post(channelId, dedupeKey) };
  }

  async findSent(channelId: string, dedupeKey: string): Promise<string | null> {
    this.lookups.push(dedupeKey);
    return this.posted.get(`${channelId}/${dedupeKey}`) ?? null;
  }

  post(channelId: string, dedupeKey: string): string {
    const externalId = `ts.${this.posted.size + 1}`;
    this.posted.set(`${channelId}/${dedupeKey}`, externalId);
    return externalId;
  }

  sendsOf(dedupeKey: string): Send[] {
    return this.sends.filter((send) => send.dedupeKey === dedupeKey);
  }
}
