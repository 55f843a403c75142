/** Which side of its column a cell sits on. */
export type Align = 'left' | 'right';

/**
 * A table for a monospace block, one string a line: columns padded to their widest cell and two spaces apart. By
 * default the first column (a label or a date) sits left and the rest, figures, right.
 */
export function textTable(headings: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string[] {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const side = (i: number): Align => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const line = (cells: readonly string[]) =>
    headings
      .map((_, i) => (side(i) === 'left' ? (cells[i] ?? '').padEnd(widths[i]!) : (cells[i] ?? '').padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headings), ...rows.map(line)];
}
