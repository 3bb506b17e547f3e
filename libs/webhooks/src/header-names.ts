/** RFC 9110 token characters: what a header name may be made of. */
export const HEADER_NAME_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Names the platform sets itself (docs/design.md, "The HTTP callback"), and hop-by-hop or framing
 * headers an HTTP client refuses or that would change how the request is sent.
 */
const RESERVED = new Set([
  'host',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'proxy-connection',
]);

/** True for a name a webhook's custom headers may not set (any case; every `webhook-*`). */
export function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || lower.startsWith('webhook-');
}
