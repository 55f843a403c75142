import type { StoredModel } from '../core/model.ts';
import { restoreModel } from './modelBundle.ts';
import type { NetworkFactory } from './network.ts';
import type { QuantileModel } from './quantileModel.ts';

/**
 * Keeps the last restored model, so a long-running service does not rebuild the network for every forecast, and
 * disposes it when another version takes its place (tensors are not garbage-collected).
 */
export class ModelCache {
  private current: { id: number; model: QuantileModel } | null = null;

  get(stored: StoredModel, factory: NetworkFactory): QuantileModel {
    if (this.current?.id === stored.id) return this.current.model;
    const model = restoreModel(stored.version, stored, factory);
    this.clear();
    this.current = { id: stored.id, model };
    return model;
  }

  clear(): void {
    this.current?.model.dispose();
    this.current = null;
  }
}
