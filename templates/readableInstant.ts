import { minute } from '../render/wording.ts';

/** An ISO instant as reports show it, `2025-03-17 06:05 UTC`; text that is not a date is shown as given. */
export function readableInstant(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? minute(new Date(time)) : iso;
}
