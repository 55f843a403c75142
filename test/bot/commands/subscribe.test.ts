import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBotHarness, type BotHarness } from '../../support/botHarness.ts';
import { expectKind, from } from '../support.ts';

describe('subscribe, unsubscribe, report and price', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await openBotHarness({ tickers: ['AAPL'] });
  });
  afterAll(() => h.close());

  it('subscribes the channel or an address once, and unsubscribes it', async () => {
    expect(expectKind(await h.bot.runText('subscribe', from('slack:U1', { channel: 'C-DESK' })), 'subscription').outcome).toBe('subscribed');
    expect(expectKind(await h.bot.runText('subscribe', from('slack:U2', { channel: 'C-DESK' })), 'subscription').outcome).toBe('already_subscribed');
    expect(expectKind(await h.bot.runText('subscribe Ana@Example.com', from('slack:U1')), 'subscription').target).toEqual({ kind: 'email', target: 'ana@example.com' });
    expect(expectKind(await h.bot.runText('subscribe not-an-address', from('slack:U1')), 'error').message).toMatch(/'not-an-address' is not an email address/);
    const active = await h.app.store.subscriptions.list();
    expect(active.map((s) => `${s.kind}:${s.target}`).sort()).toEqual(['email:ana@example.com', 'slack:C-DESK']);
    expect(expectKind(await h.bot.runText('unsubscribe', from('slack:U1', { channel: 'C-DESK' })), 'subscription').outcome).toBe('unsubscribed');
    expect(expectKind(await h.bot.runText('unsubscribe', from('slack:U1', { channel: 'C-DESK' })), 'subscription').outcome).toBe('not_subscribed');
  });

  it('sends the latest rendered report’s PDF, and says why when there is none', async () => {
    const none = expectKind(await h.bot.runText('report', from('slack:U1')), 'report');
    expect(none.file).toBeNull();
    expect(none.reason).toMatch(/no report has been rendered yet/);

    const pdf = Buffer.from('%PDF-1.7\n% tickcast test report\n%%EOF\n');
    fs.mkdirSync(path.join(h.dataDir, 'reports'), { recursive: true });
    fs.writeFileSync(path.join(h.dataDir, 'reports', 'r1.pdf'), pdf);
    await h.app.database.rows(sql`insert into reports (report_date, title, tickers, status, pdf_path, pages) values ('2026-06-12', 'Daily', '["AAPL"]', 'rendered', 'reports/r1.pdf', 3)`);
    const sent = expectKind(await h.bot.runText('report aapl', from('slack:U1')), 'report');
    expect(sent.file?.name).toBe('tickcast-report-2026-06-12.pdf');
    expect(Buffer.from(sent.file!.bytes)).toEqual(pdf);
    expect(expectKind(await h.bot.runText('report MSFT', from('slack:U1')), 'report').reason).toMatch(/no report covering MSFT/);
  });

  it('reports the last close with its changes and 52-week range from the stored bars', async () => {
    const price = expectKind(await h.bot.runText('price $aapl', from('slack:U1')), 'price');
    const bars = await h.app.store.prices.listBars('AAPL', '1d', { last: 6 });
    expect(price.close).toBe(bars.at(-1)!.close);
    expect(price.change1d).toBeCloseTo(bars.at(-1)!.close / bars.at(-2)!.close - 1, 12);
    expect(price.change5d).toBeCloseTo(bars.at(-1)!.close / bars.at(0)!.close - 1, 12);
    expect(price.high52w).toBeGreaterThanOrEqual(price.close);
    expect(price.qualityNote).toBeNull();
  });
});
