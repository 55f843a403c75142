import { z } from 'zod';
import { modelListJson } from '../render/modelVersionJson.ts';
import type { ApiEndpoint } from './apiEndpoint.ts';
import { parseQuery } from './queryParams.ts';

/** `GET /api/models`: the registry, newest first, with aliases and walk-forward figures, as `tickcast model list --json`. */
export const modelsEndpoint: ApiEndpoint = {
  pattern: '/api/models',
  scope: 'read',
  async answer({ query }, deps) {
    parseQuery(z.strictObject({}), query);
    return modelListJson(await deps.store.models.list());
  },
};
