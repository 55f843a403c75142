import { describe, expect, it } from 'vitest';
import { MAX_BLOCKS, MAX_SECTION_TEXT, type Block } from '../../../bot/slack/blockKit.ts';
import { renderOutbound, renderResult } from '../../../bot/slack/slackBlocks.ts';
import { blockTexts } from './blockTexts.ts';
import { naiveForecast } from '../../support/samples.ts';
import { ALL_RESULTS, SAMPLE_RESULTS } from '../sampleResults.ts';

function checkLimits(blocks: readonly Block[]): void {
  expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  for (const block of blocks) {
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
  }
}

describe('Slack blocks', () => {
  it('renders every result kind within Slack limits, with a fallback text', () => {
    for (const result of ALL_RESULTS) {
      const message = renderResult(result);
      expect(message.text.length, result.kind).toBeGreaterThan(0);
      expect(message.blocks.length, result.kind).toBeGreaterThan(0);
      checkLimits(message.blocks);
    }
  });

  it('shows a forecast as a header, a table of every session and the skill line', () => {
    const message = renderResult(SAMPLE_RESULTS.forecast);
    expect(message.visibility).toBe('in_channel');
    const texts = blockTexts(message.blocks);
    expect(texts[0]).toBe('AAPL · 5-session forecast');
    const table = texts.find((t) => t.startsWith('```'))!;
    expect(table).toContain('date');
    expect(table).toMatch(/date\s+median\s+change\s+80% interval\s+95% interval/);
    for (const point of SAMPLE_RESULTS.forecast.forecast.points) expect(table).toContain(point.date);
    // 200.30 is +0.4% on 199.50; the interval is p10 – p90 with two decimals.
    expect(table).toMatch(/2026-06-15\s+200\.30\s+\+0\.4%\s+198\.00 – 202\.00\s+196\.00 – 204\.00/);
    expect(texts).toContain(
      'Edge over tomorrow = today: MASE 0.970 (below 1 beats it) · direction 52.3% [49.0%, 55.6%] · 80% interval held 79.7%, 95% held 94.1% · n=250, 2025-06-13..2026-06-12 walk-forward, 1-day',
    );
    expect(texts.some((t) => t.includes('Model `v3`') && t.includes('as of 2026-06-12'))).toBe(true);
  });

  it('says plainly when the model has no edge', () => {
    const forecast = naiveForecast({ edgeReason: 'no trained model yet: the random walk is the answer' });
    const texts = blockTexts(renderResult({ kind: 'forecast', forecast, history: [] }).blocks);
    expect(texts).toContain(':warning: No edge over tomorrow = today lately: showing the random-walk interval. no trained model yet: the random walk is the answer');
    expect(texts.join('\n')).not.toContain('Drivers');
  });

  it('shows errors and help only to the person who asked', () => {
    expect(renderResult(SAMPLE_RESULTS.error).visibility).toBe('ephemeral');
    expect(renderResult(SAMPLE_RESULTS.help).visibility).toBe('ephemeral');
    expect(blockTexts(renderResult(SAMPLE_RESULTS.error).blocks)[0]).toBe(':no_entry: no bars stored for ZZZZ; load them first');
  });

  it('escapes mrkdwn in text that came from users, so it cannot ping a channel', () => {
    const message = renderResult({ kind: 'error', code: 'bad_arguments', message: "'<!channel>' is not a ticker", reference: 'Tr1' });
    const texts = blockTexts(message.blocks);
    expect(texts[0]).toBe(":no_entry: '&lt;!channel&gt;' is not a ticker");
    expect(message.text).not.toContain('<!channel>');
    expect(texts[1]).toContain('Tr1');
  });

  it('keeps long lists under 50 blocks and 3000 characters a section', () => {
    const rules = Array.from({ length: 400 }, (_, i) => ({ ...SAMPLE_RESULTS.alertRemoved.rule, id: i + 1 }));
    const message = renderResult({ kind: 'alertList', channel: { surface: 'slack', channelId: 'C1' }, rules });
    checkLimits(message.blocks);
    expect(blockTexts(message.blocks).join('\n')).toContain('*#400*');
  });

  it('renders outbound alerts and notices', () => {
    const alert = renderOutbound({
      kind: 'alert',
      event: { id: 1, ruleId: 7, ticker: 'TSLA', condition: { kind: 'price_below', level: 200 }, channel: { surface: 'slack', channelId: 'C1' }, asOf: '2026-06-12', value: 198.5, detail: 'closed at 198.50', firedAt: new Date('2026-06-12T21:00:00Z') },
    });
    expect(blockTexts(alert.blocks).join('\n')).toContain('TSLA closes at or below 200.');
    expect(alert.text).toContain('TSLA alert #7');
    const notice = renderOutbound({ kind: 'notice', title: 'Ingest failed', text: 'Yahoo answered 503 <twice>', severity: 'error' });
    expect(blockTexts(notice.blocks).join('\n')).toContain('Yahoo answered 503 &lt;twice&gt;');
  });
});
