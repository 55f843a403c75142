import type { AlertCondition } from '../core/alerts.ts';
import type { StoredForecast } from '../core/model.ts';
import type { Repos } from '../core/ports.ts';
import { cleanForModelling } from '../pipeline/quality/cleanForModelling.ts';
import { ANOMALY_SESSIONS, lastBarAnomaly } from './lastBarAnomaly.ts';
import type { ForecastForAlerts, ObservationInputs } from './observe.ts';
import { recentSessions, type RecentSession } from './recentSessions.ts';
import { MAX_MOVE_SESSIONS } from './ruleGrammar.ts';

/**
 * Stored bars read per ticker: enough for the longest % move and the anomaly window, plus a few in case the newest
 * bars are ones the quality gate condemned (missing sessions only lengthen the grid, never shorten it).
 */
export const RECENT_BARS = Math.max(ANOMALY_SESSIONS, MAX_MOVE_SESSIONS + 1) + 10;
/** Forecasts looked through for the newest origin's longest horizon. */
const RECENT_FORECASTS = 10;

/** What a ticker's rules need from the store, reading only the parts those rules' kinds use. */
export async function loadObservationInputs(repos: Repos, ticker: string, conditions: readonly AlertCondition[]): Promise<ObservationInputs> {
  const kinds = new Set(conditions.map((condition) => condition.kind));
  const needsBars = [...kinds].some((kind) => kind !== 'forecast_prob');
  const sessions = needsBars ? await loadSessions(repos, ticker) : [];
  return {
    sessions,
    forecast: kinds.has('forecast_prob') ? await loadForecast(repos, ticker) : null,
    anomaly: kinds.has('anomaly') ? lastBarAnomaly(sessions) : null,
    quality: kinds.has('quality') ? ((await repos.quality.publishability(ticker)).find((row) => row.ticker === ticker) ?? null) : null,
  };
}

/** The recent daily bars on the session grid, marked by the stored quality findings the way models see them. */
async function loadSessions(repos: Repos, ticker: string): Promise<RecentSession[]> {
  const bars = await repos.prices.listBars(ticker, '1d', { last: RECENT_BARS });
  if (bars.length === 0) return [];
  const findings = await repos.quality.listFindings({ ticker, interval: '1d' });
  return recentSessions(cleanForModelling(bars, findings));
}

/**
 * The forecast from the newest origin; of several made from it (a scheduled 5-session one and a user's 2-session
 * one), the one reaching furthest, so one forecast answers every window it can.
 */
async function loadForecast(repos: Repos, ticker: string): Promise<ForecastForAlerts | null> {
  const recent = await repos.forecasts.recent({ ticker, limit: RECENT_FORECASTS });
  const newest = recent[0];
  if (!newest) return null;
  const best = recent
    .filter((forecast) => forecast.asOf === newest.asOf)
    .reduce<StoredForecast>((top, forecast) => (forecast.points.length > top.points.length ? forecast : top), newest);
  return { asOf: best.asOf, modelVersion: best.modelVersion, edge: best.edge, points: best.points };
}
