import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrice, signedPercent } from '../../render/wording.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { pdfInfo, pdfPagePng, pdfText } from '../support/poppler.ts';
import { pngSize } from '../support/png.ts';
import { DAILY_DIR } from '../support/sharedData.ts';
import puppeteer from 'puppeteer';
import { findBrowser } from '../../reports/pdf/findBrowser.ts';
import { BROWSER_ARGS } from '../../reports/pdf/launchBrowser.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtpServer.ts';
import { startFakeOpenAiApi, type FakeOpenAiApi } from '../fakes/openaiApi.ts';
import { findPart, header, parseMime } from '../mail/rawMime.ts';

/**
 * `tickcast report` end to end through the real bin, on the shared real data in an embedded database: the PDF's
 * text holds the closes the database holds, email reaches a real SMTP server with the PDF byte-identical, the
 * service serves the stored report, and bad input is refused with nothing recorded.
 */
const WATCHLIST = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'SPY'];
const GOOD = 'ana@example.com';
const BAD = 'nobody@example.com';

/** The last rows of a shared CSV as [date, close]. */
function lastCloses(ticker: string, count: number): [string, number][] {
  const lines = fs.readFileSync(path.join(DAILY_DIR, `${ticker}.csv`), 'utf8').trim().split('\n').slice(-count);
  return lines.map((line) => {
    const [date, , , , close] = line.split(',');
    return [date!, Number(close)];
  });
}

