import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import type { InputReference, ModelBundle, VersionMetrics } from '../core/model.ts';
import type { Calibration } from './calibration.ts';
import { MODEL_KIND, modelConfigSchema, type ModelConfig } from './modelConfig.ts';
import { MODEL_INPUTS } from './modelInputs.ts';
import type { FitResult, NetworkFactory } from './network.ts';
import { QuantileModel } from './quantileModel.ts';
import type { TrainedModel } from './trainModel.ts';
import { QUANTILE_LEVELS } from '../core/forecast.ts';

/** Bumped when the meaning of a stored bundle changes in a way old code cannot read. */
export const BUNDLE_FORMAT = 1;

const finiteArray = z.array(z.number().refine(Number.isFinite, 'must be finite'));

const paramsSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  config: modelConfigSchema,
  calibration: z.object({ shrink: finiteArray, widen80: finiteArray, widen95: finiteArray }),
  fit: z.record(z.string(), z.unknown()).optional(),
});

export interface BundleContext {
  metrics: VersionMetrics | null;
  reference: InputReference[];
  dataSnapshot: ModelBundle['dataSnapshot'];
  backend: string;
  codeVersion: string;
  trainFrom: Date;
  trainTo: Date;
}

/** What is stored for a trained model: the weights plus everything needed to rebuild and judge it. */
export function toBundle(trained: TrainedModel, context: BundleContext): ModelBundle {
  const { model, fit } = trained;
  return {
    kind: MODEL_KIND,
    featureList: [...MODEL_INPUTS],
    scaler: model.scaler,
    params: {
      format: BUNDLE_FORMAT,
      config: model.config,
      calibration: model.calibration,
      fit: { ...fit, fitFrom: trained.fitFrom, fitTo: trained.fitTo, calibrationFrom: trained.calibrationFrom, calibrationTo: trained.calibrationTo, fitSamples: trained.fitSamples, calibrationSamples: trained.calibrationSamples } satisfies FitResult & Record<string, unknown>,
    },
    weights: model.network.weights(),
    ...context,
  };
}

/** Refuses a model whose inputs are not exactly the ones this code computes, in the same order. */
export function assertFeatureList(name: string, featureList: readonly string[]): void {
  const expected: readonly string[] = MODEL_INPUTS;
  if (featureList.length === expected.length && featureList.every((input, i) => input === expected[i])) return;
  const missing = expected.filter((input) => !featureList.includes(input));
  const unknown = featureList.filter((input) => !expected.includes(input));
  const detail = [
    missing.length ? `this code computes ${missing.join(', ')} which the model lacks` : '',
    unknown.length ? `the model expects ${unknown.join(', ')} which this code does not compute` : '',
    !missing.length && !unknown.length ? 'the same inputs in another order' : '',
  ].filter(Boolean).join('; ');
  throw new UserError(
    'feature_mismatch',
    `Model ${name} was trained on a different feature list (${detail}); it will not predict on inputs it was not trained on. Train a new version with \`tickcast train\`.`,
  );
}

function corrupt(name: string, why: string): UserError {
  return new UserError('model_bundle_corrupt', `Model ${name} cannot be loaded: ${why}.`);
}

function parseCalibration(name: string, calibration: Calibration, config: ModelConfig): Calibration {
  for (const [key, values] of Object.entries(calibration)) {
    if (values.length !== config.horizons) throw corrupt(name, `calibration ${key} has ${values.length} values for ${config.horizons} horizons`);
  }
  return calibration;
}

/** Rebuilds a stored bundle into a model that can predict, after checking it is whole and fits this code. */
export function restoreModel(name: string, bundle: Omit<ModelBundle, 'metrics' | 'dataSnapshot' | 'reference'>, factory: NetworkFactory): QuantileModel {
  if (bundle.kind !== MODEL_KIND) throw new UserError('model_bundle_incompatible', `Model ${name} is a ${bundle.kind} model; this tickcast serves ${MODEL_KIND}.`);
  assertFeatureList(name, bundle.featureList);
  const params = paramsSchema.safeParse(bundle.params);
  if (!params.success) throw corrupt(name, `its parameters are invalid (${params.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')})`);
  const { config } = params.data;
  const width = MODEL_INPUTS.length;
  const scaler = bundle.scaler;
  const scalerOk = scaler && scaler.mean?.length === width && scaler.std?.length === width && [...scaler.mean, ...scaler.std, scaler.clip].every(Number.isFinite) && scaler.std.every((s) => s > 0);
  if (!scalerOk) throw corrupt(name, 'its input scaler is missing or malformed');
  const calibration = parseCalibration(name, params.data.calibration, config);
  const spec = { windowLength: config.windowLength, inputCount: width, hidden: config.hidden, targetCount: config.horizons, quantiles: QUANTILE_LEVELS };
  try {
    return new QuantileModel(factory.restore(spec, bundle.weights), scaler, calibration, config);
  } catch (err) {
    if (err instanceof UserError) throw corrupt(name, err.message.replace(/\.$/, ''));
    throw err;
  }
}
