import { apiRoutes } from '../api/apiRoutes.ts';
import { UserError } from '../core/errors.ts';
import { JOBS } from '../scheduler/jobCatalog.ts';
import { queuedRetrainer } from '../scheduler/queuedRetrainer.ts';
import { startScheduler, type Scheduler } from '../scheduler/startScheduler.ts';
import { startChatRuntime, type ChatRuntime } from './chatRuntime.ts';
import type { Config, Role } from './config.ts';
import { firstRun, type FirstRunResult } from './firstRun.ts';
import { startHttpServer, type HttpRoute, type HttpServer } from './httpServer.ts';
import type { Logger } from './logger.ts';
import { createMetrics, metricsRoute } from './metrics.ts';
import { reportRoutes } from './reportRoutes.ts';
import { newTerminalSecret, removeServiceFile, writeServiceFile } from './serviceFile.ts';
import { terminalRoute } from './terminalRoute.ts';
import { createApp, type App } from './wiring.ts';

/** How long jobs running at shutdown get to finish before they are handed back to other workers. */
export const SHUTDOWN_GRACE_MS = 20_000;

export interface ServiceOptions {
  role: Role;
  /** Progress lines for people (the first run's steps); the logs get the structured account. */
  say?: (line: string) => void;
  /** Skip the first-run work on an empty database (tests that seed their own data). */
  firstRun?: boolean;
}

export interface RunningService {
  app: App;
  role: Role;
  url: string;
  /** What the first run did, when this start found an empty database. */
  firstRun: FirstRunResult | null;
  /** One line per surface, for the banner. */
  surfaces: string[];
  scheduler: Scheduler;
  /**
   * Stop in order: take no more requests, let chat answers and the delivery in flight finish, give running jobs
   * `graceMs` and hand back what is left, release Agenda's locks, close the database.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `tickcast start`: one process in a role. `all` (the embedded default) runs everything: the HTTP server, the chat
 * surfaces, the outbox worker, the job worker and the schedules. At scale, against one PostgreSQL, `web` replicas
 * take requests (chat, REST API, reports) and keep nothing another replica needs (rate limits, replays and jobs
 * are in the database; a chat retrain goes on the job queue); `worker`s run jobs and deliveries; one `scheduler`
 * keeps the schedules. Every role serves `/healthz` and `/metrics`.
 */
export async function startService(config: Config, logger: Logger, options: ServiceOptions): Promise<RunningService> {
  const { role } = options;
  const say = options.say ?? (() => {});
  if (role !== 'all' && !config.database.url) {
    throw new UserError('role_needs_postgres', `role ${role} shares its work with other processes through PostgreSQL: set DATABASE_URL (the embedded database serves one process, role all)`);
  }
  const web = role === 'web' || role === 'all';
  const work = role === 'worker' || role === 'all';
  const metrics = createMetrics({ logger });
  const app = await createApp(config, logger, { migrate: true, telemetry: metrics.telemetry });
  metrics.readFrom(app.store.ops);
  let chat: ChatRuntime | null = null;
  let scheduler: Scheduler | null = null;
  let server: HttpServer | null = null;
  let first: FirstRunResult | null = null;
  // On the embedded database no other process can open it, so `tickcast chat` talks to this one (app/terminalRoute.ts).
  const terminalSecret = web && app.database.engine === 'pglite' ? newTerminalSecret() : null;
  try {
    first = role === 'all' && options.firstRun !== false ? await firstRun(app, say) : null;
    scheduler = await startScheduler(app, { work, schedule: role === 'scheduler' || role === 'all', onDelivered: () => chat?.worker?.notify() });
    const queued = scheduler;
    chat = web || work ? await startChatRuntime(app, { receive: web, deliver: work, retrain: queuedRetrainer(app.store, queued) }) : null;
    const routes: HttpRoute[] = [metricsRoute(metrics.registry)];
    if (web && chat) {
      if (terminalSecret) routes.push(terminalRoute(chat.bot, terminalSecret));
      routes.push(...chat.routes, ...apiRoutes({ store: app.store, forecast: chat.services.forecast, logger }), ...reportRoutes(app.store.reports, config.database.dataDir));
    }
    server = await startHttpServer(app, config.http.port, { routes, health: { expectedJobs: JOBS.filter((job) => job.schedule && config.jobs.schedules[job.schedule]).map((job) => job.name) } });
    if (terminalSecret) writeServiceFile(config.database.dataDir, { url: server.url, pid: process.pid, secret: terminalSecret });
  } catch (err) {
    await server?.close();
    await chat?.stop();
    await scheduler?.stop(0);
    await app.close();
    throw err;
  }
  const started = { server, chat, scheduler };
  return {
    app,
    role,
    url: started.server.url,
    firstRun: first,
    surfaces: started.chat?.surfaces ?? [],
    scheduler: started.scheduler,
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      if (terminalSecret) removeServiceFile(config.database.dataDir);
      await started.server.close();
      await started.chat?.stop();
      await started.scheduler.stop(graceMs);
      await app.close();
    },
  };
}
