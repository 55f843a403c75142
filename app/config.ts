import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { isTicker } from '../core/bars.ts';

/**
 * The one configuration object, built once at start from defaults and the environment. Every variable
 * here is listed in .env.example and the README. Print or log it only through `redactConfig`.
 */

const optionalText = z.string().trim().min(1).optional();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

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
});

export type Env = z.infer<typeof envSchema>;

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
  };
}
