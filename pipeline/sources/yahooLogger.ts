/** Where yahoo-finance2's own warnings and errors go; its info output is dropped. */
export type YahooLog = (level: 'warn' | 'error', message: string) => void;

/** yahoo-finance2 4 declares Node >= 22 and warns once per client on Node 20, where it works (INTEGRATION-NOTES.md). */
const UNSUPPORTED_ENVIRONMENT = /^\[yahoo-finance2\] Unsupported environment/;

const toStderr: YahooLog = (_level, message) => {
  process.stderr.write(`${message}\n`);
};

/**
 * A logger for yahoo-finance2's `logger` option. Its default writes notices to stdout with console.log, which
 * would corrupt `--json` output; and the runtime-version warning is not a notice, so `suppressNotices` cannot
 * silence it. This drops info/debug/dir and that warning, and forwards the rest to `log`.
 */
export function quietYahooLogger(log: YahooLog = toStderr) {
  const forward = (level: 'warn' | 'error') => (...args: unknown[]) => {
    const message = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
    if (!UNSUPPORTED_ENVIRONMENT.test(message)) log(level, message);
  };
  const ignore = () => {};
  return { info: ignore, debug: ignore, dir: ignore, warn: forward('warn'), error: forward('error') };
}
