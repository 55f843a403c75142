import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../templates/escapeHtml.ts';
import { renderInline, renderMarkdown } from '../../templates/markdown.ts';

/** The only tags the subset may produce; anything else left after removing them is an escape failure. */
const OWN_TAGS = /<\/?(?:p|ul|li|h[3-6]|strong|em|code)>/g;

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});

describe('renderMarkdown', () => {
  it('escapes script tags and event-handler markup instead of passing them through', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).toBe('<p>Hello &lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('keeps markup inside emphasis, code and headings escaped too', () => {
    const html = renderMarkdown('# <b>Title</b>\n\n**<i>bold</i>** *<u>it</u>* `<script>`');
    expect(html).toBe('<h3>&lt;b&gt;Title&lt;/b&gt;</h3>\n<p><strong>&lt;i&gt;bold&lt;/i&gt;</strong> <em>&lt;u&gt;it&lt;/u&gt;</em> <code>&lt;script&gt;</code></p>');
  });

  it('renders paragraphs, lists and three heading levels under the section heading', () => {
    const text = '# One\n## Two\n### Three\nFirst line\nsame paragraph.\n\n- a\n- **b**\n\nAfter.';
    expect(renderMarkdown(text)).toBe(
      ['<h3>One</h3>', '<h4>Two</h4>', '<h5>Three</h5>', '<p>First line same paragraph.</p>', '<ul><li>a</li><li><strong>b</strong></li></ul>', '<p>After.</p>'].join('\n'),
    );
    expect(renderMarkdown('# Top', { headingLevel: 2 })).toBe('<h2>Top</h2>');
  });

  it('starts a list right under a paragraph line', () => {
    expect(renderMarkdown('Figures:\n- one\n- two')).toBe('<p>Figures:</p>\n<ul><li>one</li><li>two</li></ul>');
  });

  it('leaves a lone asterisk, a product and asterisks inside code alone', () => {
    expect(renderInline('2*3*4 and a * b')).toBe('2*3*4 and a * b');
    expect(renderInline('`a*b*c` then *x*')).toBe('<code>a*b*c</code> then <em>x</em>');
    expect(renderInline('`**not bold**`')).toBe('<code>**not bold**</code>');
  });

  it('never emits a tag of its own making from arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', '*', '`', '#', '-', ' ', '\n', 'a', 'script', 'img', '=', '/') }), (text) => {
        expect(renderMarkdown(text).replace(OWN_TAGS, '')).not.toMatch(/[<>"']/);
      }),
    );
  });
});
