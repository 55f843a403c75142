import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface VegaAsset {
  /** The file name a page asks for: `${baseUrl}/${name}`. */
  name: string;
  /** Absolute path of the file to serve or inline. */
  file: string;
}

const require = createRequire(import.meta.url);

/**
 * The browser bundle of a package. The packages export only their entry point, not `build/*.min.js`, so the entry
 * is resolved (it lives in `build/` in each of them) and the bundle is found beside it.
 */
function bundle(packageName: string, fileName: string): VegaAsset {
  const file = path.join(path.dirname(require.resolve(packageName)), fileName);
  // Checked at import: a package upgrade that moves its bundle fails at start, not on the first web report.
  if (!fs.existsSync(file)) throw new Error(`${packageName} has no browser bundle at ${file}`);
  return { name: fileName, file };
}

/**
 * What a web report loads, in load order: Vega, Vega-Lite, vega-embed, then the script that turns each chart into
 * an interactive view. The service serves these at `/reports/assets/<name>`; `--html` inlines them.
 */
export const VEGA_ASSETS: readonly VegaAsset[] = Object.freeze([
  bundle('vega', 'vega.min.js'),
  bundle('vega-lite', 'vega-lite.min.js'),
  bundle('vega-embed', 'vega-embed.min.js'),
  { name: 'embed-charts.js', file: fileURLToPath(new URL('./embedCharts.js', import.meta.url)) },
]);
