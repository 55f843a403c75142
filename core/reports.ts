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

export interface ReportRepo {
  /** The newest report that rendered to PDF, optionally one covering `ticker`. */
  latest(query?: { ticker?: string }): Promise<ReportInfo | null>;
}
