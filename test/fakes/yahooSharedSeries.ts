import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zoneOffsetMinutes, type FakeYahooMeta, type FakeYahooSeries, type WireRow } from './yahooChartServer.ts';

/**
 * Real bars from ../shared/data (beside the project), read here with a reader of its own so that the fake and the
 * product's CSV parser cannot share a mistake. Nothing is copied into the repository.
 */
const SHARED_DATA = new URL('../../../shared/data/', import.meta.url);

/** One CSV row as text fields and numbers, exactly as in the file. */
export interface SharedRow {
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number | null;
  volume: number;
}

export function readSharedCsv(relative: string): SharedRow[] {
  const text = fs.readFileSync(fileURLToPath(new URL(relative, SHARED_DATA)), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const value = (name: string) => Number(cells[names.indexOf(name)]);
    return {
      time: cells[0]!,
      open: value('open'),
      high: value('high'),
      low: value('low'),
      close: value('close'),
      adjClose: names.includes('adj_close') ? value('adj_close') : null,
      volume: value('volume'),
    };
  });
}

/** Where a fake exchange sits: Yahoo stamps each daily bar at the session open in this zone. */
export interface FakeExchange {
  timeZone: string;
  openHour: number;
  openMinute: number;
}

export const NEW_YORK: FakeExchange = { timeZone: 'America/New_York', openHour: 9, openMinute: 30 };

export const APPLE_META: FakeYahooMeta = {
  symbol: 'AAPL', longName: 'Apple Inc.', shortName: 'Apple Inc.', instrumentType: 'EQUITY', currency: 'USD',
  exchangeName: 'NMS', fullExchangeName: 'NasdaqGS', exchangeTimezoneName: 'America/New_York', timezone: 'EDT', gmtoffset: -14400,
};

/** A shared daily file as Yahoo would serve it: bars stamped at the open, adjclose alongside. */
export function sharedDailySeries(ticker: string, exchange: FakeExchange = NEW_YORK): FakeYahooSeries {
  const rows: WireRow[] = readSharedCsv(`daily/${ticker}.csv`).map((row) => ({
    t: openEpochSeconds(row.time, exchange),
    open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, adjclose: row.adjClose,
  }));
  return { interval: '1d', rows };
}

/** A shared intraday file as Yahoo would serve it: bar start times in epoch seconds, no adjclose. */
export function sharedIntradaySeries(file: string, interval: '1m' | '5m' | '1h'): FakeYahooSeries {
  const rows: WireRow[] = readSharedCsv(`intraday/${file}`).map((row) => ({
    t: Date.parse(row.time) / 1000,
    open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume,
  }));
  return { interval, rows };
}

/** Epoch seconds of `date`'s session open in the exchange's zone (the zone's offset at noon UTC that day). */
export function openEpochSeconds(date: string, exchange: FakeExchange): number {
  const noon = new Date(`${date}T12:00:00Z`);
  const offsetMinutes = zoneOffsetMinutes(noon, exchange.timeZone);
  const localOpen = Date.UTC(noon.getUTCFullYear(), noon.getUTCMonth(), noon.getUTCDate(), exchange.openHour, exchange.openMinute);
  return (localOpen - offsetMinutes * 60_000) / 1000;
}
