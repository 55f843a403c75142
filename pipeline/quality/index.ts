/** The data-quality gate: pure checks over bars, producing core `Finding`s. No I/O. */
export { runQualityGate } from './runQualityGate.ts';
export type { QualityGateOptions } from './runQualityGate.ts';
export { cleanForModelling } from './cleanForModelling.ts';
export type { ModellingBar } from './cleanForModelling.ts';
export { blockingReason } from './blockingReason.ts';
export * from './qualityThresholds.ts';
