import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countPdfPages } from '../../../reports/pdf/countPdfPages.ts';

const bytes = (text: string | Buffer) => new Uint8Array(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'));

/** A page tree of three pages in two levels, as plain objects (a content stream with stray bytes in between). */
const PLAIN = [
  '%PDF-1.4',
  '1 0 obj <</Type /Catalog /Pages 2 0 R /Outlines 9 0 R>> endobj',
  '2 0 obj <</Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /Resources <</Font <</F1 8 0 R>> >> >> endobj',
  '3 0 obj <</Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2>> endobj',
  '5 0 obj <</Type /Page /Parent 3 0 R>> endobj',
  '7 0 obj <</Length 30>> stream\n/Type /Pages /Count 99 <<>> x\nendstream endobj',
  '9 0 obj <</Type /Outlines /Count 12>> endobj',
].join('\n');

/** The same tree packed in a Flate-compressed object stream, the way PDF 1.5 writers store it. */
function packed(): Buffer {
  const objects = ['<</Type /Pages /Kids [3 0 R] /Count 4>>', '<</Type /Pages /Parent 2 0 R /Count 4>>', '<</Type /Outlines /Count 40>>'];
  let offset = 0;
  const header = objects.map((object, i) => {
    const pair = `${i + 2} ${offset}`;
    offset += object.length + 1;
    return pair;
  }).join(' ') + '\n';
  const data = zlib.deflateSync(Buffer.from(header + objects.join('\n'), 'latin1'));
  return Buffer.concat([
    Buffer.from(`%PDF-1.5\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n10 0 obj <</Type /ObjStm /N 3 /First ${header.length} /Filter /FlateDecode /Length ${data.length}>> stream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF', 'latin1'),
  ]);
}

describe('countPdfPages', () => {
  it("reads the root page tree's count, not a subtree's, an outline's or a stream's", () => {
    expect(countPdfPages(bytes(PLAIN))).toBe(3);
  });

  it('reads a page tree packed in a compressed object stream', () => {
    expect(countPdfPages(bytes(packed()))).toBe(4);
  });

  it('is 0 for bytes with no page tree', () => {
    expect(countPdfPages(bytes('not a pdf'))).toBe(0);
    expect(countPdfPages(new Uint8Array(0))).toBe(0);
  });
});
