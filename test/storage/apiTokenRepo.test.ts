import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { API_TOKEN_MARK, generateApiToken, hashApiToken, issueApiToken, parseApiTokenRef } from '../../core/apiTokens.ts';
import { UserError } from '../../core/errors.ts';
import { createApiTokenRepo } from '../../storage/repos/apiTokenRepo.ts';
import { createStore } from '../../storage/store.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

describe.each(ENGINES)('API tokens on $name', (engine) => {
  const db = useTestDatabase(engine);
  const tokens = () => createApiTokenRepo(db().db);
  const stored = () => db().rows<{ id: number; prefix: string; token_hash: string }>(sql`select id, prefix, token_hash from api_tokens order by id`);

  beforeEach(async () => {
    await db().rows(sql`truncate api_tokens restart identity`);
  });

  it('stores only the hash: the token is nowhere in the row, and its hash lets it in', async () => {
    const { token, record } = await issueApiToken(tokens(), { name: ' grafana ', scopes: ['read', 'read'], createdBy: 'terminal:ana' });
    expect(token).toMatch(/^tc_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ id: 1, name: 'grafana', prefix: token.slice(0, 10), scopes: ['read'], createdBy: 'terminal:ana', lastUsedAt: null, revokedAt: null });
    expect(record).not.toHaveProperty('tokenHash');
    const [row] = await stored();
    expect(row!.token_hash).toBe(hashApiToken(token));
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.token_hash).not.toContain(token.slice(API_TOKEN_MARK.length, 20));
    expect(JSON.stringify(await db().rows(sql`select * from api_tokens`))).not.toContain(token.slice(10));

    const found = await tokens().authenticate(hashApiToken(token));
    expect(found).toMatchObject({ id: 1, name: 'grafana' });
    expect(await tokens().authenticate(token)).toBeNull();
    expect(await tokens().authenticate(hashApiToken(`${token}x`))).toBeNull();
  });

  it('two tokens never share a value, a prefix or a hash', async () => {
    const made = Array.from({ length: 50 }, () => generateApiToken());
    expect(new Set(made.map((m) => m.token)).size).toBe(50);
    expect(new Set(made.map((m) => m.tokenHash)).size).toBe(50);
    for (const m of made) expect(m.tokenHash).not.toBe(m.token);
  });

  it('records a use at most once a minute', async () => {
    const { token } = await issueApiToken(tokens(), { name: 'ci', scopes: ['read'], createdBy: null });
    const t0 = new Date('2026-06-15T10:00:00Z');
    expect((await tokens().authenticate(hashApiToken(token), t0))?.lastUsedAt).toEqual(t0);
    await tokens().authenticate(hashApiToken(token), new Date(t0.getTime() + 59_000));
    expect((await tokens().list())[0]!.lastUsedAt).toEqual(t0);
    const later = new Date(t0.getTime() + 60_000);
    await tokens().authenticate(hashApiToken(token), later);
    expect((await tokens().list())[0]!.lastUsedAt).toEqual(later);
  });

  it('revokes by id or by prefix; a revoked token stops working and is listed as revoked', async () => {
    const a = await issueApiToken(tokens(), { name: 'a', scopes: ['read'], createdBy: null });
    const b = await issueApiToken(tokens(), { name: 'b', scopes: ['read'], createdBy: null });
    const at = new Date('2026-06-15T12:00:00Z');
    expect(await tokens().revoke({ id: a.record.id }, at)).toMatchObject({ id: 1, name: 'a', revokedAt: at });
    expect(await tokens().authenticate(hashApiToken(a.token))).toBeNull();
    expect(await tokens().authenticate(hashApiToken(b.token))).not.toBeNull();

    expect(await tokens().revoke(parseApiTokenRef(b.token))).toMatchObject({ id: 2, name: 'b' });
    expect(await tokens().authenticate(hashApiToken(b.token))).toBeNull();
    const listed = await tokens().list();
    expect(listed.map((t) => [t.id, t.name, t.revokedAt !== null])).toEqual([[1, 'a', true], [2, 'b', true]]);
    expect(listed[0]!.revokedAt).toEqual(at);
  });

  it('refuses to revoke what is unknown, already revoked or ambiguous, and changes nothing', async () => {
    const a = await issueApiToken(tokens(), { name: 'a', scopes: ['read'], createdBy: null });
    await tokens().revoke({ id: a.record.id });
    // Two live tokens sharing a prefix can only be made by hand; a prefix must then not pick one of them.
    await tokens().create({ name: 'x', prefix: 'tc_SAMEPRE', tokenHash: hashApiToken('one'), scopes: ['read'], createdBy: null });
    await tokens().create({ name: 'y', prefix: 'tc_SAMEPRE', tokenHash: hashApiToken('two'), scopes: ['read'], createdBy: null });
    const before = await tokens().list();

    const refusal = async (work: Promise<unknown>) => work.then(() => null, (err: unknown) => err as UserError);
    expect(await refusal(tokens().revoke({ id: 99 }))).toMatchObject({ kind: 'user', code: 'unknown_token' });
    expect(await refusal(tokens().revoke({ prefix: 'tc_nothere' }))).toMatchObject({ code: 'unknown_token' });
    expect(await refusal(tokens().revoke({ id: a.record.id }))).toMatchObject({ code: 'token_already_revoked' });
    expect(await refusal(tokens().revoke({ prefix: a.record.prefix }))).toMatchObject({ code: 'token_already_revoked' });
    const ambiguous = await refusal(tokens().revoke({ prefix: 'tc_SAMEPRE' }));
    expect(ambiguous).toMatchObject({ code: 'ambiguous_token' });
    expect(ambiguous!.message).toMatch(/ids 2, 3/);
    expect(await tokens().list()).toEqual(before);
  });

  it('refuses bad names and scopes before storing anything', async () => {
    for (const [request, code] of [
      [{ name: '   ', scopes: ['read'] }, 'bad_token_name'],
      [{ name: 'a\nb', scopes: ['read'] }, 'bad_token_name'],
      [{ name: 'x'.repeat(101), scopes: ['read'] }, 'bad_token_name'],
      [{ name: 'ok', scopes: [] }, 'bad_scope'],
      [{ name: 'ok', scopes: ['read', 'write'] }, 'bad_scope'],
    ] as const) {
      await expect(issueApiToken(tokens(), { ...request, createdBy: null })).rejects.toMatchObject({ kind: 'user', code });
    }
    expect(await tokens().list()).toEqual([]);
  });

  it('a token made in a transaction that rolls back does not exist', async () => {
    const store = createStore(db().db);
    let made = '';
    await expect(
      store.transaction(async (repos) => {
        made = (await issueApiToken(repos.apiTokens, { name: 'gone', scopes: ['read'], createdBy: null })).token;
        throw new Error('audit failed');
      }),
    ).rejects.toThrow('audit failed');
    expect(await store.apiTokens.authenticate(hashApiToken(made))).toBeNull();
    expect(await store.apiTokens.list()).toEqual([]);
  });
});

describe('token references', () => {
  it('reads ids and prefixes, and refuses anything else', () => {
    expect(parseApiTokenRef('12')).toEqual({ id: 12 });
    expect(parseApiTokenRef(' tc_AbCdEfGhIjK ')).toEqual({ prefix: 'tc_AbCdEfG' });
    for (const bad of ['', 'tc_abc', 'abc', '1.5', '-1', '1234567890']) expect(() => parseApiTokenRef(bad)).toThrow(UserError);
  });
});
