import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { SecretBox, type WebhookSnapshot } from '@app/webhooks';
import { liveKeys, WebhookDirectory } from './webhook-directory';
import type { WebhookReader } from './webhook-reader';

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

/** A directory over a fake store holding `stored`, and a routing topic seen as `versions`. */
function directory(stored: WebhookSnapshot[] = [snapshot()]) {
  const versions = new Map<string, number | 'deleted'>();
  const store = new Map(stored.map((s) => [s._id, s]));
  const repository = {
    findById: jest.fn((id: string) => Promise.resolve(store.get(id) ?? null)),
  };
  const dir = new WebhookDirectory(
    box,
    repository as unknown as WebhookReader,
    { versionOf: (id) => versions.get(id) },
    pino({ level: 'silent' }),
  );
  return { dir, repository, store, versions };
}

const route = (id: string, version: number, active = true) => ({
  webhookId: id,
  route: { webhook_id: id, organisation_id: 'o1', events: [], active, version },
});

describe('WebhookDirectory', () => {
  it('decrypts headers and secrets, and drops reserved header names', async () => {
    const { dir } = directory();
    const entry = await dir.resolve('o1', 'w1');
    expect(entry.kind).toBe('live');
    if (entry.kind !== 'live') return;
    expect(entry.webhook.headers).toEqual([['Authorization', 'Bearer x']]);
    expect(entry.webhook.endpoint).toBe('https://example.com');
    expect(liveKeys(entry.webhook, Date.now())).toEqual([Buffer.from(secret.slice(6), 'base64')]);
    expect(entry.webhook.sensitive).toEqual(expect.arrayContaining(['Bearer x', secret]));
  });

  it('reads a webhook from the store once, sharing one read among concurrent misses', async () => {
    const { dir, repository } = directory();
    const entries = await Promise.all([dir.resolve('o1', 'w1'), dir.resolve('o1', 'w1')]);
    expect(entries.map((e) => e.kind)).toEqual(['live', 'live']);
    expect((await dir.resolve('o1', 'w1')).kind).toBe('live');
    expect(repository.findById).toHaveBeenCalledTimes(1);
    expect(repository.findById).toHaveBeenCalledWith('w1');
  });

  it('calls a webhook gone when deleted, inactive, unknown or of another organisation', async () => {
    const { dir, versions } = directory([
      snapshot({ _id: 'inactive', active: false }),
      snapshot({ _id: 'w1' }),
    ]);
    versions.set('deleted', 'deleted');
    expect(await dir.resolve('o1', 'deleted')).toEqual({ kind: 'gone', reason: 'webhook deleted' });
    expect(await dir.resolve('o1', 'inactive')).toEqual({
      kind: 'gone',
      reason: 'webhook inactive',
    });
    expect((await dir.resolve('o1', 'unknown')).kind).toBe('gone');
    expect((await dir.resolve('other-org', 'w1')).kind).toBe('gone');
  });

  it('reads a webhook again once the routing topic announces a newer version', async () => {
    const { dir, repository, store, versions } = directory();
    const first = store.get('w1')!;
    await dir.resolve('o1', 'w1');
    const version = first.updated_at.getTime();
    dir.apply([route('w1', version)]); // the version it already has: nothing to do
    await dir.resolve('o1', 'w1');
    expect(repository.findById).toHaveBeenCalledTimes(1);

    store.set('w1', {
      ...first,
      target_url: 'https://example.com/new',
      updated_at: new Date(version + 1),
    });
    versions.set('w1', version + 1);
    dir.apply([route('w1', version + 1)]);
    const entry = await dir.resolve('o1', 'w1');
    expect(entry.kind === 'live' && entry.webhook.url).toBe('https://example.com/new');
    expect(repository.findById).toHaveBeenCalledTimes(2);
  });

  it('follows a tombstone at once, and does not cache a read older than the topic', async () => {
    const { dir, repository, versions } = directory();
    await dir.resolve('o1', 'w1');
    versions.set('w1', 'deleted');
    dir.apply([{ webhookId: 'w1', route: null }]);
    expect((await dir.resolve('o1', 'w1')).kind).toBe('gone');

    const stale = directory();
    stale.versions.set('w1', Date.now() + 60_000); // the store has not caught up with the topic
    await stale.dir.resolve('o1', 'w1');
    await stale.dir.resolve('o1', 'w1');
    expect(stale.repository.findById).toHaveBeenCalledTimes(2);
    expect(repository.findById).toHaveBeenCalledTimes(1);
  });

  it('resolves the rate limit; one stored before it existed is unlimited', async () => {
    const limited = snapshot({ _id: 'w2', rate_limit: 5 });
    const older = snapshot({ _id: 'w3' });
    delete older.rate_limit;
    const { dir } = directory([limited, older]);
    const rateOf = async (id: string) => {
      const entry = await dir.resolve('o1', id);
      return entry.kind === 'live' ? entry.webhook.rateLimit : 'not live';
    };
    expect(await rateOf('w2')).toBe(5);
    expect(await rateOf('w3')).toBeNull();
  });

  it('reads an announced live webhook in the background, so its first record finds it', async () => {
    const { dir, repository } = directory();
    dir.prefetch([route('w1', 1)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(repository.findById).toHaveBeenCalledTimes(1);
    expect(dir.size).toBe(1);
    expect((await dir.resolve('o1', 'w1')).kind).toBe('live');
    expect(repository.findById).toHaveBeenCalledTimes(1);
  });

  it('reads no inactive or deleted webhook ahead, and none already cached', async () => {
    const { dir, repository } = directory([snapshot(), snapshot({ _id: 'w2' })]);
    await dir.resolve('o1', 'w1');
    dir.prefetch([route('w1', 1), route('w2', 1, false), { webhookId: 'w3', route: null }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(repository.findById).toHaveBeenCalledTimes(1);
  });

  it('reads ahead at most four webhooks at once', async () => {
    const { dir, repository } = directory();
    const answers: Array<() => void> = [];
    repository.findById.mockImplementation(
      (id: string) => new Promise((resolve) => answers.push(() => resolve(snapshot({ _id: id })))),
    );
    dir.prefetch(Array.from({ length: 10 }, (_, i) => route(`w${i}`, 1)));
    expect(repository.findById).toHaveBeenCalledTimes(4);
    answers[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(repository.findById).toHaveBeenCalledTimes(5);
  });

  it('stops signing with an expired secret', () => {
    const key = Buffer.alloc(32, 1);
    const webhook = {
      id: 'w',
      organisationId: 'o',
      url: '',
      endpoint: '',
      method: 'POST' as const,
      headers: [],
      secrets: [
        { key, expiresAt: 1000 },
        { key, expiresAt: null },
      ],
      rateLimit: null,
      sensitive: [],
    };
    expect(liveKeys(webhook, 999)).toHaveLength(2);
    expect(liveKeys(webhook, 1000)).toHaveLength(1);
  });
});
