import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import path from 'node:path';
import { oneLine } from '../core/errors.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, targetFromConfig, targetIsFresh } from '../storage/database.ts';
import { migrationState } from '../storage/migrations.ts';
import { redactUrl } from './redact.ts';
import { chatChecks } from './chatChecks.ts';
import { serviceChecks } from './serviceChecks.ts';
import { reportChecks } from './reportChecks.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

const MIN_NODE = [20, 12] as const;

/**
 * Check the environment without changing it: nothing is created, migrated or written (the browser check starts
 * Chromium on a throw-away profile and closes it).
 */
export async function runDoctor(env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [nodeCheck()];
  let config: Config;
  try {
    config = loadConfig(env);
    checks.push({ name: 'config', status: 'ok', detail: 'environment parsed' });
  } catch (err) {
    checks.push({ name: 'config', status: 'fail', detail: oneLine(err) });
    return finish(checks);
  }
  if (!config.database.url) checks.push(dataDirCheck(config.database.dataDir));
  checks.push(...(await databaseChecks(config)));
  checks.push(await tensorflowCheck(config));
  checks.push(...chatChecks(config));
  checks.push(...(await reportChecks(config)));
  checks.push(...serviceChecks(config));
  return finish(checks);
}

/** Which TensorFlow.js backend training and forecasts run on, and why each stronger one was skipped. */
async function tensorflowCheck(config: Config): Promise<DoctorCheck> {
  try {
    const { loadTensorflow } = await import('../model/tf/backend.ts');
    const runtime = await loadTensorflow(config.tf.backend ?? undefined);
    const skipped = runtime.tried.filter((attempt) => !attempt.ok).map((attempt) => `${attempt.kind}: ${attempt.reason}`);
    const forced = config.tf.backend ? ' (TICKCAST_TF_BACKEND)' : '';
    // Pure JS works but trains about ten times slower than wasm: worth a warning, not a failure.
    const status: CheckStatus = runtime.kind === 'js' && !config.tf.backend ? 'warn' : 'ok';
    return { name: 'tensorflow', status, detail: `${runtime.kind} backend active (${runtime.backend})${forced}${skipped.length ? `; skipped ${skipped.join('; ')}` : ''}` };
  } catch (err) {
    return { name: 'tensorflow', status: 'fail', detail: oneLine(err) };
  }
}

function finish(checks: DoctorCheck[]): DoctorReport {
  return { ok: checks.every((check) => check.status !== 'fail'), checks };
}

function nodeCheck(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return { name: 'node', status: ok ? 'ok' : 'fail', detail: `Node.js ${process.versions.node}${ok ? '' : ` (needs ${MIN_NODE.join('.')} or newer)`}` };
}

/** The data folder, or the nearest folder that exists above it, must be writable. */
function dataDirCheck(dataDir: string): DoctorCheck {
  let probe = dataDir;
  while (!fs.existsSync(probe) && path.dirname(probe) !== probe) probe = path.dirname(probe);
  try {
    fs.accessSync(probe, fs.constants.W_OK);
    const detail = probe === dataDir ? `${dataDir} is writable` : `${dataDir} does not exist yet; ${probe} is writable`;
    return { name: 'data folder', status: 'ok', detail };
  } catch {
    return { name: 'data folder', status: 'fail', detail: `${probe} is not writable; set TICKCAST_DATA_DIR or DATABASE_URL` };
  }
}

async function databaseChecks(config: Config): Promise<DoctorCheck[]> {
  const target = targetFromConfig(config.database);
  const where = config.database.url ? redactUrl(config.database.url) : config.database.dataDir;
  if (targetIsFresh(target)) {
    return [{ name: 'database', status: 'warn', detail: `embedded PGlite in ${where} is not created yet; \`tickcast db migrate\` or \`npm start\` creates it` }];
  }
  let database;
  try {
    database = await openDatabase(target);
  } catch (err) {
    return [{ name: 'database', status: 'fail', detail: oneLine(err) }];
  }
  try {
    const [version] = await database.rows<{ server_version: string }>(sql`show server_version`);
    const state = await migrationState(database);
    const engine = database.engine === 'pglite' ? 'embedded PGlite' : 'PostgreSQL';
    return [
      { name: 'database', status: 'ok', detail: `${engine} ${version?.server_version ?? ''} at ${where}` },
      state.pending.length === 0
        ? { name: 'migrations', status: 'ok', detail: `${state.applied} applied, up to date (${state.current})` }
        : { name: 'migrations', status: 'warn', detail: `${state.pending.length} pending (${state.pending.join(', ')}); run \`tickcast db migrate\`` },
    ];
  } finally {
    await database.close();
  }
}

