import OpenAI from 'openai';
import { z } from 'zod';
import { oneLine } from '../../core/errors.ts';
import type { Narrative, ReportFacts } from '../../core/reports.ts';
import { checkNarrative } from './checkNumbers.ts';
import { cleanLlmText } from './cleanLlmText.ts';
import { buildNarrativeMessages } from './narrativePrompt.ts';
import { templateNarrative } from './templateNarrative.ts';

export interface NarrativeWriterOptions {
  apiKey: string | null;
  baseUrl: string | null;
  model: string;
  /** The whole call, connection to last byte; default 20 s. */
  timeoutMs?: number;
  /**
   * Kept sentences beyond this are cut (and not counted as dropped: they were not wrong, only too many); default 8,
   * room above the 3–6 the prompt asks for.
   */
  maxSentences?: number;
}

export interface NarrativeLogger {
  warn(obj: object, msg: string): void;
}

export interface NarrativeWriter {
  /** `template`, or `llm <model>`: what doctor and the logs show. */
  source: string;
  /** Never rejects because of the LLM: a failed or unusable answer becomes the template narrative, with the reason. */
  write(facts: ReportFacts): Promise<Narrative>;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_SENTENCES = 8;

/** Only the part of a chat.completion this reads; anything else in the answer is the server's business. */
const completionSchema = z.object({ choices: z.array(z.object({ message: z.object({ content: z.unknown() }) })) });

export function createNarrativeWriter(options: NarrativeWriterOptions, logger?: NarrativeLogger): NarrativeWriter {
  const { apiKey, model } = options;
  if (!apiKey) return { source: 'template', write: async (facts) => templateNarrative(facts, 'OPENAI_API_KEY is not set') };

  const timeoutMs = Math.max(1, Math.round(options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  const maxSentences = options.maxSentences ?? DEFAULT_MAX_SENTENCES;
  // Retries would multiply the wait on a report that has a good fallback at hand.
  const client = new OpenAI({ apiKey, baseURL: options.baseUrl ?? undefined, maxRetries: 0, timeout: timeoutMs });

  const fallBack = (facts: ReportFacts, reason: string): Narrative => {
    logger?.warn({ model, reason }, 'narrative: the LLM answer is unusable, using the template');
    return templateNarrative(facts, reason);
  };

  async function ask(facts: ReportFacts): Promise<{ ok: true; content: unknown } | { ok: false; problem: string }> {
    // The client's own timeout stops waiting for headers only; this one also covers a body that never finishes.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      const answer: unknown = await client.chat.completions.create(
        { model, messages: buildNarrativeMessages(facts), temperature: 0.2 },
        { signal: deadline.signal },
      );
      const parsed = completionSchema.safeParse(answer);
      if (!parsed.success) return { ok: false, problem: 'LLM returned no usable text (not a chat completion)' };
      return { ok: true, content: parsed.data.choices[0]?.message.content };
    } catch (err) {
      const timedOut = deadline.signal.aborted || err instanceof OpenAI.APIConnectionTimeoutError;
      return { ok: false, problem: `LLM call failed: ${timedOut ? `timed out after ${duration(timeoutMs)}` : oneLine(err).slice(0, 200)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    source: `llm ${model}`,
    async write(facts) {
      const answer = await ask(facts);
      if (!answer.ok) return fallBack(facts, answer.problem);
      const cleaned = cleanLlmText(answer.content);
      if (!cleaned.ok) return fallBack(facts, cleaned.problem);
      const check = checkNarrative(cleaned.text, facts);
      if (check.kept.length === 0) {
        return fallBack(facts, check.dropped.length > 0
          ? `every LLM sentence cited a number not in the facts (${check.dropped.length} dropped)`
          : 'LLM returned no usable text (no sentences)');
      }
      if (check.dropped.length > 0) logger?.warn({ model, dropped: check.dropped }, `narrative: dropped ${check.dropped.length} LLM sentence(s) citing numbers not in the facts`);
      return { source: 'llm', model, paragraphs: firstSentences(check.keptByParagraph, maxSentences), droppedSentences: check.dropped.length, fallbackReason: null };
    },
  };
}

/** The paragraphs, joined, holding at most `limit` sentences in all. */
function firstSentences(paragraphs: string[][], limit: number): string[] {
  const out: string[] = [];
  let left = limit;
  for (const sentences of paragraphs) {
    if (left <= 0) break;
    const taken = sentences.slice(0, left);
    left -= taken.length;
    out.push(taken.join(' '));
  }
  return out;
}

/** `300 ms`, `20 s`, `2.5 s`. */
function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
