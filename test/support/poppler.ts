import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `pdftotext` of a page range (all pages by default), in reading order with whitespace squeezed. */
export async function pdfText(file: string, pages?: { first: number; last: number }): Promise<string> {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const { stdout } = await run('pdftotext', [...range, '-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

/** `pdfinfo`'s fields, e.g. `Pages`, `Page size`, `Title`. */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file]);
  return Object.fromEntries(stdout.split('\n').flatMap((line) => {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    return match ? [[match[1]!, match[2]!.trim()]] : [];
  }));
}

/** Page `page` as a PNG at `dpi`, written to `<prefix>.png` (`-singlefile` drops the page-number suffix). */
export async function pdfPagePng(file: string, page: number, dpi: number, prefix: string): Promise<string> {
  await run('pdftoppm', ['-png', '-singlefile', '-r', String(dpi), '-f', String(page), '-l', String(page), file, prefix]);
  return `${prefix}.png`;
}
