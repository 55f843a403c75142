/**
 * The daily report's vocabulary. reports/ builds a `ReportDocument` from the database: facts (the numbers the
 * narrative may cite), an ordered list of notebook cells, and provenance. templates/ renders it to HTML (print and
 * web), reports/ prints that to PDF; the database keeps the metadata, the data folder the files.
 */

/** A column of a table cell; numbers align right. */
export interface TableColumn {
  label: string;
  align?: 'left' | 'right';
}

/** One figure in a row of metric tiles: `Last close 189.98`, with a line under it and a tone for its colour. */
export interface Metric {
  label: string;
  value: string;
  detail?: string;
  tone?: 'up' | 'down' | 'neutral' | 'warn';
}

/**
 * A notebook cell. Text and table values are already worded (render/wording.ts), so every rendering (PDF, web page,
 * email) reads the same. Markdown is the small safe subset templates/markdown.ts renders: paragraphs, `-` lists,
 * `#` headings, `**bold**`, `*italic*`, `` `code` ``; it is escaped, never passed through as HTML.
 */
export type ReportCell =
  | { kind: 'markdown'; text: string }
  /** A Vega-Lite spec with inline data only: an SVG in print, an interactive vega-embed view on the web. */
  | { kind: 'chart'; id: string; title: string; spec: Record<string, unknown>; alt: string }
  | { kind: 'table'; title?: string; columns: TableColumn[]; rows: string[][]; note?: string }
  | { kind: 'metric'; items: Metric[] }
  /** A boxed remark: why a section holds no chart, a warning about the data. */
  | { kind: 'note'; tone: 'info' | 'warn'; text: string };

export interface ReportSection {
  /** Anchor id, e.g. `overview`, `ticker-AAPL`. */
  id: string;
  title: string;
  cells: ReportCell[];
}

/** Why a ticker's section holds no forecast. */
export type TickerStatus = 'ok' | 'no_data' | 'unpublishable' | 'no_forecast';

/**
 * The numbers of one ticker that the narrative may cite, in the units people read: prices in the quote currency
 * (rounded as quoted), changes and coverages in percent with two decimals.
 */
export interface TickerFacts {
  ticker: string;
  status: TickerStatus;
  /** Why the status is not `ok`, in one line. */
  reason: string | null;
  /** The last session with a close, `YYYY-MM-DD`. */
  asOf: string | null;
  lastClose: number | null;
  change1dPct: number | null;
  change5dPct: number | null;
  forecast: {
    horizon: number;
    /** The session the figures are for, `YYYY-MM-DD`. */
    date: string;
    median: number;
    low80: number;
    high80: number;
    medianChangePct: number;
  } | null;
  /** The model version behind the forecast, or `naive`. */
  model: string | null;
  /** Whether the model has shown an edge over tomorrow = today (the forecast shown is then the model's). */
  edge: boolean | null;
  mase: number | null;
  coverage80Pct: number | null;
  /** The worst input drift level of the latest forecast: `stable`, `watch` or `drift`. */
  drift: string | null;
  /** Alerts fired for this ticker since the previous report. */
  alertsFired: number;
}

export interface RegistryChange {
  alias: string;
  fromVersion: string | null;
  toVersion: string;
  reason: string;
  at: string;
  by: string | null;
}

/** Everything the narrative may say, and nothing else: the LLM receives this as JSON. */
export interface ReportFacts {
  reportDate: string;
  tickers: TickerFacts[];
  alertsFired: number;
  registryChanges: RegistryChange[];
  champion: string | null;
}

export interface Narrative {
  /** `llm`: written by the configured model and number-checked; `template`: written from the facts by code. */
  source: 'llm' | 'template';
  /** The LLM model name when `source` is `llm`. */
  model: string | null;
  /** Short paragraphs of plain text (markdown emphasis allowed). */
  paragraphs: string[];
  /** Sentences the LLM wrote that cited a number not in the facts, and were dropped. */
  droppedSentences: number;
  /** Why the template was used instead of the LLM (no key, timeout, garbage…); null otherwise. */
  fallbackReason: string | null;
}

