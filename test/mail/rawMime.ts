/**
 * Just enough MIME to read back what the fake SMTP server received (no mail parser is installed): headers unfolded,
 * multipart split on its boundary, base64 and quoted-printable bodies decoded, RFC 2047 header words decoded. The
 * message is handled as latin1 text so every byte maps to one character and back.
 */

export interface MimePart {
  /** Header values by lower-case name, unfolded, in order of appearance. */
  headers: Map<string, string[]>;
  /** `type/subtype`, lower case. */
  mediaType: string;
  /** Content-Type parameters (`boundary`, `charset`, `name`), names lower case, quotes removed. */
  params: Record<string, string>;
  /** The body with its transfer encoding undone (empty for a multipart). */
  body: Buffer;
  parts: MimePart[];
}

export function parseMime(raw: Buffer): MimePart {
  return parsePart(raw.toString('latin1'));
}

/** The first header of that name, RFC 2047 words decoded. */
export function header(part: MimePart, name: string): string | undefined {
  const value = part.headers.get(name.toLowerCase())?.[0];
  return value === undefined ? undefined : decodeWords(value);
}

/** Depth-first: the first part of that media type. */
export function findPart(part: MimePart, mediaType: string): MimePart | undefined {
  if (part.mediaType === mediaType) return part;
  for (const child of part.parts) {
    const found = findPart(child, mediaType);
    if (found) return found;
  }
  return undefined;
}

/** A text part's body as a string (tickcast sends UTF-8). */
export function textOf(part: MimePart): string {
  return part.body.toString('utf8');
}

function parsePart(text: string): MimePart {
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const rest = split ? text.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(head);
  const [mediaType, params] = parseContentType(headers.get('content-type')?.[0] ?? 'text/plain');
  if (mediaType.startsWith('multipart/') && params.boundary) {
    return { headers, mediaType, params, body: Buffer.alloc(0), parts: splitMultipart(rest, params.boundary).map(parsePart) };
  }
  const encoding = (headers.get('content-transfer-encoding')?.[0] ?? '7bit').trim().toLowerCase();
  return { headers, mediaType, params, body: decodeBody(rest, encoding), parts: [] };
}

function parseHeaders(head: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  // Unfolding: a line break followed by white space continues the header above it.
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

function parseContentType(value: string): [string, Record<string, string>] {
  const [type = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const match of rest.join(';').matchAll(/\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]+)/g)) {
    const raw = match[2]!;
    params[match[1]!.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return [type.trim().toLowerCase(), params];
}

/** The parts between `--boundary` lines, up to `--boundary--`; the preamble and epilogue are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const segments = `\r\n${body}`.split(new RegExp(`\\r?\\n--${escapeRegExp(boundary)}`));
  const parts: string[] = [];
  for (const segment of segments.slice(1)) {
    if (segment.startsWith('--')) break;
    // The rest of the boundary line (transport padding) ends at its line break.
    parts.push(segment.slice(segment.search(/\r?\n/) + (segment.includes('\r\n') ? 2 : 1)));
  }
  return parts;
}

function decodeBody(body: string, encoding: string): Buffer {
  if (encoding === 'base64') {
    // Encoded lines are folded at 76 characters: only the alphabet counts.
    return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  }
  if (encoding === 'quoted-printable') {
    const unfolded = body.replace(/=\r?\n/g, '');
    return Buffer.from(unfolded.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  }
  return Buffer.from(body, 'latin1');
}

/** `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words; adjacent words join without the space between them (RFC 2047). */
export function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  return value.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=\s*)+/g, (run) => {
    const bytes = [...run.matchAll(word)].map(([, , kind, text]) =>
      kind!.toUpperCase() === 'B'
        ? Buffer.from(text!, 'base64')
        : Buffer.from(text!.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1'),
    );
    // A run swallowed the space after it; give back any trailing white space.
    return Buffer.concat(bytes).toString('utf8') + (/\s+$/.exec(run)?.[0] ?? '');
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
