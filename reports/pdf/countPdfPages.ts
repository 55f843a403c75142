import zlib from 'node:zlib';

/**
 * Pages of a PDF, read from its page tree: the `/Count` of the root `/Type /Pages` object (the largest, since a
 * nested node counts only its own subtree). Chromium's Skia writer keeps its objects in plain text; writers that
 * pack them into Flate-compressed object streams (PDF 1.5) are read too, by inflating those. 0 when no page tree
 * is found. No poppler needed: the service counts pages on machines without it.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const bodies = [...text.matchAll(/\bobj\b([\s\S]*?)\bendobj\b/g)].map((match) => match[1]!);
  let pages = 0;
  for (const body of [...bodies, ...bodies.flatMap(packedObjects)]) {
    // Only the dictionary: a content stream after it may hold any bytes.
    const dictionary = body.split(/\bstream\r?\n/, 1)[0]!;
    if (!/\/Type\s*\/Pages\b/.test(dictionary)) continue;
    const count = /\/Count\s+(\d+)/.exec(dictionary);
    if (count) pages = Math.max(pages, Number(count[1]));
  }
  return pages;
}

/** The objects packed in `body` when it is a Flate-compressed `/Type /ObjStm`, else none. */
function packedObjects(body: string): string[] {
  const head = /^([\s\S]*?)\bstream\r?\n/.exec(body);
  const dictionary = head?.[1] ?? '';
  if (!head || !/\/Type\s*\/ObjStm\b/.test(dictionary) || !/\/FlateDecode\b/.test(dictionary)) return [];
  // An indirect /Length (`12 0 R`) is not followed; `endstream` bounds the data well enough to inflate.
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
  const start = head[0].length;
  const end = length ? start + Number(length[1]) : body.lastIndexOf('endstream');
  const first = Number(/\/First\s+(\d+)/.exec(dictionary)?.[1] ?? NaN);
  let content: string;
  try {
    content = zlib.inflateSync(Buffer.from(body.slice(start, end), 'latin1')).toString('latin1');
  } catch {
    return [];
  }
  if (!Number.isInteger(first)) return [content];
  // The header lists `objectNumber offset` pairs; each object runs from its offset to the next one.
  const offsets = (content.slice(0, first).match(/\d+/g) ?? []).filter((_, i) => i % 2 === 1).map(Number);
  return offsets.map((offset, i) => content.slice(first + offset, first + (offsets[i + 1] ?? content.length - first)));
}
