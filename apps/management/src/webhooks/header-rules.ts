import { HEADER_NAME_TOKEN, isReservedHeader } from '@app/webhooks';

/** Limits on a webhook's custom headers (docs/design.md, "The HTTP callback"). */
export const MAX_HEADERS = 20;
export const MAX_HEADER_NAME_LENGTH = 64;
export const MAX_HEADER_VALUE_LENGTH = 2048;
export const MAX_HEADERS_TOTAL_LENGTH = 8192;

/** What an HTTP client accepts in a field value: HTAB, visible ASCII and space, obs-text. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function quote(text: string): string {
  return JSON.stringify(
    text.length > MAX_HEADER_NAME_LENGTH ? `${text.slice(0, MAX_HEADER_NAME_LENGTH)}…` : text,
  );
}

/** Problems with one header value, as `headers.<name> ...` messages. */
function valueProblems(name: string, value: unknown, allowNull: boolean): string[] {
  const field = `headers.${name}`;
  if (value === null && allowNull) return [];
  if (typeof value !== 'string')
    return [`${field} must be a string${allowNull ? ' or null to remove it' : ''}`];
  if (value.length === 0) return [`${field} must not be empty`];
  if (value.length > MAX_HEADER_VALUE_LENGTH)
    return [`${field} must be at most ${MAX_HEADER_VALUE_LENGTH} characters`];
  if (/[\r\n]/.test(value)) return [`${field} must not contain CR or LF`];
  if (!FIELD_VALUE.test(value))
    return [`${field} may contain only printable characters (no control characters)`];
  return [];
}

/**
 * Every problem with a `headers` object (name → value), each message naming the field.
 * With `allowNull` (PATCH), a null value means "remove this header".
 */
export function headerProblems(headers: unknown, allowNull = false): string[] {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    return ['headers must be an object of header name → value'];
  const entries = Object.entries(headers as Record<string, unknown>);
  if (entries.length > MAX_HEADERS) return [`headers must have at most ${MAX_HEADERS} entries`];
  const problems: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const [name, value] of entries) {
    if (name.length > MAX_HEADER_NAME_LENGTH || !HEADER_NAME_TOKEN.test(name)) {
      problems.push(
        `headers: ${quote(name)} is not a valid header name (1 to ${MAX_HEADER_NAME_LENGTH} token characters)`,
      );
      continue;
    }
    if (isReservedHeader(name)) {
      problems.push(`headers.${name} is reserved and cannot be set`);
      continue;
    }
    const lower = name.toLowerCase();
    if (seen.has(lower)) problems.push(`headers.${name} is given more than once`);
    seen.add(lower);
    problems.push(...valueProblems(name, value, allowNull));
    total += name.length + (typeof value === 'string' ? value.length : 0);
  }
  if (total > MAX_HEADERS_TOTAL_LENGTH)
    problems.push(`headers must be at most ${MAX_HEADERS_TOTAL_LENGTH} characters in all`);
  return problems;
}
