import { Command, CommanderError } from 'commander';
import { createContext } from './context.ts';
import { reportFailure, type OutputOptions } from './output.ts';
import { registerDb } from './commands/db.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerStart } from './commands/start.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerTrain } from './commands/train.ts';
import { registerBacktest } from './commands/backtest.ts';
import { registerForecast } from './commands/forecast.ts';
import { registerModel } from './commands/model.ts';
import { registerChat } from './commands/chat.ts';
import { registerAdmins } from './commands/admins.ts';
import { registerAudit } from './commands/audit.ts';
import { registerDiscord } from './commands/discord.ts';
import { registerReport } from './commands/report.ts';
import { registerSubscribers } from './commands/subscribers.ts';
import { registerToken } from './commands/token.ts';

/** Load `.env` from the working directory when there is one (values already in the environment win). */
function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch {
    // No .env: the environment alone configures tickcast.
  }
}

export async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const program = new Command('tickcast')
    .description('chat-ops stock forecasting: ingest, forecast, report')
    .option('--json', 'print one JSON document instead of the human view')
    .showHelpAfterError('(run `tickcast --help` for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const output = (): OutputOptions => ({ json: Boolean(program.opts().json) });
  const ctx = createContext(process.env);

  registerStart(program, createContext(process.env, false));
  registerIngest(program, ctx, output);
  registerInspect(program, ctx, output);
  registerTrain(program, ctx, output);
  registerBacktest(program, ctx, output);
  registerForecast(program, ctx, output);
  registerModel(program, ctx, output);
  registerChat(program, ctx, output);
  registerAdmins(program, ctx, output);
  registerAudit(program, ctx, output);
  registerDiscord(program, ctx, output);
  registerReport(program, ctx, output);
  registerSubscribers(program, ctx, output);
  registerToken(program, ctx, output);
  registerJobs(program, ctx, output);
  registerDb(program, ctx, output);
  registerDoctor(program, output);

  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportFailure(err, output());
  }
}

const code = await main(process.argv);
// The command is done: end the process once its output is flushed. Libraries may leave timers behind (Agenda's
// liveness check of a job sleeps half a lock lifetime, 150 s by default, and is never cleared), which would keep a
// finished `tickcast jobs run` or a stopped `tickcast start` alive.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
