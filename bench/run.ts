// `npm run bench`: every benchmark in bench/, one after the other. Figures go to stdout.
import { runBulkUpsertBench } from './bulkUpsert.ts';
import { runIngestPipelineBench } from './ingestPipeline.ts';
import { runReportPdfBench } from './reportPdf.ts';
import { runSlackForecastBench } from './slackForecast.ts';
import { runTrainThroughputBench } from './trainThroughput.ts';

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = { 'bulk-upsert': runBulkUpsertBench, 'ingest-pipeline': runIngestPipelineBench, 'train-throughput': runTrainThroughputBench, 'slack-forecast': runSlackForecastBench, 'report-pdf': runReportPdfBench };
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n== ${name}`);
  await bench();
}
