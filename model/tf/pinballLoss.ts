import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend.ts';

/**
 * Mean pinball (quantile) loss over every target × level. `predictions` is [B, targets·levels] (levels innermost),
 * `targets` is [B, targets], `levels` is [levels]. Minimised, each output converges on its quantile of y.
 */
export function pinballLoss(tf: Tf, predictions: tfjs.Tensor2D, targets: tfjs.Tensor2D, levels: tfjs.Tensor1D): tfjs.Scalar {
  return tf.tidy(() => {
    const [rows, targetCount] = targets.shape;
    const levelCount = levels.shape[0];
    const diff = tf.sub(tf.reshape(targets, [rows, targetCount, 1]), tf.reshape(predictions, [rows, targetCount, levelCount]));
    // max(q·d, (q−1)·d) = q·d − min(d, 0)
    return tf.mean(tf.sub(tf.mul(diff, levels), tf.minimum(diff, 0)));
  });
}
