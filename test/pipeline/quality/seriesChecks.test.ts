import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/bars.ts';
import { sessionSlots } from '../../../pipeline/calendar/sessionSlots.ts';
import { gateDaily, gateIntraday, ofKind, summary } from './gateHelpers.ts';
import { dailySeries, randomWalkCloses } from './syntheticBars.ts';

const base = () => dailySeries('2024-01-02', randomWalkCloses(40));

/** Replace bar `index` by a flat bar at `price` with `volume`. */
function flatten(bars: Bar[], index: number, price: number, volume: number): void {
  bars[index] = { ...bars[index]!, open: price, high: price, low: price, close: price, adjClose: price, volume };
}

describe('placeholder_bar', () => {
  it('warns once about a flat zero-volume bar at the previous close, and nothing else', () => {
    const bars = base();
    flatten(bars, 20, bars[19]!.close, 0);
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['placeholder_bar@2024-01-31/warning']);
    expect(findings[0]!.detail).toMatch(/^placeholder bar at 2024-01-31: O=H=L=C=[\d.]+ \(the previous close\), volume 0\.$/);
  });

  it('does not call a flat bar with volume a placeholder', () => {
    const bars = base();
    flatten(bars, 20, bars[19]!.close, 300);
    expect(gateDaily(bars)).toEqual([]);
  });
});

describe('stale_bar', () => {
  it('warns about a bar that repeats the previous OHLCV exactly', () => {
    const bars = base();
    bars[20] = { ...bars[19]!, ts: bars[20]!.ts };
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['stale_bar@2024-01-31/warning']);
    expect(findings[0]!.detail).toContain('repeats the previous bar exactly');
  });

  it('warns about a flat zero-volume bar at a new price', () => {
    const bars = base();
    flatten(bars, 20, bars[19]!.close * 1.01, 0);
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['stale_bar@2024-01-31/warning']);
    expect(findings[0]!.detail).toContain('with volume 0');
  });

  it('accepts repeated single-trade bars on an intraday feed', () => {
    const start = Date.parse('2024-01-02T21:10:00Z');
    const flat = (minute: number): Bar => ({
      ts: new Date(start + minute * 60_000), open: 470, high: 470, low: 470, close: 470, adjClose: null, volume: 100,
    });
    const findings = gateIntraday('1m', [flat(0), flat(1), flat(2)], new Date(start + 3 * 60_000));
    expect(findings).toEqual([]);
  });
});

describe('outlier_return', () => {
  /** 200 quiet sessions, then from index 150 on every price 30% higher. */
  function jumpAt150(volumeMultiple: number): Bar[] {
    const bars = dailySeries('2023-01-03', randomWalkCloses(200).map((close, index) => (index >= 150 ? close * 1.3 : close)));
    bars[150] = { ...bars[150]!, volume: bars[150]!.volume * volumeMultiple };
    return bars;
  }

  it('warns about a 30% jump on ordinary volume (a bad tick or a missed adjustment)', () => {
    const findings = gateDaily(jumpAt150(1));
    expect(summary(findings)).toEqual([`outlier_return@2023-08-09/warning`]);
    expect(findings[0]!.detail).toContain('not confirmed by volume');
    expect(findings[0]!.data).toMatchObject({ confirmed: false, volumeRatio: 1 });
  });

  it('only records (info) the same jump on 5x volume: real news', () => {
    const findings = gateDaily(jumpAt150(5));
    expect(summary(findings)).toEqual([`outlier_return@2023-08-09/info`]);
    expect(findings[0]!.detail).toMatch(/^return \+\d+\.\d% at 2023-08-09 is [\d.]+ robust sigmas .*volume is 5\.0x/);
  });

  it('intraday: ignores the overnight gap but warns about a bad tick inside the session', () => {
    const walk = randomWalkCloses(390 * 2, 11).map((close) => 100 + (close - 100) * 0.05);
    const bars: Bar[] = ['2021-11-23', '2021-11-24'].flatMap((date) => sessionSlots(date, 1)).map((ts, index) => {
      // The second session opens 5% higher: an overnight move, not an outlier.
      const close = walk[index]! * (index >= 390 ? 1.05 : 1) * (index === 600 ? 1.03 : 1);
      return { ts, open: close, high: close, low: close, close, adjClose: null, volume: 500 };
    });
    const findings = gateIntraday('1m', bars, new Date('2021-11-24T22:00:00Z'));
    expect(findings.map((finding) => [finding.kind, finding.severity, finding.ts!.toISOString()])).toEqual([
      ['outlier_return', 'warning', '2021-11-24T18:00:00.000Z'],
      ['outlier_return', 'warning', '2021-11-24T18:01:00.000Z'],
    ]);
  });

  it('leaves ordinary ~1% moves alone', () => {
    expect(gateDaily(dailySeries('2023-01-03', randomWalkCloses(300, 7)))).toEqual([]);
  });
});

describe('adj_divergence', () => {
  /** 60 sessions of a stock that splits 2:1 at index 30. `adjustClose` says whether the source adjusted `close` for it. */
  function split(adjustClose: boolean): Bar[] {
    return dailySeries('2024-01-02', randomWalkCloses(60, 3)).map((bar, index) => {
      const factor = index < 30 && !adjustClose ? 2 : 1;
      const scale = (price: number) => price * factor;
      return { ...bar, open: scale(bar.open), high: scale(bar.high), low: scale(bar.low), close: scale(bar.close) };
    }).map((bar, index, all) => (index === 30 ? { ...bar, open: all[29]!.close / 2, low: Math.min(bar.low, all[29]!.close / 2) } : bar));
  }

  it('warns when close was not adjusted for a 2:1 split but adj_close was', () => {
    const findings = gateDaily(split(false));
    expect(summary(findings)).toEqual(['adj_divergence@2024-02-14/warning']);
    expect(findings[0]!.detail).toMatch(/from 0\.5 on 2024-02-13 to 1 on 2024-02-14 \(\+100\.0%\)/);
  });

  it('stays quiet for a properly adjusted split', () => {
    expect(gateDaily(split(true))).toEqual([]);
  });

  it('stays quiet for dividends, even a 10% special one', () => {
    const bars = base().map((bar, index) => {
      // Back-adjusted: before each ex-date adj_close is scaled down by the dividend yield.
      const factor = (index < 10 ? 0.98 : 1) * (index < 30 ? 0.9 : 1);
      return { ...bar, adjClose: bar.close * factor };
    });
    expect(gateDaily(bars)).toEqual([]);
  });
});

describe('missing_session', () => {
  it('warns about a session with no bar, naming the bars around it', () => {
    const bars = base();
    bars.splice(15, 1);
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['missing_session@2024-01-24/warning']);
    expect(findings[0]!.detail).toBe('no bar for NYSE session 2024-01-24 (the bars around it are 2024-01-23 and 2024-01-25).');
  });

  it('does not expect bars on holidays', () => {
    // The series runs over MLK Day 2024-01-15 and Presidents Day 2024-02-19.
    expect(ofKind(gateDaily(base()), 'missing_session')).toEqual([]);
  });
});
