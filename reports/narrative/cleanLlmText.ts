import { splitSentences } from './sentences.ts';
/**
 * What the LLM's answer must look like before its numbers are even checked: prose, not markup, not JSON, not a
 * runaway. Markup is stripped rather than trusted: the report renders narrative paragraphs as the small markdown
 * subset (escaped), so raw HTML would show as tags at best; it never goes further than this function.
 */

/**
 * A summary of 3–6 sentences fits in well under 1,500 characters; an answer over this is a model that ran on or
 * echoed its input, and is refused whole rather than cut, since a cut could keep its rambling start and lose the
 * point.
 */
export const MAX_LLM_CHARS = 4_000;

export type CleanedText = { ok: true; text: string } | { ok: false; problem: string };

const charCount = new Intl.NumberFormat('en-US');

export function cleanLlmText(content: unknown, maxChars = MAX_LLM_CHARS): CleanedText {
  if (typeof content !== 'string' || content.trim() === '') return { ok: false, problem: 'LLM returned no usable text (empty answer)' };
  if (content.length > maxChars) {
    return { ok: false, problem: `LLM returned no usable text (${charCount.format(content.length)} characters, over the ${charCount.format(maxChars)} limit)` };
  }
  if (/^\s*[[{]/.test(content)) return { ok: false, problem: 'LLM returned no usable text (JSON instead of prose)' };
  const text = stripMarkup(content);
  const hasProse = splitSentences(text).some((sentence) => (sentence.match(/\p{L}{2,}/gu) ?? []).length >= 3);
  return hasProse ? { ok: true, text } : { ok: false, problem: 'LLM returned no usable text (no prose in the answer)' };
}

/**
 * Keeps prose and the emphasis the report allows (`**bold**`, `*italic*`); drops code, HTML tags, headings, tables,
 * rules and images; keeps the words of links and the items of lists (the sentence splitter reads list lines).
 */
function stripMarkup(content: string): string {
  return content
    .replace(/\r\n?/g, '\n')
    .replace(/```[\s\S]*?(?:```|$)/g, '\n')
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    // Block tags end a line (`<p>` paragraphs stay apart); inline ones vanish, so `<b>189.98</b>.` reads `189.98.`.
    .replace(/<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<\/?[a-z][^>]*>|<!--[\s\S]*?-->/gi, '')
    // What is left of a tag that never closed (`<img src=x onerror=…`) loses its bracket, so it cannot become one.
    .replace(/<(?=[/!a-z])/gi, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    // Control characters other than line breaks and tabs: never prose.
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .split('\n')
    .filter((line) => !/^\s*(?:#{1,6}\s|\||[-*_]{3,}\s*$)/.test(line))
    .map((line) => line.replace(/^\s*>\s?/, '').replace(/[ \t]+/g, ' ').trimEnd())
    .join('\n')
    .trim();
}
