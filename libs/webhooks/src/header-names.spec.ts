import { HEADER_NAME_TOKEN, isReservedHeader } from './header-names';

describe('header names', () => {
  it.each(['Host', 'content-type', 'WEBHOOK-ID', 'webhook-signature', 'Transfer-Encoding'])(
    'reserves %s',
    (name) => expect(isReservedHeader(name)).toBe(true),
  );

  it.each(['Authorization', 'X-Tenant', 'webhooks'])('leaves %s to the user', (name) =>
    expect(isReservedHeader(name)).toBe(false),
  );

  it('accepts only RFC 9110 tokens as names', () => {
    expect(HEADER_NAME_TOKEN.test('X-Api-Key')).toBe(true);
    expect(HEADER_NAME_TOKEN.test('X Api')).toBe(false);
    expect(HEADER_NAME_TOKEN.test('X:A')).toBe(false);
  });
});
