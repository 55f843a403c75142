// `tickcast start` as an operator runs it, in a process of its own, for benchmarks that load the whole service.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { BIN } from '../test/support/cli.ts';
import { createLogTally, type LogTally } from './logTally.ts';

export interface ServiceProcess {
  /** `http://127.0.0.1:PORT`, from the start banner. */
  url: string;
  pid: number;
  /** What it logged at warn and above. */
  logs: LogTally;
  /** The service's stdout so far: the first run's lines and the banner. */
  stdout(): string;
  /** Resident memory now (VmRSS), null where there is no /proc. */
  rss(): number | null;
  /** Peak resident memory so far (VmHWM), null where there is no /proc. */
  peakRss(): number | null;
  /** SIGTERM, as a supervisor stops it; resolves with the exit code and the seconds the shutdown took. */
  stop(limitMs?: number): Promise<{ code: number | null; seconds: number }>;
}

/** The start banner's first line carries the address: `tickcast ready (role all): http://127.0.0.1:PORT/healthz · …`. */
const READY = /tickcast ready \(role \w+\): (http:\/\/[^\s/]+)\/healthz/;

/** A memory figure of /proc/PID/status in bytes; null where there is no /proc or the process is gone. */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Spawns the real bin (`node bin/tickcast.js start`) with only `env` (plus PATH and HOME) and resolves once the
 * banner says it is ready; rejects, with its last words, if it exits first or is not ready within `readyLimitMs`.
 * PORT=0 in `env` lets the system pick a free port; the banner says which.
 */
export function startServiceProcess(env: Record<string, string>, readyLimitMs = 600_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [BIN, 'start'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = createLogTally();
  let stdout = '';
  let stderrTail = '';
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.trim()) logs.add(line);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const service = (url: string): ServiceProcess => ({
    url,
    pid: child.pid!,
    logs,
    stdout: () => stdout,
    rss: () => statusBytes(child.pid!, 'VmRSS'),
    peakRss: () => statusBytes(child.pid!, 'VmHWM'),
    async stop(limitMs = 60_000) {
      const started = performance.now();
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
      const code = await exited;
      clearTimeout(timer);
      return { code, seconds: (performance.now() - started) / 1000 };
    },
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tickcast start was not ready within ${readyLimitMs / 1000} s; stdout: ${stdout.slice(-500)}`));
    }, readyLimitMs);
    const watch = () => {
      const ready = READY.exec(stdout);
      if (!ready) return;
      clearTimeout(timer);
      child.stdout.off('data', watch);
      resolve(service(ready[1]!));
    };
    child.stdout.on('data', watch);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tickcast start exited (code ${code}) before it was ready: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
