import { z } from 'zod';
import { MAX_HORIZON } from '../core/forecast.ts';

/**
 * How a model is shaped and trained. The defaults are the product's model: small enough to train the global model
 * on a dozen tickers in minutes on two cores, as accurate on held-out data as the larger reference LSTM.
 */
export const modelConfigSchema = z.object({
  windowLength: z.number().int().min(5).max(250).default(30),
  hidden: z.number().int().min(4).max(256).default(32),
  horizons: z.number().int().min(1).max(MAX_HORIZON).default(MAX_HORIZON),
  epochs: z.number().int().min(1).max(500).default(30),
  batchSize: z.number().int().min(8).max(4096).default(256),
  learningRate: z.number().positive().max(1).default(0.002),
  patience: z.number().int().min(1).max(100).default(4),
  seed: z.number().int().min(0).default(42),
  /** Sessions at the end of the training data held out for early stopping and conformal calibration. */
  calibrationSessions: z.number().int().min(20).max(2000).default(250),
  /** Use every n-th origin for training: neighbouring windows overlap almost entirely, so 2 costs little. */
  originStride: z.number().int().min(1).max(20).default(1),
});

export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const DEFAULT_MODEL_CONFIG: ModelConfig = modelConfigSchema.parse({});

export const MODEL_KIND = 'quantile-lstm';
