import { randomBytes } from 'node:crypto';
import type { StoredSecret } from '@app/webhooks';

export type { StoredSecret };

/** At most this many secrets sign at once (the current one and rotated-out ones in overlap). */
export const MAX_SIGNING_SECRETS = 5;

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The secret that signs new deliveries: the newest one (the array is newest first). */
export function currentSecret(secrets: StoredSecret[]): StoredSecret | undefined {
  return secrets[0];
}

/**
 * The secrets after a rotation, newest first: the new one, the one it replaces with
 * `expires_at = now + overlap` (so receivers can switch over), and any earlier secrets whose
 * overlap has not ended yet. Expired secrets are dropped.
 */
export function rotateSecrets(
  secrets: StoredSecret[],
  fresh: StoredSecret,
  now: Date,
  overlapMs: number,
): StoredSecret[] {
  const overlapEnd = new Date(now.getTime() + overlapMs);
  const previous = secrets.map((secret, index) => ({
    ...secret,
    expires_at:
      index === 0 && (secret.expires_at === null || secret.expires_at > overlapEnd)
        ? overlapEnd
        : secret.expires_at,
  }));
  const stillSigning = previous.filter(
    (secret) => secret.expires_at === null || secret.expires_at.getTime() > now.getTime(),
  );
  return [fresh, ...stillSigning].slice(0, MAX_SIGNING_SECRETS);
}
