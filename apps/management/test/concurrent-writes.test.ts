import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { WEBHOOK_MODEL, WebhookSchema, type WebhookDocument } from '@app/webhooks';
import { testMongoUri, uniqueName } from '../../../test/support/test-env';
import { succeededLastDelivery } from './management-support';
import { TenantWebhooks } from '../src/webhooks/store/tenant-webhooks';
import { WebhookCollection } from '../src/webhooks/store/webhook-collection';
import { WebhookDeliveryStatus } from '../src/webhooks/store/webhook-delivery-status';
import type { WebhookRecord } from '../src/webhooks/store/webhook-record';
import { WebhookRoutingOutbox } from '../src/webhooks/store/webhook-routing-outbox';

const WEBHOOKS = 40;

/**
 * Concurrent updates of one webhook all take effect. FerretDB 1.x applies an update by
 * reading the document and writing it back whole, so without WebhookCollection's per-webhook
 * ordering, which every class writing webhooks shares, a delete racing the attempts consumer's `last_delivery` (or the routing relay's
 * marker) could be undone: the webhook came back to life.
 */
describe('concurrent writes to one webhook', () => {
  let connection: Connection;
  let webhooks: TenantWebhooks;
  let status: WebhookDeliveryStatus;
  let outbox: WebhookRoutingOutbox;

  beforeAll(async () => {
    connection = await mongoose.createConnection(testMongoUri(uniqueName('writes'))).asPromise();
    const collection = new WebhookCollection(
      connection.model<WebhookDocument>(WEBHOOK_MODEL, WebhookSchema),
    );
    await collection.onModuleInit();
    webhooks = new TenantWebhooks(collection);
    status = new WebhookDeliveryStatus(collection);
    outbox = new WebhookRoutingOutbox(collection);
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  /** WEBHOOKS webhooks of one organisation at version `created`, routing markers set. */
  async function insertWebhooks(organisationId: string, created: Date): Promise<WebhookRecord[]> {
    const records: WebhookRecord[] = Array.from({ length: WEBHOOKS }, (_, n) => ({
      _id: randomUUID(),
      organisation_id: organisationId,
      name: `webhook ${n}`,
      target_url: `https://hooks.example.com/${organisationId}/${n}`,
      method: 'POST',
      events: ['contact.created'],
      headers: [],
      active: true,
      secrets: [{ secret_encrypted: 'sealed', created_at: created, expires_at: null }],
      created_at: created,
      updated_at: created,
      deleted_at: null,
      last_delivery: null,
      routing_pending: true,
    }));
    for (const record of records) await webhooks.insert(record);
    return records;
  }

  it('keeps a delete, the newest delivery and the routing marker when they race', async () => {
    const organisationId = randomUUID();
    const created = new Date(Date.now() - 60_000);
    const records = await insertWebhooks(organisationId, created);

    const now = new Date();
    // Connections first, so the writes below reach the store at the same moment.
    await Promise.all(records.map(() => connection.db!.admin().ping()));
    await Promise.all(
      records.flatMap((record) => [
        outbox.clearRoutesPending([{ id: record._id, version: created }]),
        webhooks.tombstone(organisationId, record._id, now),
        status.recordLastDeliveries([
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

  it('clears routing markers in batches and names the batch a newer change kept', async () => {
    const organisationId = randomUUID();
    const published = new Date(Date.now() - 60_000);
    const records = await insertWebhooks(organisationId, published);
    // Changed after the relay read it: its marker must stay for the change's own publish.
    const changed = records[WEBHOOKS - 5];
    await connection
      .collection<{ _id: string }>('webhooks')
      .updateOne({ _id: changed._id }, { $set: { updated_at: new Date(), name: 'renamed' } });

    const unconfirmed = await outbox.clearRoutesPending(
      records.map((record) => ({ id: record._id, version: published })),
    );

    const stored = await connection
      .collection<WebhookRecord>('webhooks')
      .find({ organisation_id: organisationId, routing_pending: true })
      .toArray();
    expect(stored.map((webhook) => webhook._id)).toEqual([changed._id]);
    // Only the changed webhook's batch is left for the caller to read again.
    const ids = unconfirmed.map((entry) => entry.id);
    expect(ids).toContain(changed._id);
    expect(ids.length).toBeLessThan(WEBHOOKS);
  });
});
