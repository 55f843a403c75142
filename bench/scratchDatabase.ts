import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** Run `work` against a fresh database on the server at `serverUrl`, dropped afterwards whatever happens. */
export async function withScratchServerDatabase(serverUrl: string, work: (url: string) => Promise<void>): Promise<void> {
  const name = `tickcast_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await work(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
