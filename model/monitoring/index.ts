export { binIndex, binShares } from './binIndex.ts';
export { referenceFrom, type BinnedDistribution } from './referenceFrom.ts';
export {
  driftLevel,
  populationStabilityIndex,
  PSI_DRIFT,
  PSI_EPSILON,
  PSI_WATCH,
  type DriftLevel,
} from './populationStabilityIndex.ts';
export { kolmogorovSurvival, ksStatistic, type KsResult } from './ksStatistic.ts';
export { liveCalibration, type CalibrationRecord, type LiveCalibration } from './liveCalibration.ts';
export { robustZ, ROBUST_Z_CAP } from './robustZ.ts';
export { ANOMALY_SCORE_FLAG, ANOMALY_WINDOW, anomalyScores, type AnomalyScore } from './anomalyScores.ts';
export { permutationImportance, type PermutationOptions, type PredictBatch } from './permutationImportance.ts';
