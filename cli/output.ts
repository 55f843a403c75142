import { isTickcastError, oneLine } from '../core/errors.ts';

/** Global flags every command honours. */
export interface OutputOptions {
  json: boolean;
}

/** Print a command's result: one JSON document with --json, otherwise the human view. */
export function emit<T>(result: T, options: OutputOptions, human: (result: T) => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${human(result)}\n`);
}

/** Report a failure: one line on stderr, plus a JSON error document on stdout with --json. Returns the exit code. */
export function reportFailure(err: unknown, options: OutputOptions): number {
  const code = isTickcastError(err) ? err.code : 'internal_error';
  const message = oneLine(err);
  process.stderr.write(`tickcast: ${message}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  return isTickcastError(err) && err.kind === 'user' ? 2 : 1;
}

/** The command printed its result but failed as a whole: one line on stderr and a non-zero exit code. */
export function failAfterOutput(message: string, exitCode = 1): void {
  process.stderr.write(`tickcast: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = exitCode;
}

/** A plain text table with aligned columns. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null ? '-' : String(cell))))];
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => row[col]?.length ?? 0)));
  const line = (row: string[]) => row.map((cell, col) => (typeof rows[0]?.[col] === 'number' ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
