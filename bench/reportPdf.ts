// A 10-ticker daily report to PDF, browser start included: the target is under 5 s. The shared daily files
// (../shared/data/daily, all but SPY, whose file ends in 2023) go into a fresh embedded PGlite database through the
// product's ingest; not timed. Timed, five times, each from no browser running: createReportService(app) +
// make({ tickers }) + close(), the database and the app staying open between runs. A second pass per run times the
// pieces on their own (same data), and a batch times 3 reports on one browser. All of it twice: with no champion
// (random-walk forecasts), then with a small LSTM champion trained here (forecasts with permutation drivers).
// Last, `tickcast report` once through the real bin: what a user at the terminal waits for. Figures only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeVersion } from '../app/codeVersion.ts';
import { loadConfig } from '../app/config.ts';
import { forecastAndAlert } from '../app/forecastAndAlert.ts';
import { createLogger } from '../app/logger.ts';
import { createReportService } from '../app/reportService.ts';
import type { App } from '../app/wiring.ts';
import { createApp } from '../app/wiring.ts';
import type { ReportDocument, ReportRepo } from '../core/reports.ts';
import { forecastTicker } from '../model/forecastService.ts';
import { ingest } from '../pipeline/ingest/ingest.ts';
import { planIngest } from '../pipeline/ingest/planIngest.ts';
import { buildReport, type BuiltReport } from '../reports/buildReport.ts';
import { createNarrativeWriter } from '../reports/narrative/narrativeWriter.ts';
import { findBrowser } from '../reports/pdf/findBrowser.ts';
import { createPdfRenderer, type PdfRenderer, type RenderedPdf } from '../reports/pdf/pdfRenderer.ts';
import { REPORT_ASSETS_PATH, storeReport } from '../reports/storeReport.ts';
import { pdfHeaderFooter } from '../templates/pdfHeaderFooter.ts';
import { renderReportHtml } from '../templates/renderReportHtml.ts';
import { runCli } from '../test/support/cli.ts';
import { trainSmallChampion } from './smallChampion.ts';

const DAILY = fileURLToPath(new URL('../../shared/data/daily/', import.meta.url));
const TICKERS = ['AAPL', 'AMD', 'AMZN', 'GOOGL', 'JPM', 'KO', 'MSFT', 'NVDA', 'TSLA', 'XOM'];
const REPETITIONS = process.env.BENCH_QUICK === '1' ? 2 : 5;
const BATCH = 3;
const TARGET_SECONDS = 5;
const BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>';

const PIECES = ['data + sections', 'forecasts', 'narrative', 'print HTML', 'browser launch', 'PDF print', 'web HTML', 'files + DB', 'browser close'] as const;
type Piece = (typeof PIECES)[number];

const seconds = (since: number) => (performance.now() - since) / 1000;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const s = (value: number) => `${value.toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
/** The machine's load: other work on a small machine moves these figures more than anything here. */
const load = () => `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;

/**
 * CPU seconds so far: this process, and its children that have exited (Chromium, once closed, with the processes it
 * reaped), from /proc/self/stat's cutime and cstime at the usual 100 ticks a second. Unlike wall time, these hardly
 * move when other work shares the machine. Children are 0 where there is no /proc.
 */
function cpuSeconds(): { node: number; browser: number } {
  const { user, system } = process.cpuUsage();
  let browser = 0;
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    browser = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // Not Linux.
  }
  return { node: (user + system) / 1e6, browser };
}

/** The app as the CLI opens it on `dataDir`: embedded PGlite, no LLM key (the template narrative), silent log. */
function openApp(dataDir: string): Promise<App> {
  const env = { TICKCAST_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH, TICKCAST_TF_BACKEND: process.env.TICKCAST_TF_BACKEND };
  const config = loadConfig(env);
  return createApp(config, createLogger(config.log.level));
}

