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
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.decrypt(tampered)).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).decrypt(sealed)).toThrow();
    expect(() => new SecretBox('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
