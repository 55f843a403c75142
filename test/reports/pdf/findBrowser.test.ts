import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../core/errors.ts';
import { BROWSER_CANDIDATES, findBrowser } from '../../../reports/pdf/findBrowser.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-find-browser-'));
const executable = path.join(dir, 'chrome');
const plainFile = path.join(dir, 'not-executable');
const missing = path.join(dir, 'missing');
fs.writeFileSync(executable, '#!/bin/sh\n', { mode: 0o755 });
fs.writeFileSync(plainFile, '', { mode: 0o644 });

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The UserError findBrowser throws, for its code and message. */
function failure(run: () => unknown): UserError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('findBrowser did not throw');
}

describe('findBrowser', () => {
  it('uses PUPPETEER_EXECUTABLE_PATH when it names an executable, before any candidate', () => {
    expect(findBrowser(executable, [])).toBe(executable);
    expect(findBrowser(` ${executable} `, ['/usr/bin/chromium'])).toBe(executable);
  });

  it('refuses a configured path that is missing, a folder or not executable, naming the variable and the path', () => {
    for (const [configured, problem] of [
      [missing, 'does not exist'],
      [dir, 'is not a file'],
      [plainFile, 'is not executable'],
    ] as const) {
      const err = failure(() => findBrowser(configured, [executable]));
      expect(err.code).toBe('browser_not_found');
      expect(err.message).toContain(`PUPPETEER_EXECUTABLE_PATH is ${configured}, which ${problem}`);
      expect(err.message).toContain('apt-get install chromium');
    }
  });

  it('takes the first candidate that exists and runs, when nothing is configured', () => {
    expect(findBrowser(null, [missing, plainFile, executable])).toBe(executable);
    expect(findBrowser('', [missing, executable])).toBe(executable);
  });

  it('says how to install a browser or set the path when there is none', () => {
    const err = failure(() => findBrowser(null, [missing, plainFile]));
    expect(err.code).toBe('browser_not_found');
    expect(err.message).toBe(
      `no Chromium for PDFs (looked for ${missing}, ${plainFile}): install Debian's chromium (apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary`,
    );
  });

  it("tries Debian's chromium first", () => {
    expect(BROWSER_CANDIDATES[0]).toBe('/usr/bin/chromium');
  });
});
