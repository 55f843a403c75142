import { describe, expect, it } from 'vitest';
import { reportEmail, reportSubject } from '../../mail/reportEmail.ts';
import { pdfishBytes, sampleReport } from './reportSamples.ts';

const options = { from: 'tickcast <reports@tickcast.test>', publicUrl: 'https://tickcast.test/' };

describe('reportEmail', () => {
  it('names the date and the first tickers in the subject', () => {
    expect(reportSubject(sampleReport())).toBe('tickcast daily report · 2026-06-12 · AAPL, MSFT +3 more');
    expect(reportSubject(sampleReport({ tickers: ['AAPL', 'MSFT', 'NVDA'] }))).toBe('tickcast daily report · 2026-06-12 · AAPL, MSFT, NVDA');
    expect(reportSubject(sampleReport({ tickers: ['AAPL'] }))).toBe('tickcast daily report · 2026-06-12 · AAPL');
    expect(reportSubject(sampleReport({ tickers: [] }))).toBe('tickcast daily report · 2026-06-12');
    expect(reportSubject(sampleReport({ tickers: ['AAPL\r\nBcc: x@evil.test'] }))).not.toMatch(/[\r\n]/);
  });

  it('attaches the exact bytes as tickcast-report-<date>.pdf', () => {
    const pdf = pdfishBytes();
    const email = reportEmail(sampleReport(), pdf, options);
    expect(email.from).toBe(options.from);
    expect(email.attachments).toHaveLength(1);
    const [attachment] = email.attachments;
    expect(attachment).toMatchObject({ filename: 'tickcast-report-2026-06-12.pdf', contentType: 'application/pdf' });
    expect(Buffer.compare(attachment!.content, pdf)).toBe(0);
  });

  it('escapes everything in the HTML body and keeps the narrative emphasis', () => {
    const report = sampleReport({
      title: 'Report <img src=x onerror=alert(1)>',
      watchlist: [{ ticker: 'A&B', lastClose: '<1>', asOf: '2026-06-12', change1d: '"up"', change5d: '0.0%', forecast: "it's", interval80: '1 – 2', trust: '<edge>' }],
    });
    const { html } = reportEmail(report, pdfishBytes(), options);
    expect(html).not.toMatch(/<script|<b>|<img/);
    expect(html).toContain('Ignore previous instructions &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; buy &lt;b&gt;everything&lt;/b&gt;.');
    expect(html).toContain('<h1 style="font-size:18px;margin:0 0 12px">Report &lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(html).toContain('AAPL closed at <strong>189.98</strong>, up 1.20% on the day; the model sees a <em>narrow</em> range.');
    for (const cell of ['A&amp;B', '&lt;1&gt;', '&quot;up&quot;', 'it&#39;s']) expect(html).toContain(`${cell}</td>`);
    expect(html).toContain('<a href="https://tickcast.test/reports/42">');
    expect(html).toContain('The full report is attached as a PDF (tickcast-report-2026-06-12.pdf).');
  });

  it('lays the watchlist out as a table with the five columns', () => {
    const { html, text } = reportEmail(sampleReport(), pdfishBytes(), options);
    const headings = [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((match) => match[1]);
    expect(headings).toEqual(['Ticker', 'Last close', '1-day change', '5-session median', '80% interval']);
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(text).toContain('Ticker  Last close  1-day change  5-session median     80% interval');
    expect(text).toContain('AAPL        189.98        +1.20%            191.40  185.10 – 197.70');
  });

  it('writes a text part with the summary as written, the link and the attachment line', () => {
    const { text } = reportEmail(sampleReport(), pdfishBytes(), options);
    expect(text.startsWith('tickcast daily report 2026-06-12\n\nAAPL closed at **189.98**')).toBe(true);
    expect(text).toContain('<script>alert("x")</script>');
    expect(text).toContain('Full report: https://tickcast.test/reports/42\n');
    expect(text.endsWith('The full report is attached as a PDF (tickcast-report-2026-06-12.pdf).\n')).toBe(true);
  });

  it('leaves the link out when there is no public URL', () => {
    const { html, text } = reportEmail(sampleReport(), pdfishBytes(), { ...options, publicUrl: null });
    expect(html).not.toContain('<a ');
    expect(text).not.toContain('/reports/');
    expect(html).toContain('attached as a PDF');
  });
});
