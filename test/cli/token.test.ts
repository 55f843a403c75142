import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

type AuditRow = { action: string; target: string; outcome: string; detail: Record<string, unknown> };
type TokenRow = { id: number; name: string; prefix: string; scopes: string[]; createdBy: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

describe('tickcast token', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-token-'));
  const env = { TICKCAST_DATA_DIR: path.join(root, 'data') };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  // What the last test left, so the next one starts from it without asking the bin again (each run costs seconds).
  let tokensNow: TokenRow[] = [];
  let auditNow: AuditRow[] = [];
  const list = async () => (JSON.parse((await runCli(['token', 'list', '--json'], env)).stdout) as { tokens: TokenRow[] }).tokens;
  const audit = async () => (JSON.parse((await runCli(['audit', '--json'], env)).stdout) as { entries: AuditRow[] }).entries;

  it('says there are none yet', async () => {
    const result = await runCli(['token', 'list'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/No API tokens yet/);
  });

  it('creates a token, shows it once with a warning, keeps only its prefix in sight, and audits it', async () => {
    const human = await runCli(['token', 'create', 'grafana'], env);
    expect(human.code).toBe(0);
    const shown = /\b(tc_[A-Za-z0-9_-]{43})\b/.exec(human.stdout)?.[1];
    expect(shown).toBeDefined();
    expect(human.stdout).toMatch(/not shown again/);

    const json = await runCli(['token', 'create', 'ci nightly', '--scopes', 'read', '--json'], env);
    expect(json.code).toBe(0);
    const made = JSON.parse(json.stdout) as TokenRow & { token: string; warning: string };
    expect(made).toMatchObject({ id: 2, name: 'ci nightly', scopes: ['read'], revokedAt: null, lastUsedAt: null });
    expect(made.token).toMatch(/^tc_[A-Za-z0-9_-]{43}$/);
    expect(made.prefix).toBe(made.token.slice(0, 10));
    expect(made.warning).toMatch(/not shown again/);
    expect(made.createdBy).toMatch(/^terminal:/);

    const listed = await runCli(['token', 'list'], env);
    expect(listed.stdout).toContain(made.prefix);
    expect(listed.stdout).not.toContain(made.token);
    expect(listed.stdout).not.toContain(shown);
    const rows = (tokensNow = await list());
    expect(rows.map((t) => [t.id, t.name, t.revokedAt])).toEqual([[1, 'grafana', null], [2, 'ci nightly', null]]);
    expect(JSON.stringify(rows)).not.toContain(made.token.slice(10));

    const entries = await audit();
    expect(entries.map((e) => `${e.action}:${e.outcome}:${e.target}`)).toEqual([`token.create:ok:${made.prefix}`, `token.create:ok:${shown!.slice(0, 10)}`]);
    expect(JSON.stringify(entries)).not.toContain(made.token.slice(10));
  }, 120_000);

  it('revokes by prefix or id, once', async () => {
    const [first, second] = tokensNow;
    const byPrefix = await runCli(['token', 'revoke', first!.prefix], env);
    expect(byPrefix.code).toBe(0);
    expect(byPrefix.stdout).toMatch(new RegExp(`Token 1 'grafana' \\(${first!.prefix}…\\) is revoked`));
    const byId = JSON.parse((await runCli(['token', 'revoke', String(second!.id), '--json'], env)).stdout) as { revoked: TokenRow };
    expect(byId.revoked).toMatchObject({ id: 2, name: 'ci nightly' });
    expect(byId.revoked.revokedAt).not.toBeNull();
    tokensNow = await list();
    expect(tokensNow.every((t) => t.revokedAt !== null)).toBe(true);
    auditNow = await audit();
    expect(auditNow.slice(0, 2).map((e) => `${e.action}:${e.outcome}:${e.target}`)).toEqual([`token.revoke:ok:${second!.prefix}`, `token.revoke:ok:${first!.prefix}`]);
  }, 120_000);

  it('refuses bad input with one clear line and exit 2, and changes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['token', 'create', '   '], /a token needs a name/],
      [['token', 'create', 'x', '--scopes', 'read,write'], /unknown scope 'write'; scopes are read/],
      [['token', 'revoke', '99', '--json'], /no token with id 99/],
      [['token', 'revoke', 'grafana'], /'grafana' names no token/],
      [['token', 'revoke', '1'], /token 1 \(tc_[\w-]{7}, 'grafana'\) was already revoked/],
      [['token', 'create'], /missing required argument 'name'/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      if (args.includes('--json')) expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'unknown_token', message: expect.stringMatching(/^no token with id 99/) } });
      else expect(result.stdout, args.join(' ')).toBe('');
    }
    expect(await list()).toEqual(tokensNow);
    expect(await audit()).toEqual(auditNow);
  }, 180_000);
});
