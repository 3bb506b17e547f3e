import { REDACTED, Redactor, spellingBytes, truncateUtf8 } from './redaction';

describe('Redactor', () => {
  const token = 'Bearer s3cr3t/t0ken+value';

  it('replaces a value as sent, JSON-escaped and percent-encoded', () => {
    const redactor = new Redactor([token]);
    const echoed = [
      `authorization: ${token}`,
      JSON.stringify({ authorization: token }),
      `{"authorization":"${token.replaceAll('/', '\\/')}"}`,
      `?auth=${encodeURIComponent(token)}`,
    ].join('\n');
    const redacted = redactor.redact(echoed);
    expect(redacted).not.toContain('s3cr3t');
    expect(redacted.split(REDACTED)).toHaveLength(5);
  });

  it('replaces the longer of two overlapping values whole', () => {
    const redactor = new Redactor(['abcd', 'abcdefgh']);
    expect(redactor.redact('x abcdefgh y abcd')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('leaves values too short to be secrets, and text without secrets, untouched', () => {
    const redactor = new Redactor(['yes', 'topsecret']);
    expect(redactor.redact('yes, all fine')).toBe('yes, all fine');
    expect(redactor.redact(null)).toBeNull();
  });

  it('bounds how far past a limit to read to see the longest spelling whole', () => {
    expect(spellingBytes({ sensitive: [] })).toBe(0);
    const value = 'é/ü a';
    expect(spellingBytes({ sensitive: ['abcd', value] })).toBeGreaterThanOrEqual(
      Buffer.byteLength(encodeURIComponent(value)),
    );
  });
});

describe('truncateUtf8', () => {
  it('cuts at a byte limit without splitting a character', () => {
    expect(truncateUtf8('abc', 10)).toBe('abc');
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(Buffer.byteLength(truncateUtf8('é'.repeat(10), 5))).toBe(4);
  });
});
