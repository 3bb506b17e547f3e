import { maskValue } from './mask';

describe('maskValue', () => {
  it('keeps the first and last four characters of long values', () => {
    expect(maskValue('Bearer abcdefgh1234')).toBe('Bear…1234');
  });

  it('hides short values entirely', () => {
    expect(maskValue('')).toBe('••••');
    expect(maskValue('secret')).toBe('••••');
    expect(maskValue('12345678901')).toBe('••••');
  });

  it('never cuts a character in half', () => {
    expect(maskValue('🔑🔑🔑🔑-middle-🔒🔒🔒🔒')).toBe('🔑🔑🔑🔑…🔒🔒🔒🔒');
  });
});
