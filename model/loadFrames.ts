import { unknownTicker } from '../core/errors.ts';
import type { ModelBundle } from '../core/model.ts';
import type { Repos } from '../core/ports.ts';
import { cleanForModelling } from '../pipeline/quality/cleanForModelling.ts';
import { buildSeriesFrame, type SeriesFrame } from './seriesFrame.ts';

export interface LoadedFrame {
  frame: SeriesFrame;
  snapshot: ModelBundle['dataSnapshot'][number];
}

/** One ticker's stored daily bars, cleaned by its stored quality findings, as a frame; unknown tickers are a user error. */
export async function loadFrame(repos: Repos, ticker: string): Promise<LoadedFrame> {
  const loaded = await loadFrameIfAny(repos, ticker);
  if (!loaded) throw unknownTicker(ticker);
  return loaded;
}

/** As `loadFrame`, but null for a ticker with no daily bars (an instrument known only intraday). */
async function loadFrameIfAny(repos: Repos, ticker: string): Promise<LoadedFrame | null> {
  const bars = await repos.prices.listBars(ticker, '1d');
  if (bars.length === 0) return null;
  const findings = await repos.quality.listFindings({ ticker, interval: '1d' });
  const run = await repos.runs.latestSucceeded(ticker, '1d');
  return {
    frame: buildSeriesFrame(ticker, cleanForModelling(bars, findings)),
    snapshot: { ticker, runId: run?.id ?? null, checksum: run?.checksum ?? null, bars: bars.length },
  };
}

export interface TrainingUniverse {
  frames: LoadedFrame[];
  /** Tickers left out because the quality gate blocks them, with its reason. */
  skipped: { ticker: string; reason: string }[];
}

/**
 * The tickers a global model learns from: the ones asked for, or every instrument with daily bars; instruments the
 * quality gate blocks are left out (and said so), since their bars are known to be wrong.
 */
export async function loadTrainingUniverse(repos: Repos, tickers?: readonly string[]): Promise<TrainingUniverse> {
  const status = await repos.quality.publishability();
  const blocked = new Map(status.filter((s) => !s.publishable).map((s) => [s.ticker, s.reason ?? 'blocked by the quality gate']));
  const wanted = tickers?.length ? [...tickers] : status.map((s) => s.ticker);
  const frames: LoadedFrame[] = [];
  const skipped: TrainingUniverse['skipped'] = [];
  for (const ticker of wanted) {
    const reason = blocked.get(ticker);
    if (reason !== undefined) {
      skipped.push({ ticker, reason });
      continue;
    }
    const loaded = tickers?.length ? await loadFrame(repos, ticker) : await loadFrameIfAny(repos, ticker);
    if (loaded) frames.push(loaded);
  }
  return { frames, skipped };
}