async function withApp<T>(dataDir: string, work: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(dataDir);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function ingestShared(app: App): Promise<void> {
  const started = performance.now();
  const plan = await planIngest({ source: `csv:${DAILY}`, tickers: TICKERS }, { watchlist: [] });
  const { runs } = await ingest(plan.source, plan.requests, { store: app.store });
  const bars = runs.reduce((n, run) => n + run.rows, 0);
  console.log(`setup           ${runs.length} series, ${bars} daily bars ingested into PGlite in ${s(seconds(started))} (not timed below)`);
}

/** One report from nothing: a new service (no browser yet), one report, the browser closed. */
async function endToEnd(app: App): Promise<{ wall: number; cpu: { node: number; browser: number }; pages: number; bytes: number }> {
  const cpu = cpuSeconds();
  const started = performance.now();
  const service = createReportService(app);
  let made;
  try {
    made = await service.make({ tickers: TICKERS });
  } finally {
    await service.close();
  }
  const wall = seconds(started);
  const after = cpuSeconds();
  return { wall, cpu: { node: after.node - cpu.node, browser: after.browser - cpu.browser }, pages: made.record.pages ?? 0, bytes: made.pdf.byteLength };
}

/** buildReport with the dependencies createReportService gives it, the narrative writer timed on its own. */
async function timedBuild(app: App): Promise<{ built: BuiltReport; build: number; forecasts: number; narrative: number }> {
  const writer = createNarrativeWriter({ ...app.config.openai }, app.logger);
  let narrative = 0;
  let forecasts = 0;
  const now = () => new Date();
  const started = performance.now();
  const built = await buildReport(
    {
      repos: app.store,
      codeVersion: codeVersion(),
      now,
      narrative: {
        async write(facts) {
          const begun = performance.now();
          const written = await writer.write(facts);
          narrative = seconds(begun);
          return written;
        },
      },
      async forecast(ticker, horizon, asOf) {
        const begun = performance.now();
        try {
          const last = (await app.store.prices.lastBarTime(ticker, '1d'))?.toISOString().slice(0, 10);
          if (last !== asOf) return await forecastTicker(ticker, horizon, { store: app.store, factory: app.networks, cache: app.models }, { asOf });
          return (await forecastAndAlert(app, ticker, horizon, now())).forecast;
        } finally {
          forecasts += seconds(begun);
        }
      },
    },
    { tickers: TICKERS },
  );
  return { built, build: seconds(started), forecasts, narrative };
}

/**
 * storeReport's own time, the PDF already printed: a renderer that hands it back at once, and the report rows timed
 * as they are written. What it spends after the PDF and before completing the row is the web HTML and the files.
 */
async function timedStore(app: App, built: BuiltReport, printed: RenderedPdf): Promise<{ database: number; afterPdf: number }> {
  const reports = app.store.reports;
  let database = 0;
  let pdfBack = 0;
  let completing = 0;
  const timed =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>, mark?: () => void) =>
    async (...args: A): Promise<R> => {
      mark?.();
      const started = performance.now();
      try {
        return await call(...args);
      } finally {
        database += seconds(started);
      }
    };
  const timedReports: ReportRepo = {
    ...reports,
    begin: timed(reports.begin.bind(reports)),
    complete: timed(reports.complete.bind(reports), () => (completing = performance.now())),
    fail: timed(reports.fail.bind(reports)),
    find: timed(reports.find.bind(reports)),
  };
  const replay: PdfRenderer = {
    launches: 0,
    render: () => {
      pdfBack = performance.now();
      return Promise.resolve(printed);
    },
    warm: () => {},
    close: () => Promise.resolve(),
  };
  await storeReport(timedReports, app.config.database.dataDir, replay, built);
  return { database, afterPdf: (completing - pdfBack) / 1000 };
}

/** The pieces of one report, each timed on its own, in the order make() runs them. */
async function pieces(app: App): Promise<Record<Piece, number>> {
  const { built, build, forecasts, narrative } = await timedBuild(app);
  const document: ReportDocument = built.document;
  let started = performance.now();
  const printHtml = await renderReportHtml(document, { mode: 'print' });
  const printHtmlSeconds = seconds(started);

  const renderer = createPdfRenderer({ executablePath: findBrowser(app.config.browser.executablePath) });
  let printed: RenderedPdf;
  let launch: number;
  let print: number;
  let close: number;
  try {
    started = performance.now();
    await renderer.render(BLANK_PAGE, pdfHeaderFooter(document));
    launch = seconds(started);
    started = performance.now();
    printed = await renderer.render(printHtml, pdfHeaderFooter(document));
    print = seconds(started);
  } finally {
    started = performance.now();
    await renderer.close();
    close = seconds(started);
  }

  const stored = await timedStore(app, built, printed);
  started = performance.now();
  await renderReportHtml(document, { mode: 'web', scripts: { baseUrl: REPORT_ASSETS_PATH } });
  const webHtml = seconds(started);
  return {
    'data + sections': build - forecasts - narrative,
    forecasts,
    narrative,
    'print HTML': printHtmlSeconds,
    'browser launch': launch,
    'PDF print': print,
    'web HTML': webHtml,
    'files + DB': stored.database + Math.max(0, stored.afterPdf - webHtml),
    'browser close': close,
  };
}

/** Resident memory of this process's descendants (Chromium's processes), summed; null where there is no /proc. */
function descendantsRss(): number | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      rss.set(Number(entry), Number(kb ?? 0) * 1024);
    } catch {
      // Gone while we looked.
    }
  }
  let total = 0;
  const queue = [...(children.get(process.pid) ?? [])];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** BATCH reports on one service: one browser start for all of them, as a scheduled run for several audiences. */
