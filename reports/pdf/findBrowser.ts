import fs from 'node:fs';
import { UserError } from '../../core/errors.ts';

/** Where Debian, Ubuntu and Google's packages put Chromium or Chrome, in the order they are tried. */
export const BROWSER_CANDIDATES: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

const HOW_TO_INSTALL = "install Debian's chromium (apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary";

/**
 * The browser that prints PDFs: `configured` (PUPPETEER_EXECUTABLE_PATH) when set, which must then exist — a typo
 * should not quietly fall back to another browser — else the first installed candidate. Puppeteer's own download
 * is switched off (.puppeteerrc.cjs), so with neither there is no browser, and the error says how to get one.
 */
export function findBrowser(configured: string | null, candidates: readonly string[] = BROWSER_CANDIDATES): string {
  const wanted = configured?.trim();
  if (wanted) {
    const problem = executableProblem(wanted);
    if (problem) throw new UserError('browser_not_found', `PUPPETEER_EXECUTABLE_PATH is ${wanted}, which ${problem}: ${HOW_TO_INSTALL}`);
    return wanted;
  }
  const found = candidates.find((candidate) => executableProblem(candidate) === null);
  if (found) return found;
  throw new UserError('browser_not_found', `no Chromium for PDFs (looked for ${candidates.join(', ') || 'nothing'}): ${HOW_TO_INSTALL}`);
}

/** Why `file` cannot be run, or null when it can. */
function executableProblem(file: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'does not exist';
  }
  if (!stat.isFile()) return 'is not a file';
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return null;
  } catch {
    return 'is not executable';
  }
}
