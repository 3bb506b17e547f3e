import { createHmac } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** The HMAC key of a Standard Webhooks secret: the base64-decoded part after `whsec_`. */
export function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 16) throw new Error('signing secret is too short');
  return key;
}

/**
 * The `webhook-signature` header (Standard Webhooks): `v1,<base64 HMAC-SHA256 over
 * "<id>.<timestamp>.<body>">`, one per live secret, space-separated (rotation overlap).
 */
export function signatureHeader(
  keys: readonly Buffer[],
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const content = `${id}.${timestampSeconds}.${body}`;
  return keys
    .map((key) => `v1,${createHmac('sha256', key).update(content).digest('base64')}`)
    .join(' ');
}

/** The header, each `v1,<mac>` in it and each bare MAC: the forms an echo may show. */
export function signatureParts(header: string): string[] {
  const parts = header.split(' ');
  return [header, ...parts, ...parts.map((part) => part.slice(part.indexOf(',') + 1))];
}
