import fs from 'node:fs/promises';
import path from 'node:path';
import type http from 'node:http';
import { reportPdfName, type ReportInfo, type ReportRepo } from '../core/reports.ts';
import { minute } from '../render/wording.ts';
import { escapeHtml } from '../templates/escapeHtml.ts';
import { VEGA_ASSETS } from '../templates/vegaAssets.ts';
import { reportCss } from '../templates/reportCss.ts';
import type { HttpRoute } from './httpServer.ts';

const LISTED = 100;
/**
 * The stored web page runs Vega, which compiles its expressions with `new Function`: hence 'unsafe-eval'. Scripts
 * come only from this service, and nothing else loads from anywhere.
 */
const PAGE_POLICY = "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'";

/**
 * `/reports` (an index, or JSON with `?format=json` or `Accept: application/json`), `/reports/:id` (the web page with
 * interactive charts), `/reports/:id.pdf` and `/reports/assets/*` (Vega, Vega-Lite, vega-embed). Files are read from
 * the paths the database recorded inside the data folder; ids are numbers, asset names a fixed list.
 */
export function reportRoutes(reports: ReportRepo, dataDir: string): HttpRoute[] {
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    serve(req, res, reports, dataDir).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `report could not be served: ${(err as Error).message}`);
      else res.destroy();
    });
  };
  return [
    { method: 'GET', path: '/reports', handle },
    { method: 'GET', path: '/reports', prefix: true, handle },
    // Browsers ask for it on every page; a 404 there shows up as a console error beside the charts.
    { method: 'GET', path: '/favicon.ico', handle: (_req, res) => { res.writeHead(204, { 'cache-control': 'public, max-age=86400' }); res.end(); } },
  ];
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, reports: ReportRepo, dataDir: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const rest = url.pathname.replace(/^\/reports\/?/, '');
  if (rest === '') return index(req, res, url, reports);
  if (rest.startsWith('assets/')) return asset(res, rest.slice('assets/'.length));
  const match = /^(\d{1,9})(\.pdf)?$/.exec(rest);
  if (!match) return notFound(res, `no report at ${url.pathname}; reports are /reports/ID and /reports/ID.pdf`);
  const report = await reports.find(Number(match[1]));
  if (!report || report.status !== 'rendered' || !report.pdfPath || !report.htmlPath) {
    return notFound(res, report ? `report ${report.id} is ${report.status}${report.error ? `: ${report.error}` : ''}` : `no report ${match[1]}`);
  }
  const pdf = match[2] === '.pdf';
  const file = path.resolve(dataDir, pdf ? report.pdfPath : report.htmlPath);
  const body = await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!body) return notFound(res, `the files of report ${report.id} are missing from the data folder; render it again with \`tickcast report\``);
  if (pdf) {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length, 'content-disposition': `inline; filename="${reportPdfName(report.reportDate)}"`, 'cache-control': 'private, max-age=3600' });
    res.end(body);
  } else {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=3600' });
    res.end(body);
  }
}

/** The bundles (about 0.8 MB) are read once per process: they change only with an install. */
const assetBodies = new Map<string, Promise<Buffer>>();

async function asset(res: http.ServerResponse, name: string): Promise<void> {
  const found = VEGA_ASSETS.find((a) => a.name === name);
  if (!found) return notFound(res, `no asset ${name}`);
  let reading = assetBodies.get(found.name);
  if (!reading) {
    reading = fs.readFile(found.file);
    assetBodies.set(found.name, reading);
    reading.catch(() => assetBodies.delete(found.name));
  }
  const body = await reading;
  res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'content-length': body.length, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function index(req: http.IncomingMessage, res: http.ServerResponse, url: URL, reports: ReportRepo): Promise<void> {
  const list = await reports.list({ limit: LISTED });
  const wantsJson = url.searchParams.get('format') === 'json' || (req.headers.accept ?? '').includes('application/json');
  if (wantsJson) {
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ reports: list.map((r) => ({ ...r, url: `/reports/${r.id}`, pdfUrl: r.status === 'rendered' ? `/reports/${r.id}.pdf` : null })) }));
    return;
  }
  send(res, 200, 'text/html; charset=utf-8', indexPage(list), { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
}

function indexPage(list: readonly ReportInfo[]): string {
  const rows = list.map((r) => {
    const links = r.status === 'rendered' ? `<a href="/reports/${r.id}">web</a> · <a href="/reports/${r.id}.pdf">PDF</a>` : escapeHtml(r.status);
    return `<tr><td>${r.id}</td><td>${escapeHtml(r.reportDate)}</td><td>${escapeHtml(r.tickers.join(', '))}</td><td class="num">${r.pages ?? ''}</td><td>${escapeHtml(minute(r.createdAt))}</td><td>${links}</td></tr>`;
  });
  const body = list.length === 0
    ? '<p>No reports yet: <code>tickcast report</code> renders one.</p>'
    : `<table><thead><tr><th>#</th><th>report date</th><th>tickers</th><th class="num">pages</th><th>made</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tickcast reports</title><style>${reportCss()}</style></head><body><main class="report"><h1>tickcast reports</h1>${body}</main></body></html>`;
}

function notFound(res: http.ServerResponse, message: string): void {
  send(res, 404, 'text/plain; charset=utf-8', message);
}

function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}
