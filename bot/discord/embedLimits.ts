import type { APIEmbed, APIEmbedField } from 'discord.js';

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Title, description, field names and values, footer and author together, over all embeds of a message. */
  total: 6000,
} as const;

/** `text` cut to `max` characters, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * As many whole lines as fit in `max` characters, joined by newlines; when some are left out, a last line says how
 * many. `prefix` and `suffix` (a code fence) are counted in.
 */
export function linesWithin(lines: readonly string[], max: number, wrap: { prefix?: string; suffix?: string } = {}): string {
  const prefix = wrap.prefix ?? '';
  const suffix = wrap.suffix ?? '';
  const kept: string[] = [];
  let used = prefix.length + suffix.length;
  for (const [index, raw] of lines.entries()) {
    const line = truncate(raw, max - prefix.length - suffix.length - 30);
    const left = lines.length - index - 1;
    const moreNote = left > 0 ? `\n… and ${left} more`.length : 0;
    if (used + line.length + 1 + moreNote > max) {
      return `${prefix}${kept.join('\n')}${suffix}\n… and ${lines.length - index} more`;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return `${prefix}${kept.join('\n')}${suffix}`;
}

export function field(name: string, value: string, inline = false): APIEmbedField {
  return { name: truncate(name || '\u200b', EMBED_LIMITS.fieldName), value: truncate(value || '\u200b', EMBED_LIMITS.fieldValue), inline };
}

function sizeOf(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/**
 * The embed within every per-part limit, and within `budget` characters in all: fields are dropped from the end
 * first (the renderers put the least important last), then the description is cut.
 */
export function fitEmbed(embed: APIEmbed, budget: number = EMBED_LIMITS.total): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, EMBED_LIMITS.title);
  if (fitted.description !== undefined) fitted.description = truncate(fitted.description, EMBED_LIMITS.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, EMBED_LIMITS.footer) };
  if (fitted.author) fitted.author = { ...fitted.author, name: truncate(fitted.author.name, EMBED_LIMITS.author) };
  if (fitted.fields) fitted.fields = fitted.fields.slice(0, EMBED_LIMITS.fields).map((f) => field(f.name, f.value, f.inline));
  while (sizeOf(fitted) > budget && fitted.fields && fitted.fields.length > 0) fitted.fields = fitted.fields.slice(0, -1);
  const over = sizeOf(fitted) - budget;
  if (over > 0 && fitted.description) fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - over));
  return fitted;
}

/** The total Discord counts for a message's embeds. */
export function embedsSize(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, e) => sum + sizeOf(e), 0);
}
