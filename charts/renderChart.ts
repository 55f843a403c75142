import fs from 'node:fs';
import path from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './chartStyle.ts';
import { useChartTextMetrics } from './textWidth.ts';

/** Where Debian's fonts-dejavu-core puts the chart font (CI installs that package). */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

export interface PngOptions {
  /** Pixels per logical pixel; 2 (the default) keeps text sharp on high-density screens and in chat previews. */
  scale?: number;
}

/**
 * Vega-Lite → Vega → SVG, headless: no canvas, no DOM, no network. Vega logs a failed load or expression and
 * draws on without it; here that rejects instead, so a chart missing a layer is never sent.
 */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  useChartTextMetrics();
  const problems: string[] = [];
  // Compile warnings are design-time news: the specs' tests check that they compile without any.
  const { spec: vegaSpec } = vl.compile(spec, { logger: vega.logger(vega.Error) });
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', loader: offlineLoader(problems), logger: errorCollector(problems) });
  try {
    const svg = await view.toSVG();
    if (problems.length > 0) throw new Error(`chart did not render: ${problems.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}

/** SVG → PNG on the calling thread. On a server prefer `chartPngAsync`, which keeps the event loop free. */
export function chartPng(svg: string, options: PngOptions = {}): Uint8Array {
  return new Resvg(svg, resvgOptions(options.scale)).render().asPng();
}

/** SVG → PNG on libuv's thread pool, so a request handler keeps acknowledging while a chart renders. */
export async function chartPngAsync(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  return (await renderAsync(svg, resvgOptions(options.scale))).asPng();
}

/**
 * Charts draw inline `values` only. A loader that refuses every URL makes that a guarantee: a spec that names a
 * data URL or an image fails instead of reaching the network from a chat handler.
 */
function offlineLoader(problems: string[]): vega.Loader {
  const refuse = (uri: string) => {
    const message = `charts load no external resources (asked for ${uri})`;
    problems.push(message);
    return Promise.reject(new Error(message));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

function errorCollector(problems: string[]): vega.LoggerInterface {
  const logger = vega.logger(vega.Error);
  logger.error = (...args: readonly unknown[]) => {
    problems.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    return logger;
  };
  return logger;
}

/**
 * The DejaVu files, when installed. Loading just these skips resvg's scan of every system font on each render;
 * without them resvg loads the system fonts, so text still draws in whatever sans-serif the machine has.
 */
const dejavuFiles = DEJAVU_FILES.map((name) => path.join(DEJAVU_DIR, name)).filter((file) => fs.existsSync(file));

export function chartFontFiles(): readonly string[] {
  return dejavuFiles;
}

function resvgOptions(scale = 2): ResvgRenderOptions {
  if (!(scale > 0 && scale <= 8)) throw new RangeError(`chart scale ${scale} is outside (0, 8]`);
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: dejavuFiles.length === 0, fontFiles: dejavuFiles, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    logLevel: 'off',
  };
}
