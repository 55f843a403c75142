#!/usr/bin/env python3
"""Independent reference for tickcast's features (pipeline/features), written from the textbook definitions.

Python 3 standard library only. Deliberately naive: every window is cut out of the series and recomputed from
scratch with plain loops and math.fsum (correctly rounded sums), so it shares no running-sum or re-anchoring logic
with the TypeScript. Only the recursive indicators (EMA, Wilder) are recursive here too, as their definitions are.

Usage: python3 indicators.py FILE.csv
  FILE.csv: `date,open,high,low,close,adj_close,volume` (daily) or `timestamp,open,high,low,close,volume`
  (intraday, timestamps written in New York time with their offset).
Prints {"rows": [{"date": ..., "close": ..., "ret": ..., ...}, ...]} with null where a value is undefined.
"""
import csv
import json
import math
import sys


def read_bars(path):
    bars = []
    with open(path, newline="") as handle:
        for record in csv.DictReader(handle):
            stamp = record["date"] if "date" in record else record["timestamp"]
            adj = record.get("adj_close")
            bars.append({
                # Intraday stamps are New York local time, so their first 10 characters are the session date.
                "date": stamp[:10],
                "high": float(record["high"]),
                "low": float(record["low"]),
                "close": float(record["close"]),
                "adj": float(adj) if adj not in (None, "") else None,
                "volume": float(record["volume"]),
            })
    return bars


def last_window(series, i, n):
    """series[i-n+1 .. i] if it exists and holds no None, else None."""
    if i - n + 1 < 0:
        return None
    window = series[i - n + 1:i + 1]
    if any(x is None for x in window):
        return None
    return window


def mean(values):
    return math.fsum(values) / len(values)


def std(values, ddof):
    if max(values) == min(values):
        return 0.0
    m = mean(values)
    return math.sqrt(math.fsum((x - m) ** 2 for x in values) / (len(values) - ddof))


def rolling(series, n, statistic):
    out = []
    for i in range(len(series)):
        window = last_window(series, i, n)
        out.append(None if window is None else statistic(window))
    return out


def return_price_pairs(bars):
    """(previous, current) price for each bar from index 1: adj_close when both bars have one, else close."""
    pairs = [None]
    for i in range(1, len(bars)):
        before, after = bars[i - 1], bars[i]
        if before["adj"] is not None and after["adj"] is not None:
            pairs.append((before["adj"], after["adj"]))
        else:
            pairs.append((before["close"], after["close"]))
    return pairs


def simple_returns(bars):
    out = []
    for pair in return_price_pairs(bars):
        if pair is None or pair[0] <= 0 or pair[1] <= 0:
            out.append(None)
        else:
            out.append((pair[1] - pair[0]) / pair[0])
    return out


def log_returns(bars):
    out = []
    for pair in return_price_pairs(bars):
        if pair is None or pair[0] <= 0 or pair[1] <= 0:
            out.append(None)
        else:
            out.append(math.log(pair[1]) - math.log(pair[0]))
    return out


def first_number(series):
    for i, x in enumerate(series):
        if x is not None:
            return i
    return len(series)


def ema(series, n):
    """EMA with alpha 2/(n+1), first value = mean of the first n values (leading None skipped)."""
    alpha = 2.0 / (n + 1)
    out = [None] * len(series)
    start = first_number(series)
    seed_at = start + n - 1
    if seed_at >= len(series):
        return out
    value = mean(series[start:seed_at + 1])
    out[seed_at] = value
    for i in range(seed_at + 1, len(series)):
        value = alpha * series[i] + (1 - alpha) * value
        out[i] = value
    return out


def wilder(series, n):
    """Wilder's smoothing: first value = mean of the first n values, then avg += (x - avg) / n."""
    out = [None] * len(series)
    start = first_number(series)
    seed_at = start + n - 1
    if seed_at >= len(series):
        return out
    value = mean(series[start:seed_at + 1])
    out[seed_at] = value
    for i in range(seed_at + 1, len(series)):
        value = value + (series[i] - value) / n
        out[i] = value
    return out


