import type { Repos, Store } from '../core/ports.ts';
import type { Db } from './database.ts';
import { createForecastRepo } from './repos/forecastRepo.ts';
import { createIngestionRunRepo } from './repos/ingestionRunRepo.ts';
import { createModelRegistryRepo } from './repos/modelRegistryRepo.ts';
import { createPriceRepo } from './repos/priceRepo.ts';
import { createQualityRepo } from './repos/qualityRepo.ts';
import { createSignalRepo } from './repos/signalRepo.ts';

function reposOver(db: Db): Repos {
  return {
    prices: createPriceRepo(db),
    runs: createIngestionRunRepo(db),
    quality: createQualityRepo(db),
    models: createModelRegistryRepo(db),
    forecasts: createForecastRepo(db),
    signals: createSignalRepo(db),
  };
}

/** The core's `Store` on a drizzle handle: the same repositories outside and inside a transaction. */
export function createStore(db: Db): Store {
  return {
    ...reposOver(db),
    transaction: (work) => db.transaction((tx) => work(reposOver(tx as unknown as Db))),
  };
}
