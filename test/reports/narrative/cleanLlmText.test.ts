import { describe, expect, it } from 'vitest';
import { cleanLlmText, MAX_LLM_CHARS } from '../../../reports/narrative/cleanLlmText.ts';

const text = (content: unknown) => {
  const cleaned = cleanLlmText(content);
  return cleaned.ok ? cleaned.text : cleaned.problem;
};

describe('cleanLlmText', () => {
  it('keeps prose, paragraphs and emphasis as they are', () => {
    expect(text('AAPL rose **1.23%** on the day.\n\nMSFT was *flat*.')).toBe('AAPL rose **1.23%** on the day.\n\nMSFT was *flat*.');
  });

  it('turns HTML paragraphs into lines and drops every tag, closed or not', () => {
    expect(text('<p>AAPL rose <b>1.23%</b>.</p><p>MSFT was flat.</p>')).toBe('AAPL rose 1.23%.\n\nMSFT was flat.');
    expect(text('AAPL rose today <img src=x onerror=alert(1)')).toBe('AAPL rose today img src=x onerror=alert(1)');
    expect(text('<!-- note --><script>steal()</script>The market was calm today.')).toBe('The market was calm today.');
  });

  it('drops headings, tables, rules and code, and keeps the words of links', () => {
    const answer = '## Summary\n---\n| AAPL | 1.23 |\n```js\nx = 1\n```\nRead [the report](https://example.com) for the `details` today.';
    expect(text(answer)).toBe('Read the report for the details today.');
  });

  it('refuses what is not prose: nothing, JSON, symbols, a runaway', () => {
    expect(text(undefined)).toBe('LLM returned no usable text (empty answer)');
    expect(text(42)).toBe('LLM returned no usable text (empty answer)');
    expect(text('[1, 2, 3]')).toBe('LLM returned no usable text (JSON instead of prose)');
    expect(text('1.23 4.56 !!!')).toBe('LLM returned no usable text (no prose in the answer)');
    expect(text('The market was calm. '.repeat(Math.ceil(MAX_LLM_CHARS / 20)))).toMatch(/over the 4,000 limit\)$/);
  });
});
