import { classifyError } from './error-kind';
import { BlockedAddressError } from './safe-lookup';

const err = (code: string, message = 'x', cause?: unknown) =>
  Object.assign(new Error(message), { code, cause });

describe('classifyError', () => {
  it.each([
    [err('ECONNREFUSED'), 'connection'],
    [err('ECONNRESET'), 'connection'],
    [err('UND_ERR_SOCKET', 'other side closed', err('ECONNRESET')), 'connection'],
    [err('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [err('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [err('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls'],
    [err('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls'],
    [err('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls'],
    [err('ENOTFOUND'), 'dns'],
    [new BlockedAddressError('address 10.0.0.1 is not public (private)'), 'blocked_address'],
  ])('%s → %s', (error, kind) => {
    expect(classifyError(error, false).kind).toBe(kind);
  });

  it('is a timeout when our deadline aborted the request', () => {
    expect(classifyError(new DOMException('aborted', 'AbortError'), true).kind).toBe('timeout');
    expect(classifyError(err('ECONNRESET'), true).kind).toBe('timeout');
  });

  it('never puts the URL in the message', () => {
    expect(
      classifyError(err('ECONNREFUSED', 'connect ECONNREFUSED https://secret.example/x'), false)
        .message,
    ).not.toContain('secret');
  });
});
