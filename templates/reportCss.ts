import fs from 'node:fs';

let css: string | null = null;

/** The report stylesheet, read once from templates/report.css: kept as CSS so it can be edited and linted as CSS. */
export function reportCss(): string {
  css ??= fs.readFileSync(new URL('./report.css', import.meta.url), 'utf8');
  return css;
}
