import { codeVersion } from './codeVersion.ts';
import type { App } from './wiring.ts';
import { createRetrainer, type Retrainer } from '../model/retrainer.ts';

/** The app's retrainer: its store, TensorFlow.js networks, promotion gate and evaluation window. */
export function retrainerFor(app: App, options: { noteEveryMs?: number } = {}): Retrainer {
  return createRetrainer({
    store: app.store,
    factory: app.networks,
    gate: app.config.model.gate,
    evaluationSessions: app.config.model.evaluationSessions,
    codeVersion: codeVersion(),
    ...options,
  });
}
