import { escapeHtml } from './escapeHtml.ts';

export interface MarkdownOptions {
  /** The HTML level `#` maps to, so a cell's headings nest under the section's `<h2>` (default 3). */
  headingLevel?: number;
}

/**
 * The small markdown subset report text uses: paragraphs (blank-line separated), `-` lists, `#`/`##`/`###`
 * headings, `**bold**`, `*italic*`, `` `code` ``. Text is escaped before any tag is added and nothing else is
 * recognised (no links, images or raw HTML), so an LLM's narrative cannot put markup or a URL into a report.
 */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): string {
  const base = options.headingLevel ?? 3;
  return blocks(text)
    .map((lines) => {
      const heading = /^(#{1,3})\s+(.*)$/.exec(lines[0] ?? '');
      if (heading && lines.length === 1) {
        const level = Math.min(6, base + heading[1]!.length - 1);
        return `<h${level}>${renderInline(heading[2]!)}</h${level}>`;
      }
      if (lines.every((line) => LIST_ITEM.test(line))) {
        return `<ul>${lines.map((line) => `<li>${renderInline(line.replace(LIST_ITEM, ''))}</li>`).join('')}</ul>`;
      }
      return `<p>${renderInline(lines.join(' '))}</p>`;
    })
    .join('\n');
}

const LIST_ITEM = /^-\s+/;

/** Lines grouped into blocks: a blank line ends one, and a heading line is a block of its own. */
function blocks(text: string): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) result.push(current);
    current = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else if (/^#{1,3}\s/.test(line)) {
      flush();
      result.push([line]);
    } else if (current.length > 0 && LIST_ITEM.test(line) !== LIST_ITEM.test(current[0]!)) {
      // A list right under a paragraph line (no blank between) still starts a list, and the reverse.
      flush();
      current.push(line);
    } else {
      current.push(line);
    }
  }
  flush();
  return result;
}

/**
 * One line of inline markup. Code spans are cut out first so that `*` inside them stays literal; everything is
 * escaped, and only then wrapped in the few tags this subset knows.
 */
export function renderInline(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : emphasis(escapeHtml(part))))
    .join('');
}

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![*\w])/g, '$1<em>$2</em>');
}
