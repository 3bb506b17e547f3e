import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { signatureHeader, signingKey } from './signature';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

describe('signatureHeader', () => {
  const body = JSON.stringify({ id: 'e1', type: 'contact.created', data: { a: 'é' } });
  const id = 'b1d6c3a4-0000-4000-8000-000000000001';
  /** The three Standard Webhooks headers of a request signed with `secrets`. */
  const signedHeaders = (secrets: string[], ts = Math.floor(Date.now() / 1000)) => ({
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signatureHeader(secrets.map(signingKey), id, ts, body),
  });

  it('is accepted by the standardwebhooks verifier', () => {
    const secret = newSecret();
    const headers = signedHeaders([secret]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with every live secret so both the old and the new one verify', () => {
    const [oldSecret, newer] = [newSecret(), newSecret()];
    const headers = signedHeaders([newer, oldSecret]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newer).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
  });

  it('refuses a tampered body', () => {
    const secret = newSecret();
    const headers = signedHeaders([secret]);
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});
