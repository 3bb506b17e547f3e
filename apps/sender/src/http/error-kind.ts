import type { ErrorKind } from '@app/contracts';
import { BLOCKED_ADDRESS } from './safe-lookup';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
]);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

export interface ClassifiedError {
  kind: ErrorKind;
  /** A short description for the delivery log: a code and class, never the URL. */
  message: string;
}

function chain(error: unknown): Array<{ code?: string; name?: string; message?: string }> {
  const links: Array<{ code?: string; name?: string; message?: string }> = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    links.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return links;
}

/** Maps a transport error (undici, net, tls, dns, our lookup) to the log's error kinds. */
export function classifyError(error: unknown, deadlinePassed: boolean): ClassifiedError {
  const links = chain(error);
  const codes = links.map((l) => (typeof l.code === 'string' ? l.code : '')).filter(Boolean);
  const code = codes.find((c) => c !== 'UND_ERR_SOCKET') ?? codes[0] ?? '';
  const names = links.map((l) => l.name ?? '');
  const describe = (text: string) => (code ? `${text} (${code})` : text);

  if (codes.includes(BLOCKED_ADDRESS)) {
    const message = links.find((l) => l.code === BLOCKED_ADDRESS)?.message ?? 'target refused';
    return { kind: 'blocked_address', message };
  }
  if (codes.some((c) => DNS_CODES.has(c)))
    return { kind: 'dns', message: describe('host name did not resolve') };
  if (
    deadlinePassed ||
    codes.some((c) => TIMEOUT_CODES.has(c)) ||
    names.includes('TimeoutError') ||
    names.includes('AbortError')
  )
    return { kind: 'timeout', message: describe('no response within the timeout') };
  if (
    codes.some((c) => TLS_CODES.has(c) || c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL')) ||
    links.some((l) => /\b(SSL|TLS)\b|certificate/i.test(l.message ?? ''))
  )
    return { kind: 'tls', message: describe('TLS handshake failed') };
  return { kind: 'connection', message: describe('connection failed') };
}