async function batch(app: App): Promise<{ wall: number; each: number[]; launches: number; browserRss: number | null }> {
  const renderer = createPdfRenderer({ executablePath: findBrowser(app.config.browser.executablePath) });
  const started = performance.now();
  const service = createReportService(app, { renderer });
  let browserRss: number | null = null;
  const each: number[] = [];
  try {
    for (let n = 0; n < BATCH; n++) {
      const begun = performance.now();
      await service.make({ tickers: TICKERS });
      each.push(seconds(begun));
    }
    browserRss = descendantsRss();
  } finally {
    await service.close();
  }
  return { wall: seconds(started), each, launches: renderer.launches, browserRss };
}

async function measure(app: App, label: string): Promise<void> {
  console.log(`-- ${label}`);
  const walls: number[] = [];
  const cpus: number[] = [];
  const split: Record<Piece, number>[] = [];
  let last = { pages: 0, bytes: 0 };
  for (let run = 1; run <= REPETITIONS; run++) {
    const result = await endToEnd(app);
    walls.push(result.wall);
    cpus.push(result.cpu.node + result.cpu.browser);
    last = result;
    split.push(await pieces(app));
    const cpu = `CPU ${s(result.cpu.node)} node + ${s(result.cpu.browser)} Chromium`;
    console.log(`run ${run}           ${s(result.wall)} end to end (${cpu}), ${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KB PDF`);
  }
  const [mid, max] = [median(walls), Math.max(...walls)];
  console.log(`end to end      median ${s(mid)}, max ${s(max)} over ${REPETITIONS} runs (a fresh browser each), median CPU ${s(median(cpus))}; ${last.pages} pages, ${(last.bytes / 1024).toFixed(0)} KB`);
  const parts = PIECES.map((piece) => [piece, median(split.map((run) => run[piece]))] as const);
  const sum = parts.reduce((total, [, value]) => total + value, 0);
  console.log(`breakdown       medians of ${REPETITIONS} separate passes (sum ${s(sum)}; launch = a blank page on a new browser):`);
  for (const [piece, value] of parts) console.log(`  ${piece.padEnd(17)} ${s(value).padStart(7)}  ${((100 * value) / sum).toFixed(0).padStart(3)} %`);
  const batched = await batch(app);
  console.log(`batch           ${BATCH} reports on one renderer: ${s(batched.wall)}, ${s(batched.wall / BATCH)} a report (${batched.each.map((value) => value.toFixed(2)).join(', ')} s), ${batched.launches} browser start`);
  const memory = process.memoryUsage();
  const browser = batched.browserRss === null ? 'n/a' : mb(batched.browserRss);
  console.log(`memory          node RSS ${mb(memory.rss)} (peak ${mb(process.resourceUsage().maxRSS * 1024)}, heap ${mb(memory.heapUsed)}); Chromium's processes ${browser} summed RSS during the batch`);
  console.log(`target          10-ticker report to PDF, browser start included, < ${TARGET_SECONDS} s: ${max < TARGET_SECONDS ? 'met' : mid < TARGET_SECONDS ? 'met at the median, NOT at the max' : 'NOT met'} (median ${s(mid)}, max ${s(max)}; ${load()})`);
}

/** The small champion of smallChampion.ts; false when it failed or took too long. */
async function trainChampion(app: App): Promise<boolean> {
  const trained = await trainSmallChampion(app, TICKERS, 'report-pdf bench');
  if (trained) console.log(`setup           ${trained}`);
  return trained !== null;
}

/** `tickcast report` through the bin, as a user runs it: Node and tsx start, PGlite opens, the report, exit. */
async function cli(dataDir: string): Promise<void> {
  const env: Record<string, string> = { TICKCAST_DATA_DIR: dataDir };
  if (process.env.PUPPETEER_EXECUTABLE_PATH) env.PUPPETEER_EXECUTABLE_PATH = process.env.PUPPETEER_EXECUTABLE_PATH;
  let started = performance.now();
  await runCli(['--help'], env);
  const help = seconds(started);
  started = performance.now();
  const result = await runCli(['report', '--tickers', TICKERS.join(',')], env);
  const outcome = result.code === 0 ? result.stdout.split('\n')[0] : `FAILED (exit ${result.code}): ${result.stderr.trim().split('\n')[0]}`;
  console.log(`tickcast report ${s(seconds(started))} from the shell, process start to exit (\`tickcast --help\` alone: ${s(help)}): ${outcome}`);
}

export async function runReportPdfBench(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-bench-report-'));
  const dataDir = path.join(root, 'data');
  try {
    console.log(`${TICKERS.length} tickers (${TICKERS.join(', ')}), template narrative, ${findBrowser(process.env.PUPPETEER_EXECUTABLE_PATH ?? null)}; ${load()}`);
    await withApp(dataDir, ingestShared);
    await withApp(dataDir, (app) => measure(app, 'no champion: random-walk forecasts'));
    await cli(dataDir);
    if (await withApp(dataDir, trainChampion)) {
      await withApp(dataDir, (app) => measure(app, 'small LSTM champion: model forecasts with permutation drivers, skill, drift'));
      await cli(dataDir);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
