// `npm run bench`: every benchmark in bench/, one after the other. Figures go to stdout.
import { runBulkUpsertBench } from './bulkUpsert.ts';
import { runIngestPipelineBench } from './ingestPipeline.ts';
import { runNightlyPipelineBench } from './nightlyPipeline.ts';
import { runReportPdfBench } from './reportPdf.ts';
import { runServiceChatLoadBench } from './serviceChatLoad.ts';
import { runSlackForecastBench } from './slackForecast.ts';
import { runTrainThroughputBench } from './trainThroughput.ts';

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  'bulk-upsert': runBulkUpsertBench,
  'ingest-pipeline': runIngestPipelineBench,
  'train-throughput': runTrainThroughputBench,
  'slack-forecast': runSlackForecastBench,
  'report-pdf': runReportPdfBench,
  'service-chat': runServiceChatLoadBench,
  'nightly-pipeline': runNightlyPipelineBench,
};
if (only && !(only in benches)) {
  console.error(`no benchmark '${only}': one of ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await bench();
}
// Every figure is out: exit now rather than when the last stray timer fires. Agenda arms a timer of half the lock
// lifetime (150 s by default) for each job it runs and does not clear it, which would hold this process that long.
process.exit(0);
