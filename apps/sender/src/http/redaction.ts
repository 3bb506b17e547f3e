/** What a secret is replaced with in a response excerpt or an error text. */
export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not treated as secrets: a header value of "1" or "yes" would
 * otherwise erase every such character sequence from an excerpt, and carries nothing to hide.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * The spellings under which a receiver may echo a value it was sent: as is, JSON-escaped
 * (request-bin style receivers answer with the request as JSON; some encoders escape "/"),
 * and percent-encoded (echoed as a query or form value).
 */
function spellings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [value, json, json.replaceAll('/', '\\/'), encodeURIComponent(value)];
}

/**
 * The values of one callback that must never leave the sender in a response excerpt or an
 * error text (docs/design.md, "What never leaves the platform"): custom header values,
 * the signature, the signing secrets, the target URL and its host.
 */
export class Redactor {
  private readonly needles: string[];

  constructor(secrets: Iterable<string>) {
    const unique = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH) continue;
      for (const spelling of spellings(secret)) unique.add(spelling);
    }
    // Longest first, so a value that contains another is replaced whole.
    this.needles = [...unique].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string;
  redact(text: string | null): string | null;
  redact(text: string | null): string | null {
    if (text === null) return null;
    let result = text;
    for (const needle of this.needles)
      if (result.includes(needle)) result = result.split(needle).join(REDACTED);
    return result;
  }
}

/** The first `maxBytes` bytes of `text` as UTF-8, never ending in half a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so the cut falls between characters.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * An upper bound of the longest spelling of a call's sensitive values, in bytes, without
 * building a Redactor (percent-encoding at most triples a value's UTF-8 bytes).
 */
export function spellingBytes({ sensitive }: { sensitive: readonly string[] }): number {
  let longest = 0;
  for (const value of sensitive) longest = Math.max(longest, value.length);
  return longest * 3 * 3;
}
