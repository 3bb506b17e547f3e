import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import type { WebhookRoute } from '@app/contracts';
import { TopicCollector } from '../../../test/support/topic-collector';
import { testMongoUri, testTopics, uniqueName } from '../../../test/support/test-env';
import { waitFor } from '../../../test/support/wait-for';
import { startManagement, webhookBody, type ManagementUnderTest } from './management-support';

/**
 * Every committed webhook change reaches the compacted routing topic, and a change whose
 * publish a crash prevented is published by the sweep: on the real broker and store.
 */
describe('webhook routing topic', () => {
  const topics = testTopics();
  const mongoUri = testMongoUri(uniqueName('routes'));
  let mgmt: ManagementUnderTest;
  let org: { organisationId: string; key: string };
  let routes: TopicCollector<WebhookRoute | null>;
  let db: Connection;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  /** The webhooks collection, with the string ids management uses. */
  const webhooks = () => db.collection<{ _id: string; [field: string]: unknown }>('webhooks');
  const recordsOf = (id: string) => routes.on(topics.webhookRoutes).filter((r) => r.key === id);

  beforeAll(async () => {
    mgmt = await startManagement({ topics, mongoUri, env: { WEBHOOK_ROUTES_SWEEP_MS: '300' } });
    org = await mgmt.newOrganisation();
    routes = await TopicCollector.start([topics.webhookRoutes]);
    db = await mongoose.createConnection(mongoUri).asPromise();
  });
  afterAll(async () => {
    await routes.stop();
    await db.close();
    await mgmt.close();
  });

  it('publishes create, update, rotation, deactivation and delete in order, with nothing secret', async () => {
    const token = `Bearer ${randomUUID()}`;
    const body = webhookBody({ headers: { Authorization: token } });
    const created = await request(mgmt.http).post('/v1/webhooks').set(as(org.key)).send(body);
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const path = `/v1/webhooks/${id}`;
    // The relay publishes the newest state of a webhook: changes made faster than it flushes
    // are rightly coalesced. Each change is awaited on the topic so every one can be checked.
    const published = async <T>(change: () => Promise<T>): Promise<T> => {
      const before = recordsOf(id).length;
      const result = await change();
      await waitFor('the change on the topic', () => recordsOf(id).length > before, 10_000);
      return result;
    };
    await waitFor('the created webhook on the topic', () => recordsOf(id).length > 0, 10_000);
    await published(() =>
      request(mgmt.http)
        .patch(path)
        .set(as(org.key))
        .send({ events: ['contact.deleted'], ordering: 'per_entity' })
        .expect(200),
    );
    const secret = await published(() =>
      request(mgmt.http).post(`${path}/secret/rotate`).set(as(org.key)).expect(200),
    );
    await published(() =>
      request(mgmt.http).patch(path).set(as(org.key)).send({ active: false }).expect(200),
    );
    await published(() => request(mgmt.http).delete(path).set(as(org.key)).expect(204));

    const values = recordsOf(id).map((r) => r.value);
    const snapshots = values.filter((v): v is WebhookRoute => v !== null);
    expect(values[values.length - 1]).toBeNull();
    expect(snapshots).toHaveLength(4);
    const versions = snapshots.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(snapshots[0]).toEqual({
      webhook_id: id,
      organisation_id: org.organisationId,
      events: body.events,
      active: true,
      version: versions[0],
      ordering: 'none',
    });
    expect(snapshots[snapshots.length - 1]).toMatchObject({
      active: false,
      events: ['contact.deleted'],
      ordering: 'per_entity',
    });
    const onTopic = JSON.stringify(values);
    for (const secretPart of [
      token,
      body.target_url as string,
      (secret.body as { secret: string }).secret,
    ])
      expect(onTopic).not.toContain(secretPart);
    await waitFor(
      'the marker cleared',
      async () => (await webhooks().countDocuments({ _id: id, routing_pending: false })) === 1,
    );
  });

  it('publishes what a crash left unpublished, and webhooks stored before the topic existed', async () => {
    const now = new Date();
    const document = (id: string) => ({
      _id: id,
      organisation_id: org.organisationId,
      name: 'left behind',
      target_url: `https://hooks.example.com/${id}`,
      method: 'POST',
      events: ['contact.created'],
      headers: [],
      active: true,
      secrets: [],
      created_at: now,
      updated_at: now,
      deleted_at: null,
      last_delivery: null,
    });
    // Written, then the process died before it published: the marker is all that remains.
    const crashed = randomUUID();
    await webhooks().insertOne({ ...document(crashed), routing_pending: true });
    await waitFor('the sweep', () => recordsOf(crashed).length === 1, 10_000);
    expect(recordsOf(crashed)[0].value).toMatchObject({
      webhook_id: crashed,
      version: now.getTime(),
    });

    // Stored by a version without the routing topic: published once management starts.
    const legacy = randomUUID();
    await db
      .collection<{ _id: string; [field: string]: unknown }>('webhooks')
      .insertOne(document(legacy));
    await mgmt.stop();
    mgmt = await startManagement({ topics, mongoUri, env: { WEBHOOK_ROUTES_SWEEP_MS: '300' } });
    await waitFor('the legacy webhook', () => recordsOf(legacy).length === 1, 10_000);
  });
});