/** Where every number in a report came from. */
export interface Provenance {
  generatedAt: string;
  codeVersion: string;
  /** Per ticker: the ingestion run and checksum of the bars the report read, and the last bar it used. */
  dataSnapshot: { ticker: string; runId: number | null; checksum: string | null; lastBar: string | null }[];
  /** The model versions behind the forecasts (naive appears as `naive`). */
  modelVersions: { version: string; trainedThrough: string | null }[];
  narrative: { source: Narrative['source']; model: string | null; droppedSentences: number; fallbackReason: string | null };
}

export interface ReportDocument {
  title: string;
  reportDate: string;
  tickers: string[];
  facts: ReportFacts;
  narrative: Narrative;
  /** The overview's watchlist, also what deliveries carry. */
  watchlist: WatchlistLine[];
  sections: ReportSection[];
  provenance: Provenance;
}

/** The watchlist as every rendering words it: the overview table, the email body, the chat summaries. */
export interface WatchlistLine {
  ticker: string;
  lastClose: string;
  asOf: string;
  change1d: string;
  change5d: string;
  /** The forecast median at the horizon with its change, e.g. `192.40 (+1.3%)`. */
  forecast: string;
  interval80: string;
  /** Whether to trust it: `edge, model v3`, `no edge: random-walk interval`, `no data`, … */
  trust: string;
}

/** The name a report's PDF goes by wherever it is stored, attached or uploaded. */
export function reportPdfName(reportDate: string): string {
  return `tickcast-report-${reportDate.replace(/[^0-9A-Za-z-]/g, '-')}.pdf`;
}

/** What a report delivery (email or chat upload) carries: enough to write the message without the database. */
export interface ReportDelivery {
  reportId: number;
  reportDate: string;
  title: string;
  tickers: string[];
  /** The PDF, relative to the data folder. */
  pdfPath: string;
  /** The narrative's paragraphs, for the message body. */
  summary: string[];
  /** The watchlist as the report's overview words it. */
  watchlist: WatchlistLine[];
}

/** `rendering` while it is being made, `rendered` once its files are written, `failed` otherwise. */
export const REPORT_STATES = ['rendering', 'rendered', 'failed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Rendered reports as the database records them; the files live in the data folder. */
export interface ReportInfo {
  id: number;
  reportDate: string;
  title: string;
  tickers: string[];
  status: string;
  htmlPath: string | null;
  pdfPath: string | null;
  pages: number | null;
  createdAt: Date;
}

/** A report with everything recorded about it. */
export interface ReportRecord extends ReportInfo {
  pdfSha256: string | null;
  narrativeSource: string | null;
  provenance: Provenance | null;
  facts: ReportFacts | null;
  deliveriesQueuedAt: Date | null;
  error: string | null;
}

/** What a finished render records; paths are relative to the data folder. */
export interface RenderedFiles {
  htmlPath: string;
  pdfPath: string;
  pdfSha256: string;
  pages: number;
  provenance: Provenance;
  facts: ReportFacts;
  /** The champion's id when the report was made, null when the forecasts were the random walk's. */
  modelVersionId: number | null;
}

export interface ReportRepo {
  /** Records a report being made (status `rendering`) and returns its id, which names its files. */
  begin(report: { reportDate: string; title: string; tickers: string[] }): Promise<number>;
  /** Marks a report rendered with its files; only a report still `rendering` can be completed. */
  complete(id: number, files: RenderedFiles): Promise<void>;
  /** Marks a report that is still `rendering` failed, keeping the reason. */
  fail(id: number, error: string): Promise<void>;
  /** Marks reports left `rendering` by a process that died (begun before `before`) failed; returns their ids. */
  failStale(before: Date): Promise<number[]>;
  /** Marks that deliveries to subscribers were enqueued; false when they already had been (deliveries go out once). */
  markDeliveriesQueued(id: number, at: Date): Promise<boolean>;
  find(id: number): Promise<ReportRecord | null>;
  /** Reports newest first, whatever their status. */
  list(query?: { limit?: number }): Promise<ReportInfo[]>;
  /** The newest report that rendered to PDF, optionally one covering `ticker`. */
  latest(query?: { ticker?: string }): Promise<ReportInfo | null>;
}
