import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { DAILY_DIR } from '../support/sharedData.ts';
import { bundleWith } from '../bot/support.ts';
import { call, errorOf, openApiServer } from './apiServer.ts';

/**
 * The API's documents are the command line's: a token made by `tickcast token create` opens the API over the same
 * data folder, and each endpoint answers exactly what the matching `--json` command prints.
 */
describe('the REST API and the command line', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-api-cli-'));
  const dataDir = path.join(root, 'data');
  const env = { TICKCAST_DATA_DIR: dataDir };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const cliJson = async (args: string[]) => {
    const result = await runCli([...args, '--json'], env);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout) as unknown;
  };

  it('answer the same documents, and a token made and revoked on the command line works and then does not', async () => {
    await cliJson(['ingest', '--source', `csv:${DAILY_DIR}`, '--tickers', 'AAPL']);
    const { token } = (await cliJson(['token', 'create', 'e2e'])) as { token: string };

    const api = await openApiServer({ dataDir });
    let answers: unknown[];
    try {
      await api.app.store.models.save(bundleWith(0.97, 0.8), 'terminal:ana');
      await api.app.store.models.moveAlias('challenger', 'v1', 'trained', 'terminal:ana');
      answers = [];
      for (const endpoint of ['/api/forecast/AAPL?horizon=3', '/api/prices/AAPL?last=7', '/api/models']) {
        const answer = await call(`${api.url}${endpoint}`, { token });
        expect(answer.status, endpoint).toBe(200);
        answers.push(answer.body);
      }
    } finally {
      await api.close();
    }

    expect(answers[0]).toEqual(await cliJson(['forecast', 'AAPL', '--horizon', '3']));
    expect(answers[1]).toEqual(await cliJson(['prices', 'AAPL', '--last', '7']));
    expect(answers[2]).toEqual(await cliJson(['model', 'list']));
    expect(answers[2]).toMatchObject({ versions: [{ version: 'v1', aliases: ['challenger'] }] });

    const { tokens } = (await cliJson(['token', 'list'])) as { tokens: { name: string; lastUsedAt: string | null }[] };
    expect(tokens).toEqual([expect.objectContaining({ name: 'e2e', lastUsedAt: expect.any(String) })]);
    await cliJson(['token', 'revoke', token.slice(0, 10)]);

    const after = await openApiServer({ dataDir });
    try {
      const refused = await call(`${after.url}/api/models`, { token });
      expect(refused.status).toBe(401);
      expect(errorOf(refused).code).toBe('invalid_token');
    } finally {
      await after.close();
    }
  }, 240_000);
});