def rsi(closes, n):
    gains, losses = [None], [None]
    for i in range(1, len(closes)):
        change = closes[i] - closes[i - 1]
        gains.append(max(change, 0.0))
        losses.append(max(-change, 0.0))
    out = []
    for gain, loss in zip(wilder(gains, n), wilder(losses, n)):
        if gain is None:
            out.append(None)
        elif loss == 0:
            out.append(100.0 if gain > 0 else 50.0)
        else:
            out.append(100.0 - 100.0 / (1.0 + gain / loss))
    return out


def difference(a, b):
    return [None if x is None or y is None else x - y for x, y in zip(a, b)]


def bollinger(closes, n, k):
    pct_b, width = [], []
    for i in range(len(closes)):
        window = last_window(closes, i, n)
        if window is None:
            pct_b.append(None)
            width.append(None)
            continue
        middle = mean(window)
        sigma = std(window, 0)
        upper, lower = middle + k * sigma, middle - k * sigma
        pct_b.append(None if upper == lower else (closes[i] - lower) / (upper - lower))
        width.append(None if middle == 0 else (upper - lower) / middle)
    return pct_b, width


def atr(bars, n):
    true_ranges = [None]
    for i in range(1, len(bars)):
        high, low, previous_close = bars[i]["high"], bars[i]["low"], bars[i - 1]["close"]
        true_ranges.append(max(high - low, abs(high - previous_close), abs(low - previous_close)))
    return wilder(true_ranges, n)


def momentum(closes, n):
    return [None if i < n or closes[i - n] <= 0 else closes[i] / closes[i - n] - 1 for i in range(len(closes))]


def z_score(values, n):
    out = []
    for i in range(len(values)):
        window = last_window(values, i, n)
        sigma = None if window is None else std(window, 1)
        out.append(None if not sigma else (values[i] - mean(window)) / sigma)
    return out


def session_vwap(bars):
    out = []
    for i in range(len(bars)):
        start = i
        while start > 0 and bars[start - 1]["date"] == bars[i]["date"]:
            start -= 1
        session = bars[start:i + 1]
        volume = math.fsum(b["volume"] for b in session)
        traded = math.fsum((b["high"] + b["low"] + b["close"]) / 3 * b["volume"] for b in session)
        out.append(traded / volume if volume > 0 else None)
    return out


def features(bars, intraday):
    closes = [b["close"] for b in bars]
    logret = log_returns(bars)
    ema_12, ema_26 = ema(closes, 12), ema(closes, 26)
    macd_line = difference(ema_12, ema_26)
    macd_signal = ema(macd_line, 9)
    bb_pctb, bb_width = bollinger(closes, 20, 2)
    columns = {
        "close": closes,
        "ret": simple_returns(bars),
        "logret": logret,
        "sma_7": rolling(closes, 7, mean),
        "sma_30": rolling(closes, 30, mean),
        "sma_50": rolling(closes, 50, mean),
        "sma_200": rolling(closes, 200, mean),
        "ema_12": ema_12,
        "ema_26": ema_26,
        "vol_10": rolling(logret, 10, lambda w: std(w, 1)),
        "vol_30": rolling(logret, 30, lambda w: std(w, 1)),
        "rsi_14": rsi(closes, 14),
        "macd": macd_line,
        "macd_signal": macd_signal,
        "macd_hist": difference(macd_line, macd_signal),
        "bb_pctb": bb_pctb,
        "bb_width": bb_width,
        "atr_14": atr(bars, 14),
        "momentum_10": momentum(closes, 10),
        "volume_z_20": z_score([b["volume"] for b in bars], 20),
        "vwap": session_vwap(bars) if intraday else [None] * len(bars),
    }
    rows = []
    for i, bar in enumerate(bars):
        row = {"date": bar["date"]}
        for name, column in columns.items():
            row[name] = column[i]
        rows.append(row)
    return rows


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: indicators.py FILE.csv")
    with open(argv[1], newline="") as handle:
        intraday = handle.readline().lower().startswith("timestamp")
    rows = features(read_bars(argv[1]), intraday)
    # allow_nan=False: a NaN or infinity anywhere is a bug in this reference, not a value to compare.
    # One write: json.dump would hand the pipe thousands of small chunks.
    sys.stdout.write(json.dumps({"rows": rows}, allow_nan=False))


if __name__ == "__main__":
    main(sys.argv)
