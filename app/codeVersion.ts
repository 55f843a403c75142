import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The code a model bundle was trained with: the package version, plus the git commit (and `-dirty` for local
 * changes) when running from a checkout. Read once per process.
 */
export function codeVersion(): string {
  if (cached !== undefined) return cached;
  const root = new URL('../', import.meta.url);
  const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
  let commit = '';
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
    commit = git(['rev-parse', '--short=12', 'HEAD']);
    if (git(['status', '--porcelain', '--untracked-files=no']) !== '') commit += '-dirty';
  } catch {
    // Not a checkout (an installed package): the package version is all there is.
  }
  return (cached = commit ? `${version}+${commit}` : version);
}
