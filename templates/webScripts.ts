import fs from 'node:fs';
import { escapeHtml } from './escapeHtml.ts';
import { VEGA_ASSETS } from './vegaAssets.ts';

/** Where a web report's scripts come from: inlined (a self-contained file) or served under `baseUrl`. */
export type WebScripts = 'inline' | { baseUrl: string };

const inlined = new Map<string, string>();

/** The `<script>` elements of a web report, in load order. */
export function webScripts(scripts: WebScripts): string {
  if (scripts === 'inline') return VEGA_ASSETS.map((asset) => `<script>${inlineSource(asset.file)}</script>`).join('\n');
  const base = scripts.baseUrl.replace(/\/+$/, '');
  return VEGA_ASSETS.map((asset) => `<script src="${escapeHtml(`${base}/${asset.name}`)}"></script>`).join('\n');
}

/**
 * A bundle's text, read once per process (about 0.8 MB in all). `</script` would end the element early; `<\/` means
 * the same to JavaScript inside strings, regular expressions and comments, where such text can occur.
 */
function inlineSource(file: string): string {
  let source = inlined.get(file);
  if (source === undefined) {
    source = fs.readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
    inlined.set(file, source);
  }
  return source;
}
