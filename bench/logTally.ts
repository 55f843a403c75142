// Counting what a service logged at warn and above (pino's JSON lines), for benchmarks to report beside their figures.

const PINO_WARN = 40;
const PINO_ERROR = 50;

/** The tally at one moment, so that a report can say what was logged after it. */
export interface LogMark {
  warnings: number;
  errors: number;
  messages: ReadonlyMap<string, number>;
}

export interface LogTally {
  warnings: number;
  errors: number;
  /** Distinct messages at warn and above with how often each came, in order of first appearance. */
  messages: Map<string, number>;
  /** One log line (pino JSON); a line that is not JSON counts as an error. */
  add(line: string): void;
  /** The tally now, for `lines(limit, since)` later. */
  mark(): LogMark;
  /** Lines for the report: the counts, then up to `limit` distinct messages; only what came after `since`, if given. */
  lines(limit?: number, since?: LogMark): string[];
}

export function createLogTally(): LogTally {
  const tally: LogTally = {
    warnings: 0,
    errors: 0,
    messages: new Map(),
    add(line) {
      let entry: { level?: number; msg?: string; err?: { message?: string } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        entry = { level: PINO_ERROR, msg: line.slice(0, 200) };
      }
      const level = entry.level ?? 0;
      if (level < PINO_WARN) return;
      if (level >= PINO_ERROR) tally.errors++;
      else tally.warnings++;
      const cause = entry.err?.message ? ` (${entry.err.message.split('\n')[0]!.slice(0, 160)})` : '';
      const message = `${level >= PINO_ERROR ? 'error' : 'warn'}: ${entry.msg ?? ''}${cause}`;
      tally.messages.set(message, (tally.messages.get(message) ?? 0) + 1);
    },
    mark: () => ({ warnings: tally.warnings, errors: tally.errors, messages: new Map(tally.messages) }),
    lines(limit = 8, since) {
      const messages = [...tally.messages].map(([message, count]): [string, number] => [message, count - (since?.messages.get(message) ?? 0)]).filter(([, count]) => count > 0);
      const counts = `${tally.errors - (since?.errors ?? 0)} errors, ${tally.warnings - (since?.warnings ?? 0)} warnings logged`;
      return [counts, ...messages.slice(0, limit).map(([message, count]) => `  ${String(count).padStart(6)} × ${message}`)];
    },
  };
  return tally;
}

/** A pino destination that tallies each line instead of writing it. */
export function tallyDestination(tally: LogTally): { write(line: string): void } {
  return { write: (line) => tally.add(line.trimEnd()) };
}
