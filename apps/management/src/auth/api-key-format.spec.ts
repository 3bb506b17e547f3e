import {
  bearerToken,
  constantTimeEquals,
  generateApiKey,
  hashApiKey,
  keyPrefixOf,
} from './api-key-format';

describe('API key format', () => {
  it('generates whk_ keys of 32 random bytes', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^whk_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(key);
    expect(keyPrefixOf(key)).toBe(key.slice(0, 10));
  });

  it('hashes with SHA-256', () => {
    expect(hashApiKey('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('compares in constant time, whatever the lengths', () => {
    expect(constantTimeEquals('same-token', 'same-token')).toBe(true);
    expect(constantTimeEquals('same-token', 'other')).toBe(false);
    expect(constantTimeEquals('', 'x')).toBe(false);
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer   abc  ', 'abc'],
    ['Basic abc', null],
    ['Bearer', null],
    ['Bearer a b', null],
    [undefined, null],
    [['Bearer a'], null],
  ])('reads %p', (header, token) => expect(bearerToken(header)).toBe(token));
});
