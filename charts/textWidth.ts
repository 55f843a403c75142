import * as vega from 'vega';

/*
 * Advance widths of DejaVu Sans (regular and bold) in thousandths of an em, read from the fonts' hmtx tables for
 * the printable ASCII range 32..126. Headless Vega has no canvas to measure text with and guesses 0.8 em per
 * character, which is a third too wide for this font: legends spread out, and `fit` sizing shrinks the plot.
 */
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
  603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
  634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696,
  696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
  733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
  712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];
/** The non-ASCII characters chart text uses; anything else counts as a wide glyph. */
const OTHER: Record<string, number> = { '·': 318, '–': 500, '—': 1000, '≥': 838, '≤': 838, '…': 1000, '×': 838, '±': 838 };
const UNKNOWN = 700;

/** Width in pixels of `text` set in DejaVu Sans at `fontSize`. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += (code >= 32 && code <= 126 ? table[code - 32] : OTHER[ch]) ?? UNKNOWN;
  }
  return (units * fontSize) / 1000;
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/**
 * Makes Vega lay out text with these widths instead of its estimate — the hook Vega keeps for exactly this (vl-convert
 * uses it too). Process-wide, so any headless Vega view in this process benefits; idempotent.
 */
export function useChartTextMetrics(): void {
  (vega as unknown as { textMetrics: { width: (item: TextItem, line?: unknown) => number } }).textMetrics.width = (item, line) => {
    const text = String(line ?? '').trim();
    const fontSize = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const weight = item.fontWeight;
    const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
    const width = textWidth(text, fontSize, bold);
    // Vega truncates text longer than `limit` to fit it; the drawn width is then at most the limit.
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

/** Greedy word wrap to `maxWidth` pixels in at most `maxLines` lines; a cut last line ends in "…". */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number): string[] {
  const fits = (line: string) => textWidth(line, fontSize) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && !fits(longer)) {
      lines.push(line);
      line = word;
    } else {
      line = longer;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]!} ${lines[maxLines]!}`;
  while (last.length > 1 && !fits(`${last}…`)) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}
