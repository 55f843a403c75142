import crypto, { type KeyObject } from 'node:crypto';
import { OperationalError } from '../../core/errors.ts';

/** Discord signs every interaction; a request older (or further ahead) than this is a replay, whatever its signature. */
export const MAX_SIGNATURE_AGE_S = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'unsigned' | 'malformed' | 'stale' | 'forged' };

export interface SignedRequest {
  /** `x-signature-ed25519`: hex of the Ed25519 signature over timestamp + raw body. */
  signature: string | undefined;
  /** `x-signature-timestamp`: Unix seconds. */
  timestamp: string | undefined;
  rawBody: Buffer;
}

/** The application's public key (64 hex characters, as the developer portal shows it) as a node:crypto key. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new OperationalError('discord_public_key_invalid', 'DISCORD_PUBLIC_KEY must be 64 hex characters');
  try {
    return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
  } catch (err) {
    throw new OperationalError('discord_public_key_invalid', 'DISCORD_PUBLIC_KEY is not an Ed25519 public key', { cause: err });
  }
}

/**
 * Checks an interaction's signature and freshness. The timestamp is part of what is signed, so a captured request
 * cannot be refreshed; checking its age bounds how long a capture could be replayed at all.
 */
export function verifyDiscordSignature(key: KeyObject, request: SignedRequest, nowMs: number): SignatureCheck {
  const { signature, timestamp, rawBody } = request;
  if (!signature || !timestamp) return { ok: false, reason: 'unsigned' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_S) return { ok: false, reason: 'stale' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  return crypto.verify(null, signed, key, Buffer.from(signature, 'hex')) ? { ok: true } : { ok: false, reason: 'forged' };
}
