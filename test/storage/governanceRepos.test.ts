import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createAuditRepo } from '../../storage/repos/auditRepo.ts';
import { createRequestLog } from '../../storage/repos/requestLog.ts';
import { createUserRepo } from '../../storage/repos/userRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

describe.each(ENGINES)('users, audit log and request log on $name', (engine) => {
  const db = useTestDatabase(engine);
  const users = () => createUserRepo(db().db);
  const audit = () => createAuditRepo(db().db);
  const requests = () => createRequestLog(db().db);

  beforeEach(async () => {
    await db().rows(sql`truncate users, audit_log, chat_requests restart identity`);
  });

  it('makes someone an admin when any of their ids is one', async () => {
    await users().setRole('slack:U1', 'admin', 'Ana');
    await users().setRole('discord:role:ops', 'admin');
    await users().setRole('slack:U2', 'member');
    expect(await users().roleOf(['slack:U1'])).toBe('admin');
    expect(await users().roleOf(['discord:user:7', 'discord:role:ops'])).toBe('admin');
    expect(await users().roleOf(['slack:U2', 'slack:U3'])).toBe('member');
    expect(await users().roleOf([])).toBe('member');
  });

  it('changes a role in place, keeping the display name unless one is given', async () => {
    await users().setRole('slack:U1', 'admin', 'Ana');
    await users().setRole('slack:U1', 'member');
    expect(await users().roleOf(['slack:U1'])).toBe('member');
    await users().setRole('slack:U0', 'admin', null);
    expect((await users().list()).map((u) => [u.id, u.role, u.displayName])).toEqual([['slack:U0', 'admin', null], ['slack:U1', 'member', 'Ana']]);
    await users().setRole('slack:U1', 'member', null);
    expect((await users().list())[1]?.displayName).toBeNull();
    expect((await users().list())[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('records audit entries and lists them newest first, filtered by actor and action', async () => {
    const first = await audit().record({ actor: 'slack:U1', action: 'model.promote', target: 'v3', outcome: 'pending', detail: { requestId: 1 } });
    expect(first).toMatchObject({ id: 1, actor: 'slack:U1', action: 'model.promote', target: 'v3', outcome: 'pending', detail: { requestId: 1 } });
    expect(first.at).toBeInstanceOf(Date);
    await audit().record({ actor: 'slack:U2', action: 'model.approve', target: 'v3', outcome: 'ok' });
    await audit().record({ actor: 'slack:U1', action: 'model.rollback', target: null, outcome: 'denied' });
    expect((await audit().list()).map((e) => e.id)).toEqual([3, 2, 1]);
    expect((await audit().list())[1]?.detail).toBeNull();
    expect((await audit().list({ actor: 'slack:U1' })).map((e) => e.action)).toEqual(['model.rollback', 'model.promote']);
    expect((await audit().list({ action: 'model.approve' })).map((e) => e.actor)).toEqual(['slack:U2']);
    expect((await audit().list({ limit: 1 })).map((e) => e.id)).toEqual([3]);
  });

  it('sees a request key once, also when replayed at the same moment, and forgets old keys', async () => {
    const seen = await Promise.all(Array.from({ length: 5 }, () => requests().firstSeen('slack:req-1')));
    expect(seen.filter(Boolean)).toHaveLength(1);
    expect(await requests().firstSeen('discord:interaction-9')).toBe(true);
    await db().rows(sql`update chat_requests set seen_at = now() - interval '10 minutes' where key = 'slack:req-1'`);
    expect(await requests().prune(new Date(Date.now() - 5 * 60_000))).toBe(1);
    expect(await requests().firstSeen('slack:req-1')).toBe(true);
    expect(await requests().firstSeen('discord:interaction-9')).toBe(false);
  });
});
