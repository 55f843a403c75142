import { describe, expect, it } from 'vitest';
import { discordPublicKey, verifyDiscordSignature } from '../../../bot/discord/verifyDiscordSignature.ts';
import { OperationalError } from '../../../core/errors.ts';
import { generateSigningKey } from './discordFixtures.ts';

describe('verifyDiscordSignature', () => {
  const signer = generateSigningKey();
  const key = discordPublicKey(signer.publicKeyHex);
  const body = '{"type":1,"id":"1"}';
  const nowMs = 1_781_000_000_000;
  const ts = String(nowMs / 1000);
  const request = (overrides: { signature?: string | undefined; timestamp?: string | undefined; body?: string } = {}) => ({
    signature: 'signature' in overrides ? overrides.signature : signer.sign(ts, body),
    timestamp: 'timestamp' in overrides ? overrides.timestamp : ts,
    rawBody: Buffer.from(overrides.body ?? body),
  });

  it('accepts a signature over timestamp + body from the configured key', () => {
    expect(verifyDiscordSignature(key, request(), nowMs)).toEqual({ ok: true });
    expect(verifyDiscordSignature(key, request(), nowMs + 299_000)).toEqual({ ok: true });
  });

  it('refuses a changed body, another key, or a signature moved to another timestamp', () => {
    expect(verifyDiscordSignature(key, request({ body: '{"type":1,"id":"2"}' }), nowMs)).toEqual({ ok: false, reason: 'forged' });
    const other = generateSigningKey();
    expect(verifyDiscordSignature(key, request({ signature: other.sign(ts, body) }), nowMs)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyDiscordSignature(key, request({ timestamp: String(Number(ts) + 1) }), nowMs)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses requests signed more than five minutes ago (or ahead), even with a valid signature', () => {
    const old = String(Number(ts) - 301);
    expect(verifyDiscordSignature(key, request({ timestamp: old, signature: signer.sign(old, body) }), nowMs)).toEqual({ ok: false, reason: 'stale' });
    const ahead = String(Number(ts) + 301);
    expect(verifyDiscordSignature(key, request({ timestamp: ahead, signature: signer.sign(ahead, body) }), nowMs)).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses unsigned and malformed headers without trying them', () => {
    expect(verifyDiscordSignature(key, request({ signature: undefined }), nowMs)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifyDiscordSignature(key, request({ timestamp: undefined }), nowMs)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifyDiscordSignature(key, request({ signature: 'zz' }), nowMs)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyDiscordSignature(key, request({ timestamp: '1e9' }), nowMs)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('names a public key that is not 32 bytes of hex as a configuration problem', () => {
    expect(() => discordPublicKey('abc')).toThrow(OperationalError);
    expect(() => discordPublicKey('abc')).toThrow(/DISCORD_PUBLIC_KEY/);
  });
});
