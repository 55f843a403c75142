import { escapeMrkdwn } from './blockKit.ts';

/** Number wording shared by the Slack renderers. */

const priceFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function price(value: number): string {
  return Number.isFinite(value) ? priceFormat.format(value) : '–';
}

/** A share as a percentage, `0.797` → `79.7%`; null → `n/a`. */
export function percent(share: number | null, digits = 1): string {
  return share === null || !Number.isFinite(share) ? 'n/a' : `${(share * 100).toFixed(digits)}%`;
}

/** A relative change with its sign, `0.012` → `+1.2%`. */
export function signedPercent(change: number | null, digits = 1): string {
  if (change === null || !Number.isFinite(change)) return 'n/a';
  const text = `${(change * 100).toFixed(digits)}%`;
  return change > 0 ? `+${text}` : change < 0 ? text.replace('-', '−') : text;
}

export function ratio(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** `slack:U123` becomes a mention; anyone else is named as is. */
export function who(actorId: string | null): string {
  if (actorId === null) return 'the system';
  const slack = /^slack:([A-Z0-9]+)$/.exec(actorId);
  return slack ? `<@${slack[1]}>` : `\`${escapeMrkdwn(actorId)}\``;
}

export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
