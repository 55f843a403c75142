import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorOf } from '../../api/apiError.ts';
import { OperationalError, RateLimitedError, TemporaryError, UserError, unknownTicker } from '../../core/errors.ts';
import { call, errorOf, openApiServer, type ApiServer } from './apiServer.ts';

describe("the project's errors on the wire", () => {
  it('keeps a user error’s code: 404 for a missing thing, 422 for a refusal', () => {
    expect(apiErrorOf(unknownTicker('ZZZZ'), 'r1')).toMatchObject({ status: 404, code: 'unknown_ticker' });
    expect(apiErrorOf(new UserError('unknown_model_version', 'unknown model version v9'), 'r1')).toMatchObject({ status: 404, code: 'unknown_model_version' });
    expect(apiErrorOf(new UserError('bad_horizon', 'model v3 forecasts at most 3 sessions\nahead'), 'r1')).toMatchObject({ status: 422, code: 'bad_horizon', message: 'model v3 forecasts at most 3 sessions ahead' });
  });

  it('answers a temporary error 503 with Retry-After, the upstream’s own wait when it named one', () => {
    const limited = apiErrorOf(new RateLimitedError('Yahoo asks us to slow down', 2_500), 'r1');
    expect(limited).toMatchObject({ status: 503, code: 'unavailable', headers: { 'retry-after': '3' } });
    expect(limited.message).toMatch(/^Yahoo asks us to slow down; try again in 3 s$/);
    expect(apiErrorOf(new TemporaryError('db_unreachable', 'cannot reach PostgreSQL'), 'r1')).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
  });

  it('hides everything else behind 500 internal and a reference', () => {
    for (const err of [new Error('relation "x" does not exist at /srv/tickcast/storage'), new OperationalError('migration_failed', 'password=hunter2'), 'a string', null]) {
      const answer = apiErrorOf(err, 'ref-42');
      expect(answer).toMatchObject({ status: 500, code: 'internal', message: 'something went wrong on our side (reference ref-42)' });
    }
  });
});

describe('a failure inside the service', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await openApiServer();
  });
  afterAll(() => api?.close());

  it('is a 500 internal naming the request id, with the cause in the log and not in the answer', async () => {
    const token = await api.token();
    // The registry's table gone: the kind of failure no request could cause or fix.
    await api.app.database.rows(sql`drop table model_versions cascade`);
    const answer = await call(`${api.url}/api/models`, { token });
    expect(answer.status).toBe(500);
    const { code, message } = errorOf(answer);
    const requestId = answer.headers.get('x-request-id') ?? '';
    expect(code).toBe('internal');
    expect(message).toMatch(/^something went wrong on our side \(reference [\w-]+\)$/);
    expect(message).toContain(requestId);
    expect(JSON.stringify(answer.body)).not.toMatch(/model_versions|relation|\bat \w/);
    const logged = api.logLines.find((line) => line.msg === 'api request failed');
    expect(logged).toMatchObject({ level: 50, requestId, method: 'GET', route: '/api/models' });
    expect(JSON.stringify(logged)).toMatch(/model_versions/);
    // The server is still there for what does not need the registry.
    expect((await call(`${api.url}/api/prices/ZZZZ`, { token })).status).toBe(404);
  });
});
