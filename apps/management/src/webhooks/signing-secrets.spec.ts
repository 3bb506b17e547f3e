import {
  currentSecret,
  generateSigningSecret,
  rotateSecrets,
  type StoredSecret,
} from './signing-secrets';

describe('signing secrets', () => {
  it('are whsec_ + base64 of 32 bytes', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
  });

  const at = (iso: string) => new Date(iso);
  const secret = (name: string, created: string, expires: string | null = null): StoredSecret => ({
    secret_encrypted: name,
    created_at: at(created),
    expires_at: expires ? at(expires) : null,
  });

  it('keeps the previous secret signing for the overlap, newest first', () => {
    const now = at('2026-11-23T10:00:00Z');
    const rotated = rotateSecrets(
      [secret('a', '2026-11-01T00:00:00Z')],
      secret('b', '2026-11-23T10:00:00Z'),
      now,
      86_400_000,
    );
    expect(rotated.map((s) => s.secret_encrypted)).toEqual(['b', 'a']);
    expect(rotated[1].expires_at).toEqual(at('2026-11-24T10:00:00Z'));
    expect(rotated[0].expires_at).toBeNull();
    expect(currentSecret(rotated)?.secret_encrypted).toBe('b');
  });

  it('drops expired secrets and keeps earlier overlaps as they were', () => {
    const now = at('2026-11-23T10:00:00Z');
    const rotated = rotateSecrets(
      [
        secret('c', '2026-11-23T09:00:00Z'),
        secret('b', '2026-11-22T00:00:00Z', '2026-11-23T12:00:00Z'),
        secret('a', '2026-11-01T00:00:00Z', '2026-11-22T00:00:00Z'),
      ],
      secret('d', '2026-11-23T10:00:00Z'),
      now,
      86_400_000,
    );
    expect(rotated.map((s) => [s.secret_encrypted, s.expires_at?.toISOString() ?? null])).toEqual([
      ['d', null],
      ['c', '2026-11-24T10:00:00.000Z'],
      ['b', '2026-11-23T12:00:00.000Z'],
    ]);
  });

  it('with no overlap, retires the previous secret at once', () => {
    const now = at('2026-11-23T10:00:00Z');
    const rotated = rotateSecrets(
      [secret('a', '2026-11-01T00:00:00Z')],
      secret('b', '2026-11-23T10:00:00Z'),
      now,
      0,
    );
    expect(rotated.map((s) => s.secret_encrypted)).toEqual(['b']);
  });
});