describe('tickcast report', () => {
  let root: string;
  let env: Record<string, string>;
  let smtp: FakeSmtpServer;
  let llm: FakeOpenAiApi;
  const cli = (args: string[], extra: Record<string, string> = {}, input?: string): Promise<CliResult> => runCli(args, { ...env, ...extra }, root, input);
  const storedReports = () => fs.readdirSync(path.join(env.TICKCAST_DATA_DIR!, 'reports')).sort();

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-report-'));
    env = { TICKCAST_DATA_DIR: path.join(root, 'data'), TICKCAST_TICKERS: WATCHLIST.join(','), LOG_LEVEL: 'warn' };
    // A series the quality gate blocks: KO's last year with one bar whose high is below its low.
    const ko = fs.readFileSync(path.join(DAILY_DIR, 'KO.csv'), 'utf8').trim().split('\n');
    const rows = ko.slice(-300);
    const broken = rows[150]!.split(',');
    [broken[2], broken[3]] = [broken[3]!, broken[2]!];
    rows[150] = broken.join(',');
    const extra = path.join(root, 'extra');
    fs.mkdirSync(extra);
    fs.writeFileSync(path.join(extra, 'BADCO.csv'), [ko[0], ...rows].join('\n'));
    expect((await cli(['ingest', '--source', `csv:${DAILY_DIR}`, '--tickers', WATCHLIST.join(',')])).code).toBe(0);
    expect((await cli(['ingest', '--source', `csv:${extra}`])).code).toBe(0);
    smtp = await startFakeSmtpServer({ reject: [BAD] });
    llm = await startFakeOpenAiApi();
  }, 180_000);

  afterAll(async () => {
    await smtp?.close();
    await llm?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('renders the watchlist to a multi-page PDF whose text holds the closes the database holds', async () => {
    const out = path.join(root, 'r.pdf');
    const result = await cli(['report', '--tickers', WATCHLIST.join(','), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Report 1 for 2026-06-12: AAPL, MSFT, NVDA, TSLA, SPY; \d+ pages\./);
    expect(result.stdout).toContain('Narrative: template (OPENAI_API_KEY is not set).');

    const info = await pdfInfo(out);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThan(WATCHLIST.length);
    expect(info['Page size']).toMatch(/A4/);
    expect(result.stdout).toContain(`${pages} pages`);
    const text = await pdfText(out);
    for (const ticker of WATCHLIST) expect(text).toContain(ticker);
    // The watchlist's last closes and 1-day changes, worded as everywhere else, straight from the CSVs loaded.
    for (const ticker of ['AAPL', 'MSFT', 'NVDA', 'TSLA']) {
      const [[, previous], [date, last]] = lastCloses(ticker, 2) as [[string, number], [string, number]];
      expect(date).toBe('2026-06-12');
      expect(text).toContain(formatPrice(last));
      expect(text).toContain(signedPercent(last / previous - 1));
    }
    // SPY's file ends in 2023: its figures are as of then, and the section says so.
    const [[spyDate, spyClose]] = lastCloses('SPY', 1) as [[string, number]];
    expect(text).toContain(formatPrice(spyClose));
    expect(text).toContain(`The last close is from ${spyDate}, before the report date 2026-06-12`);
    expect(text).toMatch(/page 1 of \d+/);
    expect(text).toContain('Data and provenance');

    const png = await pdfPagePng(out, 1, 40, path.join(root, 'page1'));
    expect(pngSize(fs.readFileSync(png)).width).toBeGreaterThan(300);
    // The stored copy is the same file.
    const stored = path.join(env.TICKCAST_DATA_DIR!, 'reports', '1', 'tickcast-report-2026-06-12.pdf');
    expect(fs.readFileSync(stored).equals(fs.readFileSync(out))).toBe(true);
  });

  it('says why instead of charting a ticker the quality gate blocks, or one without data', async () => {
    const out = path.join(root, 'blocked.pdf');
    const result = await cli(['report', '--tickers', 'AAPL,BADCO,NODATA', '--out', out]);
    expect(result.code).toBe(0);
    const text = await pdfText(out);
    expect(text).toMatch(/BADCO is not published in this report: BADCO 1d is unpublishable: 1 blocking finding/);
    expect(text).toMatch(/blocking .*high [\d.]+ is below low [\d.]+ at \d{4}-\d{2}-\d{2}/);
    expect(text).toContain('No daily bars for NODATA on or before');
    expect(text).toContain('not published: quality gate');
  });

  it('emails the PDF byte-identical to each subscriber; a bad address fails alone and is recorded', async () => {
    for (const address of [GOOD, BAD]) expect((await cli(['subscribers', 'add', address])).code).toBe(0);
    const result = await cli(['report', '--tickers', 'AAPL,MSFT', '--email'], { SMTP_URL: smtp.url(), REPORT_FROM: 'reports@tickcast.test' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Email: 1 sent, 1 failed, 0 waiting\./);
    expect(result.stdout).toMatch(new RegExp(`${BAD}\\s+failed\\s+1\\s+.*550`));
    expect(result.stderr).toMatch(/1 of 2 email deliveries did not go out/);

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual([GOOD]);
    const id = /^Report (\d+) for/.exec(result.stdout)![1]!;
    const stored = fs.readFileSync(path.join(env.TICKCAST_DATA_DIR!, 'reports', id, 'tickcast-report-2026-06-12.pdf'));
    const attachment = findPart(parseMime(mail.raw), 'application/pdf')!;
    expect(attachment.body.equals(stored)).toBe(true);
    expect(header(parseMime(mail.raw), 'subject')).toMatch(/2026-06-12/);
  });

  it('with SMTP down: renders and stores the report, keeps every copy waiting for the service, and says so', async () => {
    const down = await startFakeSmtpServer();
    const url = down.url();
    await down.close();
    const result = await cli(['report', '--tickers', 'AAPL', '--email'], { SMTP_URL: url });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Email: 0 sent, 0 failed, 2 waiting\./);
    expect(result.stdout).toMatch(/ECONNREFUSED/);
    expect(down.messages).toHaveLength(0);
  });

  it('serves the stored report: the index, the web page with its scripts, the PDF, and 404s that say why', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../support/cli.ts');
    const child = spawn(process.execPath, [BIN, 'start'], { env: { PATH: process.env.PATH ?? '', ...env, PORT: '0' }, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          const match = /tickcast ready[^:]*: (http:\/\/\S+)\/healthz/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`start exited early with ${code}: ${out}`)));
      });
      const index = await (await fetch(`${base}/reports?format=json`)).json() as { reports: { id: number; status: string; pdfUrl: string | null }[] };
      expect(index.reports.map((r) => r.id)[index.reports.length - 1]).toBe(1);
      const page = await fetch(`${base}/reports/1`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-eval'");
      const html = await page.text();
      for (const asset of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'embed-charts.js']) {
        expect(html).toContain(`/reports/assets/${asset}`);
        const script = await fetch(`${base}/reports/assets/${asset}`);
        expect(script.status).toBe(200);
        expect(script.headers.get('content-type')).toMatch(/javascript/);
      }
      const pdf = await fetch(`${base}/reports/1.pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const stored = fs.readFileSync(path.join(env.TICKCAST_DATA_DIR!, 'reports', '1', 'tickcast-report-2026-06-12.pdf'));
      expect(Buffer.from(await pdf.arrayBuffer()).equals(stored)).toBe(true);
      expect((await fetch(`${base}/reports`)).headers.get('content-type')).toMatch(/text\/html/);
      const missing = await fetch(`${base}/reports/999`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe('no report 999');
      expect((await fetch(`${base}/reports/assets/../../package.json`)).status).toBe(404);
      // In a browser, under the page's content-security policy, every chart becomes an interactive vega-embed view.
      const browser = await puppeteer.launch({ executablePath: findBrowser(null), args: [...BROWSER_ARGS] });
      try {
        const tab = await browser.newPage();
        const problems: string[] = [];
        tab.on('pageerror', (err) => problems.push(String(err)));
        tab.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
        await tab.goto(`${base}/reports/1`, { waitUntil: 'networkidle0' });
        // Strings, evaluated in the page: the project's TypeScript has no DOM library to type `document` with.
        await tab.waitForFunction("[...document.querySelectorAll('figure[data-chart]')].every((figure) => figure.hasAttribute('data-chart-state'))", { timeout: 20_000 });
        const figures = (await tab.$$('figure[data-chart]')).length;
        const embedded = (await tab.$$('figure[data-chart] .vega-embed')).length;
        expect(figures).toBeGreaterThanOrEqual(WATCHLIST.length + 1);
        expect(embedded).toBe(figures);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
      expect((await fetch(`${base}/reports/1.html`)).status).toBe(404);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the chat report command hands over the latest PDF', async () => {
    const result = await cli(['chat'], {}, 'report AAPL\n');
    expect(result.code).toBe(0);
    const file = /PDF: (\S+\.pdf)/.exec(result.stdout)?.[1];
    expect(file).toBeDefined();
    // The newest report covering AAPL is the one made with SMTP down (all share the report date; the newest id wins).
    const newest = Math.max(...storedReports().map(Number));
    const stored = fs.readFileSync(path.join(env.TICKCAST_DATA_DIR!, 'reports', String(newest), 'tickcast-report-2026-06-12.pdf'));
    expect(fs.readFileSync(file!).equals(stored)).toBe(true);
  });

  it('writes the LLM narrative, dropping a sentence whose number is not in the facts, and records where it came from', async () => {
    const [[, previous], [, last]] = lastCloses('AAPL', 2) as [[string, number], [string, number]];
    llm.answerWith({ text: `AAPL closed at ${formatPrice(last)}, ${signedPercent(last / previous - 1, 2)} on the day. Analysts expect a 12.5% jump next week.` });
    const out = path.join(root, 'llm.pdf');
    const result = await cli(['report', '--tickers', 'AAPL', '--out', out], { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: 'fake-4' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Narrative: written by fake-4, 1 sentence(s) with numbers not in the facts dropped.');
    const text = await pdfText(out);
    expect(text).toContain(`AAPL closed at ${formatPrice(last)}`);
    expect(text).not.toContain('12.5%');
    const request = llm.requests.at(-1)!;
    expect(request.model).toBe('fake-4');
  });

  it('refuses bad input before rendering anything', async () => {
    const before = storedReports();
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['report', '--date', '2026-13-01'], {}, /'2026-13-01' is not a (real )?date/],
      [['report', '--tickers', 'NOPE1,NOPE2'], {}, /none of NOPE1, NOPE2 has daily bars/],
      [['report', '--tickers', 'AAPL'], { PUPPETEER_EXECUTABLE_PATH: path.join(root, 'no-such-chrome') }, /PUPPETEER_EXECUTABLE_PATH/],
      [['report', '--email'], {}, /--email needs SMTP_URL/],
      [['report', '--out', path.join(root, 'missing', 'r.pdf')], {}, /does not exist/],
      [['report', '--html'], {}, /give --out FILE too/],
    ];
    for (const [args, extra, message] of cases) {
      const result = await cli(args, extra);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(storedReports()).toEqual(before);
  });
});
