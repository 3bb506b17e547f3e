import { headerProblems, MAX_HEADERS } from './header-rules';

describe('headerProblems', () => {
  it('accepts ordinary headers', () => {
    expect(headerProblems({ Authorization: 'Bearer abc', 'X-Api-Key': 'k\tv' })).toEqual([]);
    expect(headerProblems({})).toEqual([]);
  });

  it.each([
    [null, /headers must be an object/],
    [[], /headers must be an object/],
    ['x', /headers must be an object/],
    [{ 'bad name': 'v' }, /headers: "bad name" is not a valid header name/],
    [{ 'x:y': 'v' }, /not a valid header name/],
    [{ ['x'.repeat(65)]: 'v' }, /not a valid header name/],
    [{ Host: 'evil' }, /headers.Host is reserved/],
    [{ 'content-length': '1' }, /reserved/],
    [{ 'Content-Type': 'text/plain' }, /reserved/],
    [{ 'user-agent': 'x' }, /reserved/],
    [{ 'Webhook-Signature': 'x' }, /reserved/],
    [{ 'transfer-encoding': 'chunked' }, /reserved/],
    [{ 'X-A': 'a\r\nX-B: b' }, /headers.X-A must not contain CR or LF/],
    [{ 'X-A': 'a\nb' }, /CR or LF/],
    [{ 'X-A': 'a\u0000b' }, /printable/],
    [{ 'X-A': 'snow ☃' }, /printable/],
    [{ 'X-A': '' }, /must not be empty/],
    [{ 'X-A': 1 }, /headers.X-A must be a string/],
    [{ 'X-A': null }, /must be a string/],
    [{ 'X-A': 'v'.repeat(2049) }, /at most 2048/],
    [{ 'x-a': '1', 'X-A': '2' }, /more than once/],
    [
      Object.fromEntries(Array.from({ length: MAX_HEADERS + 1 }, (_, i) => [`x-${i}`, 'v'])),
      /at most 20 entries/,
    ],
    [
      Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`x-${i}`, 'v'.repeat(2000)])),
      /at most 8192 characters/,
    ],
  ])('refuses %p', (headers, message) => {
    const problems = headerProblems(headers);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
    expect(problems.every((p) => p.startsWith('headers'))).toBe(true);
  });

  it('lets PATCH remove a header with null', () => {
    expect(headerProblems({ 'X-A': null }, true)).toEqual([]);
  });
});
