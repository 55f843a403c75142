import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReportService, type ReportService } from '../../app/reportService.ts';
import { forecastTicker } from '../../model/forecastService.ts';
import { buildReport } from '../../reports/buildReport.ts';
import { createNarrativeWriter } from '../../reports/narrative/narrativeWriter.ts';
import { startFakeOpenAiApi, type FakeOpenAiApi } from '../fakes/openaiApi.ts';
import { openBotHarness, type BotHarness } from '../support/botHarness.ts';

/**
 * The language model having a bad day, seen from the daily report: a report over real data, its narrative asked of
 * a local OpenAI-compatible fake that errors, rate-limits or hangs. The report is still made, with the template
 * narrative, and the reason the model was not used is recorded in the report's provenance (and so in its row, its
 * PDF's provenance block and its JSON). The writer's own handling of each answer is in
 * test/reports/narrative/narrativeWriter.test.ts.
 */
describe('the daily report when the language model fails', () => {
  let llm: FakeOpenAiApi;
  let h: BotHarness;
  let service: ReportService;

  beforeAll(async () => {
    llm = await startFakeOpenAiApi();
    h = await openBotHarness({ tickers: ['AAPL'], env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: 'fake-4' } });
    service = createReportService(h.app);
  }, 120_000);
  afterEach(() => llm.reset());
  afterAll(async () => {
    await service?.close();
    await h?.close();
    await llm?.close();
  });

  it.each([
    ['an HTTP 500', { status: 500, message: 'the model is overloaded' }, 'LLM call failed: 500 the model is overloaded'],
    ['an HTTP 429', { status: 429, message: 'Rate limit reached for requests' }, 'LLM call failed: 429 Rate limit reached for requests'],
  ])('answered with %s: renders and stores the report with the template narrative and the reason, asking once', async (_name, answer, reason) => {
    llm.answerWith(answer);
    const made = await service.make({ tickers: ['AAPL'] });
    expect(made.document.narrative).toMatchObject({ source: 'template', model: null, fallbackReason: reason });
    expect(made.document.narrative.paragraphs.length).toBeGreaterThan(0);
    expect(llm.requests).toHaveLength(1);
    const stored = await h.app.store.reports.find(made.record.id);
    expect(stored).toMatchObject({ status: 'rendered', error: null, narrativeSource: 'template' });
    expect(stored!.provenance?.narrative).toEqual({ source: 'template', model: null, droppedSentences: 0, fallbackReason: reason });
  }, 120_000);

  it('hanging: gives up at the timeout without waiting for the answer, and records that it timed out', async () => {
    llm.answerWith({ text: 'AAPL closed higher.', delayMs: 10_000 });
    const narrative = createNarrativeWriter({ apiKey: 'sk-test', baseUrl: llm.baseUrl, model: 'fake-4', timeoutMs: 300 });
    const deps = { store: h.app.store, factory: h.app.networks, cache: h.app.models };
    const started = performance.now();
    const built = await buildReport(
      { repos: h.app.store, narrative, codeVersion: 'test', now: () => new Date(), forecast: (ticker, horizon, asOf) => forecastTicker(ticker, horizon, deps, { asOf }) },
      { tickers: ['AAPL'] },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(built.document.narrative).toMatchObject({ source: 'template', fallbackReason: 'LLM call failed: timed out after 300 ms' });
    expect(built.document.provenance.narrative).toEqual({ source: 'template', model: null, droppedSentences: 0, fallbackReason: 'LLM call failed: timed out after 300 ms' });
    expect(llm.requests).toHaveLength(1);
  }, 60_000);
});
