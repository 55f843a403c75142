import type { Repos, Store } from '../core/ports.ts';
import type { Db } from './database.ts';
import { createAlertRepo } from './repos/alertRepo.ts';
import { createApiTokenRepo } from './repos/apiTokenRepo.ts';
import { createAuditRepo } from './repos/auditRepo.ts';
import { createForecastRepo } from './repos/forecastRepo.ts';
import { createJobRunRepo } from './repos/jobRunRepo.ts';
import { createScheduleReader } from './repos/scheduleReader.ts';
import { createIngestionRunRepo } from './repos/ingestionRunRepo.ts';
import { createModelRegistryRepo } from './repos/modelRegistryRepo.ts';
import { createOpsReadings } from './repos/opsReadings.ts';
import { createOutboxRepo } from './repos/outboxRepo.ts';
import { createPriceRepo } from './repos/priceRepo.ts';
import { createPromotionRepo } from './repos/promotionRepo.ts';
import { createQualityRepo } from './repos/qualityRepo.ts';
import { createRateLimitRepo } from './repos/rateLimitRepo.ts';
import { createReportRepo } from './repos/reportRepo.ts';
import { createRequestLog } from './repos/requestLog.ts';
import { createSignalRepo } from './repos/signalRepo.ts';
import { createSubscriptionRepo } from './repos/subscriptionRepo.ts';
import { createUserRepo } from './repos/userRepo.ts';

function reposOver(db: Db): Repos {
  return {
    prices: createPriceRepo(db),
    runs: createIngestionRunRepo(db),
    quality: createQualityRepo(db),
    models: createModelRegistryRepo(db),
    forecasts: createForecastRepo(db),
    signals: createSignalRepo(db),
    alerts: createAlertRepo(db),
    outbox: createOutboxRepo(db),
    audit: createAuditRepo(db),
    promotions: createPromotionRepo(db),
    users: createUserRepo(db),
    requests: createRequestLog(db),
    rateLimits: createRateLimitRepo(db),
    subscriptions: createSubscriptionRepo(db),
    reports: createReportRepo(db),
    ops: createOpsReadings(db),
    apiTokens: createApiTokenRepo(db),
    jobRuns: createJobRunRepo(db),
    schedule: createScheduleReader(db),
  };
}

/** The core's `Store` on a drizzle handle: the same repositories outside and inside a transaction. */
export function createStore(db: Db): Store {
  return {
    ...reposOver(db),
    transaction: (work) => db.transaction((tx) => work(reposOver(tx as unknown as Db))),
  };
}
