import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeVersion } from '../../../app/codeVersion.ts';
import { createBot } from '../../../bot/createBot.ts';
import { createRetrainer } from '../../../model/retrainer.ts';
import { DEFAULT_MODEL_CONFIG } from '../../../model/modelConfig.ts';
import { openBotHarness, type BotHarness } from '../../support/botHarness.ts';
import { expectKind, from } from '../support.ts';

/** A retrain from chat, with a tiny network so it runs in seconds: the same training as `tickcast train`. */
describe('model retrain from chat', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await openBotHarness({ tickers: ['KO', 'XOM'], admins: ['slack:UADMIN', 'slack:UADMIN2'] });
  }, 60_000);
  afterAll(() => h.close());

  it('trains a version, reports progress and the figures beside naive, refuses a second run meanwhile, and audits it', async () => {
    const retrain = createRetrainer({
      store: h.app.store,
      factory: h.app.networks,
      gate: h.app.config.model.gate,
      evaluationSessions: 60,
      codeVersion: codeVersion(),
      config: { ...DEFAULT_MODEL_CONFIG, epochs: 2, windowLength: 10, hidden: 6, calibrationSessions: 60 },
    });
    const bot = createBot({ ...h.services, retrain });
    const notes: string[] = [];
    const first = bot.runText('model retrain', from('slack:UADMIN'), { progress: async (note) => void notes.push(note) });
    await new Promise((r) => setTimeout(r, 50));
    // The same admin is over the retrain budget; another admin meets the one already running.
    expect(expectKind(await bot.runText('model retrain', from('slack:UADMIN')), 'error').code).toBe('rate_limited');
    const second = expectKind(await bot.runText('model retrain', from('slack:UADMIN2')), 'error');
    expect(second.code).toBe('retrain_running');
    expect(second.message).toMatch(/started by slack:UADMIN .* is still running/);

    const done = expectKind(await first, 'retrained');
    expect(done.version).toBe('v1');
    expect(done.skill?.model).toBe('lstm');
    expect(done.naive?.model).toBe('naive');
    expect(notes[0]).toMatch(/^Retraining:/);
    expect((await h.app.store.models.list()).map((v) => v.version)).toEqual(['v1']);
    const [entry] = await h.app.store.audit.list({ action: 'model.retrain' });
    expect(entry).toMatchObject({ actor: 'slack:UADMIN', outcome: 'ok', target: 'v1' });
    expect(expectKind(await bot.runText('model retrain', from('slack:U1')), 'error').code).toBe('not_admin');
  }, 240_000);
});
