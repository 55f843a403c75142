import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

describe('tickcast admins and audit', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-gov-'));
  const env = { TICKCAST_DATA_DIR: path.join(root, 'data'), TICKCAST_ADMINS: 'discord:role:456' };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps admins in the database beside the configured ones, refuses malformed ids, and audits each change', async () => {
    expect((await runCli(['admins', 'add', 'slack:U0ADMIN'], env)).code).toBe(0);
    const bad = await runCli(['admins', 'add', 'U0ADMIN'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'U0ADMIN' is not an admin id/);

    const listed = JSON.parse((await runCli(['admins', 'list', '--json'], env)).stdout) as { admins: { id: string; source: string }[] };
    expect(listed.admins).toEqual([{ id: 'discord:role:456', source: 'TICKCAST_ADMINS' }, { id: 'slack:U0ADMIN', source: 'database' }]);

    const rollback = await runCli(['model', 'rollback'], env);
    expect(rollback.code).toBe(2);
    expect(rollback.stderr).toMatch(/no earlier version to roll back to/);

    const audit = JSON.parse((await runCli(['audit', '--json'], env)).stdout) as { entries: { action: string; outcome: string; target: string | null; actor: string }[] };
    expect(audit.entries.map((e) => `${e.action}:${e.outcome}:${e.target}`)).toEqual(['model.rollback:failed:null', 'admins.add:ok:slack:U0ADMIN']);
    expect(audit.entries[0]!.actor).toMatch(/^terminal:/);
  }, 60_000);
});
