import { and, desc, eq, sql } from 'drizzle-orm';
import { UserError, unknownTicker } from '../../core/errors.ts';
import type { Forecast } from '../../core/forecast.ts';
import type { ForecastRepo, StoredForecast } from '../../core/model.ts';
import type { Db } from '../database.ts';
import { forecasts, modelVersions } from '../schema/index.ts';

/**
 * Forecasts, one row per ticker, session, horizon and model version (null, a forecast made without a model,
 * counts as one version: the key's nulls are not distinct). Saving again replaces the row.
 */
export function createForecastRepo(db: Db): ForecastRepo {
  async function save(forecast: Forecast, versionId: number | null): Promise<void> {
    const row = {
      ticker: forecast.ticker,
      asOf: forecast.asOf,
      horizon: forecast.horizon,
      modelVersionId: versionId,
      lastClose: forecast.lastClose,
      points: forecast.points,
      skill: forecast.skill,
      edge: forecast.edge,
      detail: { modelPoints: forecast.modelPoints, drivers: forecast.drivers, edgeReason: forecast.edgeReason },
    };
    try {
      await db
        .insert(forecasts)
        .values(row)
        .onConflictDoUpdate({
          target: [forecasts.ticker, forecasts.asOf, forecasts.horizon, forecasts.modelVersionId],
          set: {
            lastClose: row.lastClose, points: row.points, skill: row.skill, edge: row.edge, detail: row.detail, createdAt: sql`now()`,
          },
        });
    } catch (err) {
      throw describeMissingReference(err, forecast, versionId) ?? err;
    }
  }

  async function recent(query: { ticker?: string; version?: string; limit: number }): Promise<StoredForecast[]> {
    const rows = await db
      .select({
        ticker: forecasts.ticker, asOf: forecasts.asOf, horizon: forecasts.horizon, modelVersion: modelVersions.version,
        lastClose: forecasts.lastClose, points: forecasts.points, edge: forecasts.edge, createdAt: forecasts.createdAt,
      })
      .from(forecasts)
      .leftJoin(modelVersions, eq(modelVersions.id, forecasts.modelVersionId))
      .where(and(query.ticker ? eq(forecasts.ticker, query.ticker) : undefined, query.version ? eq(modelVersions.version, query.version) : undefined))
      .orderBy(desc(forecasts.asOf), desc(forecasts.createdAt), desc(forecasts.id))
      .limit(query.limit);
    return rows;
  }

  return { save, recent };
}

/** A foreign-key violation named for what the user got wrong: the ticker or the model version. */
function describeMissingReference(err: unknown, forecast: Forecast, versionId: number | null): UserError | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const { code, constraint, constraint_name: constraintName } = e as { code?: string; constraint?: string; constraint_name?: string };
    if (code !== '23503') continue;
    const name = constraint ?? constraintName ?? '';
    if (name.includes('model_version')) {
      return new UserError('unknown_model_version', `unknown model version id ${versionId}`, { cause: err });
    }
    return unknownTicker(forecast.ticker);
  }
  return null;
}
