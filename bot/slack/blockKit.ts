import type { types } from '@slack/bolt';
import { textTable, type Align } from '../../render/textTable.ts';

/**
 * Small Block Kit builders that keep every message inside Slack's limits: section text ≤ 3000 characters, header
 * ≤ 150, context ≤ 10 elements, ≤ 50 blocks a message. Text that would not fit is cut with a visible "…", never
 * rejected by Slack with `invalid_blocks`.
 */
export type Block = types.KnownBlock;

/** A message as the Slack renderers produce it: blocks plus the plain-text fallback notifications show. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
  /** Errors, help and progress notes are shown to the person who asked only. */
  visibility: 'in_channel' | 'ephemeral';
}

export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_HEADER_TEXT = 150;
const MAX_CONTEXT_TEXT = 2000;
/** Slack truncates long `text` fallbacks itself, but notifications only show the first line or so. */
const MAX_FALLBACK_TEXT = 3000;

/** Escapes the three characters mrkdwn treats as markup: user- or data-supplied text never turns into links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, MAX_HEADER_TEXT), emoji: true } };
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, MAX_SECTION_TEXT) } };
}

/** Up to ten short label/value fields shown two by two. */
export function fields(pairs: readonly [label: string, value: string][]): Block {
  return {
    type: 'section',
    fields: pairs.slice(0, 10).map(([label, value]) => ({ type: 'mrkdwn', text: clip(`*${label}*\n${value}`, 2000) })),
  };
}

export function context(...lines: string[]): Block {
  return { type: 'context', elements: lines.slice(0, 10).map((line) => ({ type: 'mrkdwn', text: clip(line, MAX_CONTEXT_TEXT) })) };
}

export function divider(): Block {
  return { type: 'divider' };
}

/**
 * A monospace table in one or more sections: the rows are split at line boundaries so each code block fits a
 * section. Columns are padded to their widest cell; numbers are right-aligned.
 */
export function codeTable(headings: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): Block[] {
  return codeBlocks(textTable(headings, rows, align).join('\n'));
}

/** Preformatted text as code blocks, split at line boundaries so each fits a section. */
export function codeBlocks(text: string): Block[] {
  return chunkLines(text.split('\n'), MAX_SECTION_TEXT - 8).map((chunk) => section('```' + chunk.join('\n') + '```'));
}

/** Several lines of mrkdwn as as few sections as fit. */
export function sections(lines: readonly string[]): Block[] {
  return chunkLines(lines, MAX_SECTION_TEXT).map((chunk) => section(chunk.join('\n')));
}

function chunkLines(lines: readonly string[], max: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of lines) {
    const text = clip(raw, max);
    if (current.length > 0 && size + 1 + text.length > max) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(text);
    size += (current.length > 1 ? 1 : 0) + text.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Assembles a message, keeping it under the block limit with a last line that says what was left out. `fallback`
 * is plain text (escaped here); blocks carry their own, already escaped, mrkdwn.
 */
export function message(fallback: string, blocks: readonly Block[], visibility: SlackMessage['visibility']): SlackMessage {
  const kept = blocks.length <= MAX_BLOCKS ? [...blocks] : [...blocks.slice(0, MAX_BLOCKS - 1), context(`…and ${blocks.length - MAX_BLOCKS + 1} more blocks left out`)];
  return { text: clip(escapeMrkdwn(fallback), MAX_FALLBACK_TEXT), blocks: kept, visibility };
}
