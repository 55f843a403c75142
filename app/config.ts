import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { isTicker } from '../core/bars.ts';
import { NEW_YORK_TIME_ZONE } from '../pipeline/calendar/index.ts';

/**
 * The one configuration object, built once at start from defaults and the environment. Every variable
 * here is listed in .env.example and the README. Print or log it only through `redactConfig`.
 */

const optionalText = z.string().trim().min(1).optional();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** A five-field cron expression in New York time (minute hour day month weekday), or `off`. */
const schedule = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === 'off') return;
    const problem = !/^\S+( \S+){4}$/.test(value) ? 'it does not have five fields' : cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `must be a five-field cron expression (e.g. "30 16 * * 1-5") or off: ${problem}` });
  })
  .transform((value) => (value === 'off' ? null : value));

function cronProblem(expression: string): string | null {
  try {
    CronExpressionParser.parse(expression, { tz: NEW_YORK_TIME_ZONE });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const listOf = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((raw) => raw.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
    .pipe(z.array(item));

const tickerItem = z
  .string()
  .transform((t) => t.toUpperCase())
  .refine(isTicker, { error: (issue) => `'${String(issue.input)}' is not a ticker symbol` });

/** How admins are named: a Slack user, a Discord user or role, a login at the terminal. */
export const ADMIN_ID_PATTERN = /^(slack:[A-Z0-9]+|discord:(user|role):\d+|terminal:[\w.-]+)$/;

const adminItem = z.string().regex(ADMIN_ID_PATTERN, {
  error: (issue) => `'${String(issue.input)}' is not an admin id (slack:U123, discord:role:456, discord:user:789)`,
});

export const envSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  TICKCAST_DATA_DIR: z.string().trim().min(1).default('./.tickcast'),
  TICKCAST_DB_CONNECT_TIMEOUT: z.coerce.number().int().min(1).max(300).default(5),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TICKCAST_TICKERS: listOf(tickerItem).default(['^GSPC']),
  TICKCAST_ADMINS: listOf(adminItem).default([]),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: httpUrl.optional(),
  DISCORD_APP_ID: z.string().regex(/^\d+$/, 'must be a numeric application id').optional(),
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters').optional(),
  DISCORD_TOKEN: optionalText,
  DISCORD_API_URL: httpUrl.optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl.optional(),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  REPORT_FROM: z.email({ error: 'must be an email address' }).default('tickcast@localhost'),
  TICKCAST_TF_BACKEND: z.enum(['gpu', 'cpu', 'wasm', 'js']).optional(),
  TICKCAST_GATE_MASE_TOLERANCE: z.coerce.number().min(0).max(1).default(0),
  TICKCAST_GATE_COVERAGE_TOLERANCE: z.coerce.number().min(0).max(0.5).default(0.01),
  TICKCAST_EVAL_SESSIONS: z.coerce.number().int().min(20).max(2520).default(250),
  PUPPETEER_EXECUTABLE_PATH: optionalText,
  TICKCAST_PUBLIC_URL: httpUrl.optional(),
  TICKCAST_OUTBOX_LEASE_SECONDS: z.coerce.number().min(1).max(600).default(30),
  TICKCAST_INGEST_SOURCE: z.string().trim().regex(/^(yahoo|sample|csv:.+)$/, 'must be yahoo, sample or csv:PATH').default('yahoo'),
  TICKCAST_ROLE: z.enum(['all', 'web', 'worker', 'scheduler'], { error: 'must be all, web, worker or scheduler' }).default('all'),
  TICKCAST_SCHEDULE_INGEST_DAILY: schedule.default('30 16 * * 1-5'),
  TICKCAST_SCHEDULE_INGEST_INTRADAY: schedule.default('5 10-16 * * 1-5'),
  TICKCAST_SCHEDULE_FORECAST: schedule.default('0 17 * * 1-5'),
  TICKCAST_SCHEDULE_RETRAIN: schedule.default('0 6 * * 6'),
  TICKCAST_SCHEDULE_REPORT: schedule.default('0 7 * * 1-5'),
  TICKCAST_SCHEDULE_RETENTION: schedule.default('30 3 * * *'),
  TICKCAST_SCHEDULE_HOUSEKEEPING: schedule.default('15 * * * *'),
  TICKCAST_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  TICKCAST_JOB_RETRY_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  TICKCAST_JOB_LOCK_SECONDS: z.coerce.number().min(3).max(3600).default(300),
  TICKCAST_JOB_POLL_SECONDS: z.coerce.number().min(0.2).max(300).default(10),
  TICKCAST_OPS_CHANNEL: z.string().regex(/^(slack:[A-Z0-9]+|discord:\d+)$/, 'must be slack:CHANNEL_ID or discord:CHANNEL_ID').optional(),
  TICKCAST_RETRAIN_DRIFT_PSI: z.coerce.number().min(0).max(10).default(0.25),
  TICKCAST_RETRAIN_COVERAGE_GAP: z.coerce.number().min(0).max(1).default(0.1),
  TICKCAST_KEEP_VERSIONS: z.coerce.number().int().min(1).max(1000).default(10),
});

export type Env = z.infer<typeof envSchema>;

/** The roles `tickcast start` can run as; `all` is one process doing everything (the embedded default). */
export const ROLES = ['all', 'web', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

export interface Config {
  database: { url: string | null; dataDir: string; connectTimeoutSeconds: number };
  http: { port: number };
  log: { level: Env['LOG_LEVEL'] };
  tickers: string[];
  admins: string[];
  slack: { botToken: string | null; signingSecret: string | null; appToken: string | null; apiUrl: string | null };
  discord: { appId: string | null; publicKey: string | null; token: string | null; apiUrl: string | null };
  openai: { apiKey: string | null; baseUrl: string | null; model: string };
  mail: { smtpUrl: string | null; from: string };
  tf: { backend: Env['TICKCAST_TF_BACKEND'] | null };
  /** Promotion gate tolerances and the walk-forward window a new version is judged on. */
  model: { gate: { maseTolerance: number; coverageTolerance: number }; evaluationSessions: number };
  browser: { executablePath: string | null };
  /** Where people reach the service (links in report emails to `/reports/:id`); null: no links. */
  publicUrl: string | null;
  /** How long a delivery attempt holds its message before another process may take it over (and check the channel first). */
  outbox: { leaseMs: number };
  /** What `tickcast start` runs when no `--role` is given. */
  role: Role;
  /**
   * The schedules, as cron in New York time (null: off), and how jobs retry: attempts with exponential backoff from
   * `retryMs`, a lock that a worker's heartbeat keeps for `lockMs` (a dead worker's job is taken over after it), how
   * often workers look for due jobs, where an exhausted job is reported, and when signals ask for a retrain.
   */
  jobs: {
    /** Where the scheduled ingests read: Yahoo, or a folder of CSV files an upstream process drops (`csv:PATH`). */
    ingestSource: string;
    schedules: Record<'ingestDaily' | 'ingestIntraday' | 'forecast' | 'retrain' | 'report' | 'retention' | 'housekeeping', string | null>;
    attempts: number;
    retryMs: number;
    lockMs: number;
    pollMs: number;
    opsChannel: { surface: 'slack' | 'discord'; channelId: string } | null;
    retrainDriftPsi: number;
    retrainCoverageGap: number;
    keepVersions: number;
  };
}

/** Blank values count as unset, the way a copied .env.example leaves them. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') out[key] = value;
  return out;
}

/**
 * Build the configuration from an environment (default: process.env). Throws a `UserError` whose one-line
 * message names every variable that is wrong, without echoing values that may hold secrets.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new UserError('config_invalid', `invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    database: {
      url: e.DATABASE_URL ?? null,
      dataDir: path.resolve(cwd, e.TICKCAST_DATA_DIR),
      connectTimeoutSeconds: e.TICKCAST_DB_CONNECT_TIMEOUT,
    },
    http: { port: e.PORT },
    log: { level: e.LOG_LEVEL },
    tickers: [...new Set(e.TICKCAST_TICKERS)],
    admins: e.TICKCAST_ADMINS,
    slack: {
      botToken: e.SLACK_BOT_TOKEN ?? null,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      apiUrl: e.SLACK_API_URL ?? null,
    },
    discord: {
      appId: e.DISCORD_APP_ID ?? null,
      publicKey: e.DISCORD_PUBLIC_KEY ?? null,
      token: e.DISCORD_TOKEN ?? null,
      apiUrl: e.DISCORD_API_URL ?? null,
    },
    openai: { apiKey: e.OPENAI_API_KEY ?? null, baseUrl: e.OPENAI_BASE_URL ?? null, model: e.OPENAI_MODEL },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.REPORT_FROM },
    tf: { backend: e.TICKCAST_TF_BACKEND ?? null },
    model: {
      gate: { maseTolerance: e.TICKCAST_GATE_MASE_TOLERANCE, coverageTolerance: e.TICKCAST_GATE_COVERAGE_TOLERANCE },
      evaluationSessions: e.TICKCAST_EVAL_SESSIONS,
    },
    browser: { executablePath: e.PUPPETEER_EXECUTABLE_PATH ?? null },
    publicUrl: e.TICKCAST_PUBLIC_URL ?? null,
    outbox: { leaseMs: e.TICKCAST_OUTBOX_LEASE_SECONDS * 1000 },
    role: e.TICKCAST_ROLE,
    jobs: {
      ingestSource: e.TICKCAST_INGEST_SOURCE,
      schedules: {
        ingestDaily: e.TICKCAST_SCHEDULE_INGEST_DAILY,
        ingestIntraday: e.TICKCAST_SCHEDULE_INGEST_INTRADAY,
        forecast: e.TICKCAST_SCHEDULE_FORECAST,
        retrain: e.TICKCAST_SCHEDULE_RETRAIN,
        report: e.TICKCAST_SCHEDULE_REPORT,
        retention: e.TICKCAST_SCHEDULE_RETENTION,
        housekeeping: e.TICKCAST_SCHEDULE_HOUSEKEEPING,
      },
      attempts: e.TICKCAST_JOB_ATTEMPTS,
      retryMs: e.TICKCAST_JOB_RETRY_SECONDS * 1000,
      lockMs: e.TICKCAST_JOB_LOCK_SECONDS * 1000,
      pollMs: e.TICKCAST_JOB_POLL_SECONDS * 1000,
      opsChannel: opsChannelOf(e.TICKCAST_OPS_CHANNEL),
      retrainDriftPsi: e.TICKCAST_RETRAIN_DRIFT_PSI,
      retrainCoverageGap: e.TICKCAST_RETRAIN_COVERAGE_GAP,
      keepVersions: e.TICKCAST_KEEP_VERSIONS,
    },
  };
}

function opsChannelOf(value: string | undefined): Config['jobs']['opsChannel'] {
  if (!value) return null;
  const [surface, channelId] = value.split(':') as ['slack' | 'discord', string];
  return { surface, channelId };
}
