import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { SecretBox, type WebhookSnapshot } from '@app/webhooks';
import { liveKeys, WebhookDirectory } from './webhook-directory';
import type { WebhookRepository } from './webhook.repository';

const box = new SecretBox(randomBytes(32).toString('base64'));
const secret = `whsec_${randomBytes(32).toString('base64')}`;

function snapshot(overrides: Partial<WebhookSnapshot> = {}): WebhookSnapshot {
  const now = new Date();
  return {
    _id: 'w1',
    organisation_id: 'o1',
    name: 'hook',
    target_url: 'https://example.com/hook',
    method: 'POST',
    events: ['contact.created'],
    headers: [
      { name: 'Authorization', value_encrypted: box.encrypt('Bearer x') },
      { name: 'webhook-id', value_encrypted: box.encrypt('spoof') },
      { name: 'Content-Type', value_encrypted: box.encrypt('text/plain') },
    ],
    active: true,
    secrets: [{ secret_encrypted: box.encrypt(secret), created_at: now, expires_at: null }],
    created_at: now,
    updated_at: now,
    deleted_at: null,
    ...overrides,
  };
}

function directory(found: WebhookSnapshot | null = null) {
  const repository = { findOne: jest.fn(() => Promise.resolve(found)) };
  return {
    repository,
    directory: new WebhookDirectory(
      box,
      repository as unknown as WebhookRepository,
      pino({ level: 'silent' }),
    ),
  };
}

describe('WebhookDirectory', () => {
  it('decrypts headers and secrets, and drops reserved header names', async () => {
    const { directory: dir } = directory();
    dir.apply([snapshot()]);
    const entry = await dir.resolve('o1', 'w1');
    expect(entry.kind).toBe('live');
    if (entry.kind !== 'live') return;
    expect(entry.webhook.headers).toEqual([['Authorization', 'Bearer x']]);
    expect(liveKeys(entry.webhook, Date.now())).toEqual([Buffer.from(secret.slice(6), 'base64')]);
  });

  it('reads a webhook it has not seen yet from MongoDB before calling it gone', async () => {
    const { directory: dir, repository } = directory(snapshot({ _id: 'w2' }));
    expect((await dir.resolve('o1', 'w2')).kind).toBe('live');
    expect(repository.findOne).toHaveBeenCalledWith('o1', 'w2');
    expect((await dir.resolve('o1', 'w2')).kind).toBe('live');
    expect(repository.findOne).toHaveBeenCalledTimes(1);
  });

  it('calls a webhook gone when deleted, inactive, unknown or of another organisation', async () => {
    const { directory: dir } = directory(null);
    dir.apply([
      snapshot({ _id: 'deleted', deleted_at: new Date() }),
      snapshot({ _id: 'inactive', active: false }),
      snapshot({ _id: 'w1' }),
    ]);
    expect(await dir.resolve('o1', 'deleted')).toEqual({ kind: 'gone', reason: 'webhook deleted' });
    expect(await dir.resolve('o1', 'inactive')).toEqual({
      kind: 'gone',
      reason: 'webhook inactive',
    });
    expect((await dir.resolve('o1', 'unknown')).kind).toBe('gone');
    expect((await dir.resolve('other-org', 'w1')).kind).toBe('gone');
  });

  it('follows a delete that arrives as a tombstone', async () => {
    const { directory: dir } = directory();
    dir.apply([snapshot()]);
    dir.apply([snapshot({ deleted_at: new Date() })]);
    expect((await dir.resolve('o1', 'w1')).kind).toBe('gone');
  });

  it('stops signing with an expired secret', () => {
    const key = Buffer.alloc(32, 1);
    const webhook = {
      id: 'w',
      organisationId: 'o',
      url: '',
      method: 'POST' as const,
      headers: [],
      secrets: [
        { key, expiresAt: 1000 },
        { key, expiresAt: null },
      ],
      sensitive: [],
    };
    expect(liveKeys(webhook, 999)).toHaveLength(2);
    expect(liveKeys(webhook, 1000)).toHaveLength(1);
  });
});
