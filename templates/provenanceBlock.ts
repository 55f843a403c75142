import type { Provenance } from '../core/reports.ts';
import { plural } from '../render/wording.ts';
import { escapeHtml } from './escapeHtml.ts';
import { readableInstant } from './readableInstant.ts';

/** Checksums are shown by prefix: enough to match a snapshot by eye, short enough for a table. */
const CHECKSUM_CHARS = 12;

/** The end of a report: where every number came from, so a reader (or an auditor) can trace it back. */
export function provenanceBlock(provenance: Provenance): string {
  const snapshot = provenance.dataSnapshot
    .map((row) => {
      const checksum = row.checksum ? `<code>${escapeHtml(row.checksum.slice(0, CHECKSUM_CHARS))}</code>` : 'n/a';
      return `<tr><td>${escapeHtml(row.ticker)}</td><td class="align-right">${row.runId ?? 'n/a'}</td><td>${checksum}</td><td>${escapeHtml(row.lastBar ?? 'n/a')}</td></tr>`;
    })
    .join('');
  const models = provenance.modelVersions
    .map((model) => `<tr><td><code>${escapeHtml(model.version)}</code></td><td>${escapeHtml(model.trainedThrough ?? '—')}</td></tr>`)
    .join('');
  return [
    '<section class="provenance" id="provenance">',
    '<h2>Data and provenance</h2>',
    '<table><caption>Data snapshot</caption>',
    '<thead><tr><th class="align-left">Ticker</th><th class="align-right">Ingestion run</th><th class="align-left">Checksum</th><th class="align-left">Last bar</th></tr></thead>',
    `<tbody>${snapshot}</tbody></table>`,
    '<table><caption>Models</caption>',
    '<thead><tr><th class="align-left">Version</th><th class="align-left">Trained through</th></tr></thead>',
    `<tbody>${models}</tbody></table>`,
    '<dl>',
    `<dt>Narrative</dt><dd>${escapeHtml(narrativeSource(provenance.narrative))}</dd>`,
    `<dt>Code version</dt><dd><code>${escapeHtml(provenance.codeVersion)}</code></dd>`,
    `<dt>Generated</dt><dd>${escapeHtml(readableInstant(provenance.generatedAt))}</dd>`,
    '</dl>',
    '</section>',
  ].join('\n');
}

/** Who wrote the narrative, and what was done to keep its numbers honest. */
export function narrativeSource(narrative: Provenance['narrative']): string {
  if (narrative.source === 'llm') {
    const model = narrative.model ? ` (${narrative.model})` : '';
    const dropped = narrative.droppedSentences > 0 ? `; ${plural(narrative.droppedSentences, 'sentence')} citing figures not in the data dropped` : '; no sentence dropped';
    return `written by a language model${model}, every number checked against the report's figures${dropped}`;
  }
  const reason = narrative.fallbackReason ? ` (language model not used: ${narrative.fallbackReason})` : '';
  return `written from the report's figures by tickcast's template${reason}`;
}

/** One line for the PDF footer, short enough for A4: code, data, how many models, time; the block has the rest. */
export function provenanceLine(provenance: Provenance): string {
  const lastBars = provenance.dataSnapshot.map((row) => row.lastBar).filter((bar): bar is string => bar !== null).sort();
  const data = lastBars.length > 0 ? `data to ${lastBars[lastBars.length - 1]}` : 'no data';
  const models = plural(provenance.modelVersions.length, 'model');
  return `tickcast ${provenance.codeVersion} · ${data} · ${models} · generated ${readableInstant(provenance.generatedAt)}`;
}
