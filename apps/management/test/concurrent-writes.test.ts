import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { WEBHOOK_MODEL, WebhookSchema, type WebhookDocument } from '@app/webhooks';
import { testMongoUri, uniqueName } from '../../../test/support/test-env';
import { succeededLastDelivery } from './management-support';
import { WebhookRepository, type WebhookRecord } from '../src/webhooks/webhook.repository';

const WEBHOOKS = 40;

/**
 * Concurrent updates of one webhook all take effect. FerretDB 1.x applies an update by
 * reading the document and writing it back whole, so without WebhookRepository's per-webhook
 * ordering a delete racing the attempts consumer's `last_delivery` (or the routing relay's
 * marker) could be undone: the webhook came back to life.
 */
describe('concurrent writes to one webhook', () => {
  let connection: Connection;
  let webhooks: WebhookRepository;

  beforeAll(async () => {
    connection = await mongoose.createConnection(testMongoUri(uniqueName('writes'))).asPromise();
    webhooks = new WebhookRepository(
      connection.model<WebhookDocument>(WEBHOOK_MODEL, WebhookSchema),
    );
    await webhooks.onModuleInit();
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('keeps a delete, the newest delivery and the routing marker when they race', async () => {
    const organisationId = randomUUID();
    const created = new Date(Date.now() - 60_000);
    const records: WebhookRecord[] = Array.from({ length: WEBHOOKS }, (_, n) => ({
      _id: randomUUID(),
      organisation_id: organisationId,
      name: `webhook ${n}`,
      target_url: `https://hooks.example.com/${n}`,
      method: 'POST',
      events: ['contact.created'],
      headers: [],
      active: true,
      secrets: [{ secret_encrypted: 'sealed', created_at: created, expires_at: null }],
      created_at: created,
      updated_at: created,
      deleted_at: null,
      last_delivery: null,
    }));
    for (const record of records) await webhooks.insert(record);

    const now = new Date();
    // Connections first, so the writes below reach the store at the same moment.
    await Promise.all(records.map(() => connection.db!.admin().ping()));
    await Promise.all(
      records.flatMap((record) => [
        webhooks.clearRoutePending(record._id, created),
        webhooks.tombstone(organisationId, record._id, now),
        webhooks.recordLastDeliveries([
          {
            organisationId,
            id: record._id,
            last: succeededLastDelivery(now),
          },
        ]),
      ]),
    );

    const stored = await connection
      .collection<WebhookRecord>('webhooks')
      .find({ organisation_id: organisationId })
      .toArray();
    expect(stored).toHaveLength(WEBHOOKS);
    for (const webhook of stored)
      expect({
        id: webhook._id,
        deleted: webhook.deleted_at !== null,
        delivered: webhook.last_delivery !== null,
      }).toEqual({
        id: webhook._id,
        deleted: true,
        delivered: true,
      });
  });
});
