import { codeVersion } from '../../app/codeVersion.ts';
import { DEFAULT_MODEL_CONFIG } from '../../model/modelConfig.ts';
import { pooledRow } from '../../model/promotionGate.ts';
import { trainVersion } from '../../model/trainService.ts';
import type { JobContext, JobSummary } from '../jobContext.ts';

/** Progress is logged at most this often; the heartbeat keeps the lock fresh regardless. */
const PROGRESS_EVERY_MS = 30_000;

/**
 * A retrain: the same training as `tickcast train` with its defaults, on every ticker with data. The new version is
 * judged walk-forward against naive (and the champion) and becomes challenger; it becomes champion only when there
 * is none yet and it passes the gate. Promotion otherwise stays a two-admin decision in chat.
 */
export async function retrainJob(ctx: JobContext): Promise<JobSummary> {
  const { app } = ctx;
  const started = Date.now();
  let lastNote = 0;
  const by = typeof ctx.data.by === 'string' ? ctx.data.by : 'scheduler';
  const outcome = await trainVersion(
    { config: DEFAULT_MODEL_CONFIG, evaluationSessions: app.config.model.evaluationSessions, gate: app.config.model.gate, by, codeVersion: codeVersion() },
    {
      store: app.store,
      factory: await app.networks(),
      signal: ctx.signal,
      onPhase: (phase, detail) => void ctx.progress(`retrain: ${phase === 'evaluation' ? 'judging walk-forward' : 'final fit'} to ${detail.trainTo} on ${detail.tickers} tickers`),
      onEpoch: (phase, report) => {
        if (Date.now() - lastNote < PROGRESS_EVERY_MS) return;
        lastNote = Date.now();
        void ctx.progress(`retrain (${phase}): epoch ${report.epoch}, validation loss ${report.valLoss?.toFixed(4) ?? '-'}`);
      },
    },
  );
  const skill = pooledRow(outcome.metrics);
  const naive = pooledRow(outcome.metrics, 'naive');
  return {
    trigger: ctx.data.trigger ?? 'schedule',
    ...(typeof ctx.data.reason === 'string' ? { reason: ctx.data.reason } : {}),
    version: outcome.version.version,
    becameChampion: outcome.becameChampion,
    gate: outcome.gate.passed ? 'passed' : 'failed',
    skill,
    naive,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}
