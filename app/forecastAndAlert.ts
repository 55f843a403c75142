import { evaluateAlerts } from '../alerts/evaluateAlerts.ts';
import type { AlertEvent } from '../core/alerts.ts';
import type { Forecast } from '../core/forecast.ts';
import { forecastTicker } from '../model/forecastService.ts';
import type { App } from './wiring.ts';

/**
 * A forecast, stored, then the ticker's forecast-probability alert rules checked against it: every way of asking
 * for a forecast (chat, the command line, later the schedule) goes through here, so no new forecast skips the rules.
 * The events fired are already enqueued for delivery.
 */
export async function forecastAndAlert(app: App, ticker: string, horizon: number, now: Date): Promise<{ forecast: Forecast; fired: AlertEvent[] }> {
  const forecast = await forecastTicker(ticker, horizon, { store: app.store, factory: app.networks, cache: app.models });
  const { fired } = await evaluateAlerts(app.store, { tickers: [forecast.ticker], trigger: 'forecast' }, now);
  return { forecast, fired };
}
