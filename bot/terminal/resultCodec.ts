import type { CommandResult } from '../results.ts';

/**
 * Command results over the wire between `tickcast chat` and a running service: JSON, with Dates and byte arrays
 * tagged so they come back as what they were (a chart is drawn and a PDF written on the terminal's side).
 */
export function encodeResult(result: CommandResult): string {
  return JSON.stringify(result, function tag(this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString('base64') };
    return value;
  });
}

export function decodeResult(text: string): CommandResult {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { $date?: unknown; $bytes?: unknown };
      if (typeof tagged.$date === 'string' && Object.keys(value).length === 1) return new Date(tagged.$date);
      if (typeof tagged.$bytes === 'string' && Object.keys(value).length === 1) return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
    }
    return value;
  }) as CommandResult;
}
