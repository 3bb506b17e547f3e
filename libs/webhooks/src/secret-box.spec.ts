import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.encrypt('Bearer s3cr3t-token');
    expect(sealed).not.toContain('s3cr3t');
    expect(sealed).toMatch(/^v1\./);
    expect(box.decrypt(sealed)).toBe('Bearer s3cr3t-token');
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses tampered values, other keys and bad keys', () => {
    const sealed = box.encrypt('value');
    // One bit of the ciphertext flipped. (Changing its last base64 characters instead let
    // about one run in a thousand pass: the last character of 5 bytes carries 2 unused bits.)
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3], 'base64url');
    ciphertext[0] ^= 1;
    const tampered = [...parts.slice(0, 3), ciphertext.toString('base64url')].join('.');
    expect(() => box.decrypt(tampered)).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).decrypt(sealed)).toThrow();
    expect(() => new SecretBox('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
