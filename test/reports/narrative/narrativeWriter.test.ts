import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNarrativeMessages } from '../../../reports/narrative/narrativePrompt.ts';
import { createNarrativeWriter, type NarrativeWriterOptions } from '../../../reports/narrative/narrativeWriter.ts';
import { templateNarrative } from '../../../reports/narrative/templateNarrative.ts';
import { startFakeOpenAiApi, type FakeOpenAiApi } from '../../fakes/openaiApi.ts';
import { watchlistFacts } from './factFixtures.ts';

let fake: FakeOpenAiApi;

beforeAll(async () => {
  fake = await startFakeOpenAiApi();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

function recordingLogger() {
  const warnings: { obj: object; msg: string }[] = [];
  return { warnings, warn: (obj: object, msg: string) => void warnings.push({ obj, msg }) };
}

function writer(options: Partial<NarrativeWriterOptions> = {}, logger = recordingLogger()) {
  return createNarrativeWriter({ apiKey: 'sk-test', baseUrl: fake.baseUrl, model: 'gpt-test', timeoutMs: 5_000, ...options }, logger);
}

const RIGHT = [
  'AAPL rose 1.23% to 189.98, while TSLA fell 3.42%.',
  'The 5-session median for AAPL is 192.40 by 2026-06-12, with an 80% interval of 186.10 to 198.70.',
  'MSFT shows no edge over tomorrow = today, so its interval is the random walk\'s.',
];
const WRONG = ['NVDA gained 4.8% on the day.', 'TSLA could reach 200 by Friday.', 'SNDL doubled to 0.86.'];

describe('createNarrativeWriter against an OpenAI-compatible server', () => {
  it('sends the model name, the bearer key and the facts as JSON, at a low temperature', async () => {
    fake.answerWith({ text: RIGHT.join(' ') });
    await writer().write(watchlistFacts);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.model).toBe('gpt-test');
    expect(request?.authorization).toBe('Bearer sk-test');
    expect(request?.messages).toEqual(buildNarrativeMessages(watchlistFacts));
    expect(request?.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('only numbers') });
    expect(JSON.parse(String(request?.messages[1]?.content))).toEqual(watchlistFacts);
    expect(request?.body.temperature).toBeLessThanOrEqual(0.3);
  });

  it('keeps the sentences whose numbers are facts and drops and counts the others, keeping paragraphs', async () => {
    fake.answerWith({ text: `${RIGHT[0]} ${WRONG[0]} ${RIGHT[1]}\n\n${WRONG[1]} ${RIGHT[2]}` });
    const logger = recordingLogger();
    const narrative = await writer({}, logger).write(watchlistFacts);
    expect(narrative).toEqual({
      source: 'llm',
      model: 'gpt-test',
      paragraphs: [`${RIGHT[0]} ${RIGHT[1]}`, RIGHT[2]],
      droppedSentences: 2,
      fallbackReason: null,
    });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]?.obj).toMatchObject({ model: 'gpt-test', dropped: [WRONG[0], WRONG[1]] });
  });

  it('keeps a clean answer whole, without warnings', async () => {
    fake.answerWith({ text: RIGHT.join(' ') });
    const logger = recordingLogger();
    const narrative = await writer({}, logger).write(watchlistFacts);
    expect(narrative).toMatchObject({ source: 'llm', paragraphs: [RIGHT.join(' ')], droppedSentences: 0, fallbackReason: null });
    expect(logger.warnings).toEqual([]);
  });

  it('falls back to the template when every sentence cites a number not in the facts', async () => {
    fake.answerWith({ text: WRONG.join(' ') });
    const logger = recordingLogger();
    const narrative = await writer({}, logger).write(watchlistFacts);
    expect(narrative).toEqual(templateNarrative(watchlistFacts, 'every LLM sentence cited a number not in the facts (3 dropped)'));
    expect(logger.warnings[0]?.obj).toMatchObject({ reason: 'every LLM sentence cited a number not in the facts (3 dropped)' });
  });

  it('gives up after the timeout and writes the template, without waiting for the slow answer', async () => {
    fake.answerWith({ text: RIGHT.join(' '), delayMs: 2_000 });
    const started = Date.now();
    const narrative = await writer({ timeoutMs: 300 }).write(watchlistFacts);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(narrative).toEqual(templateNarrative(watchlistFacts, 'LLM call failed: timed out after 300 ms'));
    expect(fake.requests).toHaveLength(1);
  });

  it('writes the template on an HTTP 500, without retrying', async () => {
    fake.answerWith({ status: 500, message: 'the model is overloaded' });
    const narrative = await writer().write(watchlistFacts);
    expect(narrative.source).toBe('template');
    expect(narrative.fallbackReason).toBe('LLM call failed: 500 the model is overloaded');
    expect(fake.requests).toHaveLength(1);
  });

  it('writes the template when the body is not JSON, or JSON that is not a chat completion', async () => {
    fake.answerWith({ garbage: '<html><body>502 Bad Gateway</body></html>' });
    const lying = await writer().write(watchlistFacts);
    expect(lying.source).toBe('template');
    expect(lying.fallbackReason).toMatch(/^LLM call failed: /);

    fake.answerWith({ garbage: 'upstream hiccup', contentType: 'text/plain' });
    expect((await writer().write(watchlistFacts)).fallbackReason).toBe('LLM returned no usable text (not a chat completion)');

    fake.answerWith({ garbage: '{"status":"ok"}' });
    expect((await writer().write(watchlistFacts)).fallbackReason).toBe('LLM returned no usable text (not a chat completion)');
  });

  it.each([
    ['no choices', { emptyChoices: true as const }, 'LLM returned no usable text (empty answer)'],
    ['null content', { text: null }, 'LLM returned no usable text (empty answer)'],
    ['white space', { text: ' \n\t ' }, 'LLM returned no usable text (empty answer)'],
    ['JSON instead of prose', { text: '{"summary": "AAPL rose 1.23%"}' }, 'LLM returned no usable text (JSON instead of prose)'],
    ['a runaway answer', { text: 'The watchlist was calm. '.repeat(250) }, 'LLM returned no usable text (6,000 characters, over the 4,000 limit)'],
    ['punctuation and markup only', { text: '<div>--- ... !!!</div>' }, 'LLM returned no usable text (no prose in the answer)'],
  ])('writes the template for %s', async (_name, answer, reason) => {
    fake.answerWith(answer);
    expect(await writer().write(watchlistFacts)).toEqual(templateNarrative(watchlistFacts, reason));
  });

  it('never passes HTML or markdown structure on', async () => {
    fake.answerWith({
      text: `# Morning summary\n\n<script>alert(1)</script><p>**AAPL** rose 1.23% to <b>189.98</b>.</p>\n\n| a | b |\n\n\`\`\`\nrm -rf /\n\`\`\`\nSee [the report](https://example.com/x) for ${RIGHT[2]}`,
    });
    const narrative = await writer().write(watchlistFacts);
    expect(narrative.source).toBe('llm');
    expect(narrative.paragraphs).toEqual(['**AAPL** rose 1.23% to 189.98.', `See the report for ${RIGHT[2]}`]);
  });

  it('keeps at most maxSentences sentences', async () => {
    fake.answerWith({ text: `${RIGHT[0]} ${RIGHT[1]}\n\n${RIGHT[2]}` });
    const narrative = await writer({ maxSentences: 2 }).write(watchlistFacts);
    expect(narrative.paragraphs).toEqual([`${RIGHT[0]} ${RIGHT[1]}`]);
    expect(narrative.droppedSentences).toBe(0);
  });

  it('writes the template when the server cannot be reached', async () => {
    const gone = await startFakeOpenAiApi();
    await gone.close();
    const narrative = await writer({ baseUrl: gone.baseUrl }).write(watchlistFacts);
    expect(narrative.source).toBe('template');
    expect(narrative.fallbackReason).toMatch(/^LLM call failed: Connection error/);
  });

  it('says where its narratives come from', () => {
    expect(writer().source).toBe('llm gpt-test');
    expect(writer({ apiKey: null }).source).toBe('template');
  });
});

describe('createNarrativeWriter without a key', () => {
  it('writes the template and sends nothing', async () => {
    const logger = recordingLogger();
    const narrative = await writer({ apiKey: null }, logger).write(watchlistFacts);
    expect(narrative).toEqual(templateNarrative(watchlistFacts, 'OPENAI_API_KEY is not set'));
    expect(fake.requests).toEqual([]);
    expect(logger.warnings).toEqual([]);
  });
});
