import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where a running service on the embedded database says how to reach it: `<data folder>/service.json`, mode 0600. */
const FILE_NAME = 'service.json';

export interface ServiceFile {
  url: string;
  pid: number;
  /** Sent by `tickcast chat` with each line; only someone who can read the data folder has it. */
  secret: string;
}

export function newTerminalSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function writeServiceFile(dataDir: string, service: ServiceFile): void {
  const file = path.join(dataDir, FILE_NAME);
  const temp = `${file}.${process.pid}`;
  fs.writeFileSync(temp, `${JSON.stringify(service)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

export function removeServiceFile(dataDir: string): void {
  fs.rmSync(path.join(dataDir, FILE_NAME), { force: true });
}

/** The running service of this data folder, or null when there is none (no file, or its process is gone). */
export function readServiceFile(dataDir: string): ServiceFile | null {
  let parsed: Partial<ServiceFile>;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dataDir, FILE_NAME), 'utf8')) as Partial<ServiceFile>;
  } catch {
    return null;
  }
  if (typeof parsed.url !== 'string' || typeof parsed.pid !== 'number' || typeof parsed.secret !== 'string') return null;
  try {
    process.kill(parsed.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { url: parsed.url, pid: parsed.pid, secret: parsed.secret };
}
