import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { OperationalError } from '../../core/errors.ts';

/**
 * Chromium as a headless printer: no sandbox (containers run it as root), no GPU, /tmp instead of a small
 * /dev/shm, and none of the background traffic (updates, sync, first-run pages) a printer has no use for.
 */
export const BROWSER_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** Closes the browser (if still up) and deletes its profile; safe to call twice. */
  close(): Promise<void>;
}

/**
 * One headless Chromium with a fresh profile in a temporary folder, so no state (cache, cookies, a stale lock left
 * by a crash) carries from one run to the next. A browser that does not start becomes an OperationalError naming the
 * executable and what it said.
 */
export async function launchBrowser(executablePath: string, timeoutMs = 30_000): Promise<LaunchedBrowser> {
  const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tickcast-chromium-'));
  const removeProfile = () => fs.rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  let browser: Browser;
  try {
    // Loaded here, not at import: every tickcast command imports this module, few of them print a PDF.
    const { default: puppeteer } = await import('puppeteer');
    browser = await puppeteer.launch({ executablePath, headless: true, userDataDir, args: [...BROWSER_ARGS], timeout: timeoutMs });
  } catch (err) {
    await removeProfile();
    throw new OperationalError('browser_launch_failed', `Chromium at ${executablePath} did not start: ${launchProblem(err)}`, { cause: err });
  }
  // A browser that crashes leaves its profile behind unless it is removed here.
  browser.once('disconnected', () => void removeProfile());
  return {
    browser,
    close: async () => {
      if (browser.connected) await browser.close().catch(() => undefined);
      await removeProfile();
    },
  };
}

/**
 * Puppeteer's message is several lines: "Failed to launch the browser process: Code: 127", the browser's stderr,
 * then a troubleshooting link. The first line and the first line of stderr say what went wrong.
 */
function launchProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = message.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
  const stderr = lines.slice(lines.indexOf('stderr:') + 1).find((line) => line !== '' && !line.startsWith('TROUBLESHOOTING'));
  const first = lines[0] ?? '';
  return lines.includes('stderr:') && stderr ? `${first} (${stderr})` : first;
}
