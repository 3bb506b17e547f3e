import { createHash, randomUUID } from 'node:crypto';
import mongoose, { type Connection, type Model } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { WEBHOOK_MODEL, WebhookSchema, type WebhookDocument } from '@app/webhooks';
import { explainQuery, type CapturedCommand } from '../../../test/support/query-plan';
import { testMongoUri, uniqueName } from '../../../test/support/test-env';
import { API_KEY_MODEL, ApiKeySchema, type ApiKeyRecord } from '../src/auth/api-key.schema';
import {
  API_KEY_REVOCATION_MODEL,
  ApiKeyRevocationSchema,
  type ApiKeyRevocationRecord,
} from '../src/auth/api-key-revocation.schema';
import { ApiKeyRepository } from '../src/auth/api-key.repository';
import { REPLAY_MODEL, ReplaySchema, type ReplayRecord } from '../src/replays/replay.schema';
import { ReplayRepository } from '../src/replays/replay.repository';
import { HOUR_MS, hourOf } from '../src/common/hour-buckets';
import { DeliveryAttemptRepository } from '../src/deliveries/delivery-attempt.repository';
import {
  DELIVERY_ATTEMPT_MODEL,
  DeliveryAttemptSchema,
  type DeliveryAttemptRecord,
} from '../src/deliveries/delivery-attempt.schema';
import { succeededLastDelivery } from './management-support';
import { TenantWebhooks } from '../src/webhooks/store/tenant-webhooks';
import { TombstonePurge } from '../src/webhooks/store/tombstone-purge';
import { WebhookCollection } from '../src/webhooks/store/webhook-collection';
import { WebhookDeliveryStatus } from '../src/webhooks/store/webhook-delivery-status';
import type { WebhookRecord } from '../src/webhooks/store/webhook-record';
import { WebhookRoutingOutbox } from '../src/webhooks/store/webhook-routing-outbox';

const ORGANISATIONS = 40;
const WEBHOOKS_PER_ORGANISATION = 50;
const WEBHOOKS_WITH_LOG = 40;
const ATTEMPTS_PER_WEBHOOK = 50;

/**
 * Every hot query of the management API is answered from an index, on the local store
 * (FerretDB on PostgreSQL: the filter is pushed down and PostgreSQL scans an index, no
 * sequential scan) and on MongoDB (an IXSCAN in the winning plan, no COLLSCAN). The queries
 * are the ones the repositories really send, captured from the driver and explained, so a
 * change of query shape or index that brings back a scan fails here. The collections hold
 * a few thousand documents, enough for PostgreSQL to prefer an index where one applies.
 */
describe('hot queries use an index', () => {
  let connection: Connection;
  let collection: WebhookCollection;
  let webhooks: TenantWebhooks;
  let status: WebhookDeliveryStatus;
  let outbox: WebhookRoutingOutbox;
  let tombstones: TombstonePurge;
  let attempts: DeliveryAttemptRepository;
  let keys: ApiKeyRepository;
  let captured: CapturedCommand[] = [];
  const organisations = Array.from({ length: ORGANISATIONS }, () => randomUUID());
  const stored: WebhookRecord[] = [];
  const logged: DeliveryAttemptRecord[] = [];
  const keyHash = createHash('sha256').update('key-7').digest('hex');
  const keyIds = Array.from({ length: 200 }, () => randomUUID());
  const replayIds = Array.from({ length: 500 }, () => randomUUID());
  const replayWebhookId = randomUUID();
  let replays: ReplayRepository;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(testMongoUri(uniqueName('hot-queries')), { monitorCommands: true })
      .asPromise();
    const webhookModel = connection.model<WebhookDocument>(WEBHOOK_MODEL, WebhookSchema);
    const attemptModel = connection.model<DeliveryAttemptRecord>(
      DELIVERY_ATTEMPT_MODEL,
      DeliveryAttemptSchema,
    );
    const keyModel = connection.model<ApiKeyRecord>(API_KEY_MODEL, ApiKeySchema);
    const replayModel = connection.model<ReplayRecord>(REPLAY_MODEL, ReplaySchema);
    replays = new ReplayRepository(replayModel);
    await replays.onModuleInit();
    await replayModel.collection.insertMany(
      replayIds.map((id, r) => ({
        _id: id,
        organisation_id: organisations[r % ORGANISATIONS],
        webhook_id: replayWebhookId,
        since: new Date(0),
        until: new Date(1),
        state: 'requested',
        events_scanned: 0,
        events_matched: 0,
        events_total: null,
        error: null,
        requested_at: new Date(),
        started_at: null,
        reported_at: null,
        finished_at: null,
      })) as never[],
    );
    collection = new WebhookCollection(webhookModel);
    webhooks = new TenantWebhooks(collection);
    status = new WebhookDeliveryStatus(collection);
    outbox = new WebhookRoutingOutbox(collection);
    tombstones = new TombstonePurge(collection);
    attempts = new DeliveryAttemptRepository(attemptModel);
    keys = new ApiKeyRepository(
      keyModel,
      connection.model<ApiKeyRevocationRecord>(API_KEY_REVOCATION_MODEL, ApiKeyRevocationSchema),
    );
    await Promise.all([collection.onModuleInit(), attempts.onModuleInit(), keys.onModuleInit()]);
    await seed(webhookModel, attemptModel, keyModel);
    connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
      if (['find', 'update', 'delete'].includes(event.commandName))
        captured.push({ name: event.commandName, command: event.command });
    });
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  async function seed(
    webhookModel: Model<WebhookDocument>,
    attemptModel: Model<DeliveryAttemptRecord>,
    keyModel: Model<ApiKeyRecord>,
  ): Promise<void> {
    const start = Date.now() - 10 * 86_400_000;
    organisations.forEach((organisationId, o) => {
      for (let w = 0; w < WEBHOOKS_PER_ORGANISATION; w += 1) {
        const at = new Date(start + (o * WEBHOOKS_PER_ORGANISATION + w) * 1000);
        stored.push({
          _id: randomUUID(),
          organisation_id: organisationId,
          name: `webhook ${w}`,
          target_url: `https://hooks.example.com/${o}/${w}`,
          method: 'POST',
          events: ['contact.created'],
          headers: [],
          active: true,
          secrets: [{ secret_encrypted: 'sealed', created_at: at, expires_at: null }],
          created_at: at,
          updated_at: at,
          deleted_at: null,
          last_delivery: null,
        });
      }
    });
    for (const webhook of stored.slice(0, WEBHOOKS_WITH_LOG))
      for (let a = 0; a < ATTEMPTS_PER_WEBHOOK; a += 1) {
        const attemptedAt = new Date(start + a * HOUR_MS);
        const deliveryId = randomUUID();
        logged.push({
          _id: randomUUID(),
          organisation_id: webhook.organisation_id,
          webhook_id: webhook._id,
          delivery_id: deliveryId,
          series_id: deliveryId,
          attempt: 1,
          event_id: randomUUID(),
          event_type: 'contact.created',
          trigger: 'event',
          status: 'succeeded',
          status_code: 200,
          error_kind: null,
          error: null,
          duration_ms: 12,
          response_excerpt: 'ok',
          attempted_at: attemptedAt,
          attempted_hour: hourOf(attemptedAt),
          next: 'done',
          next_attempt_at: null,
          payload_json: '{"data":{}}',
          recorded_at: attemptedAt,
        });
      }
    await webhookModel.collection.insertMany(stored as never[]);
    await attemptModel.collection.insertMany(logged as never[]);
    await keyModel.collection.insertMany(
      keyIds.map((id, k) => ({
        _id: id,
        organisation_id: organisations[k % ORGANISATIONS],
        name: `key ${k}`,
        key_hash: createHash('sha256').update(`key-${k}`).digest('hex'),
        key_prefix: `whk_${k}`,
        created_at: new Date(start),
      })) as never[],
    );
  }

  /** The find, update and delete commands `work` sends. */
  async function queriesOf(work: () => Promise<unknown>): Promise<CapturedCommand[]> {
    captured = [];
    await work();
    expect(captured.length).toBeGreaterThan(0);
    return captured;
  }

  const webhook = () => stored[7];
  const loggedWebhook = () => stored[3];
  const cursorAt = (row: { _id: string }, at: Date) => ({ at, id: row._id });

  const cases: Array<[string, () => Promise<unknown>]> = [
    [
      'list an organisation’s webhooks',
      () => webhooks.list(webhook().organisation_id, {}, null, 21),
    ],
    [
      'list the next page (cursor)',
      () =>
        webhooks.list(webhook().organisation_id, {}, cursorAt(webhook(), webhook().created_at), 21),
    ],
    [
      'list filtered by event and active',
      () =>
        webhooks.list(
          webhook().organisation_id,
          { event: 'contact.created', active: true },
          null,
          21,
        ),
    ],
    [
      'get one webhook in an organisation',
      () => webhooks.findOne(webhook().organisation_id, webhook()._id),
    ],
    [
      'update a webhook (optimistic check)',
      () =>
        webhooks.update(webhook().organisation_id, webhook()._id, webhook().updated_at, {
          name: 'renamed',
          updated_at: new Date(webhook().updated_at.getTime() + 1),
        }),
    ],
    [
      'record the last deliveries',
      () =>
        status.recordLastDeliveries([
          {
            organisationId: webhook().organisation_id,
            id: webhook()._id,
            last: succeededLastDelivery(new Date()),
          },
        ]),
    ],
    [
      'list a webhook’s delivery log',
      () =>
        attempts.listForWebhook(
          loggedWebhook().organisation_id,
          loggedWebhook()._id,
          undefined,
          null,
          21,
        ),
    ],
    [
      'list the delivery log’s next page, filtered by status',
      () =>
        attempts.listForWebhook(
          loggedWebhook().organisation_id,
          loggedWebhook()._id,
          'succeeded',
          cursorAt(logged[10], logged[10].attempted_at),
          21,
        ),
    ],
    [
      'find a delivery to redeliver',
      () => attempts.findLatestOfDelivery(logged[5].organisation_id, logged[5].delivery_id),
    ],
    [
      'recover a window: a webhook’s attempts since a time',
      () =>
        attempts.listSinceForRecovery(
          loggedWebhook().organisation_id,
          loggedWebhook()._id,
          logged[5].attempted_at,
          null,
          1000,
        ),
    ],
    [
      'recover a window: the next page (cursor)',
      () =>
        attempts.listSinceForRecovery(
          loggedWebhook().organisation_id,
          loggedWebhook()._id,
          logged[5].attempted_at,
          cursorAt(logged[30], logged[30].attempted_at),
          1000,
        ),
    ],
    [
      'auto-disable: move the failure streaks',
      () =>
        status.recordFailureStreaks([
          {
            organisationId: webhook().organisation_id,
            id: webhook()._id,
            lastSuccessAt: new Date(),
            firstDeadLetterAt: new Date(),
          },
        ]),
    ],
    ['look up an API key', () => keys.findByHash(keyHash)],
    ['list an organisation’s API keys', () => keys.listForOrganisation(organisations[7], 1000)],
    ['record when an API key was used', () => keys.setLastUsed(keyIds[7], new Date())],
    ['find an API key to revoke', () => keys.findById(keyIds[8])],
    ['revoke an API key', () => keys.delete(keyIds[9])],
    ['get a replay', () => replays.findOne(organisations[3], replayWebhookId, replayIds[3])],
    [
      'apply a replay’s progress',
      () =>
        replays.applyProgress({
          replay_id: replayIds[4],
          webhook_id: replayWebhookId,
          organisation_id: organisations[4],
          state: 'running',
          events_scanned: 10,
          events_matched: 1,
          events_total: 100,
          error: null,
          started_at: new Date().toISOString(),
          reported_at: new Date().toISOString(),
        }),
    ],
    [
      'sweep for webhook changes not yet on the routing topic',
      () => outbox.findPendingRoutes(1000),
    ],
    [
      'retention: delete old attempts',
      () => attempts.deleteOlderThan(logged[20].attempted_at, new Date(logged[0].attempted_at)),
    ],
    [
      'retention: purge old tombstones',
      () => tombstones.purge(new Date(), new Date(Date.now() - 3 * HOUR_MS)),
    ],
  ];

  it.each(cases)('%s', async (_name, work) => {
    const queries = await queriesOf(work);
    // Retention sends one delete per hour bucket, all alike: the first and the last stand for all.
    for (const query of [queries[0], queries[queries.length - 1]]) {
      const plan = await explainQuery(connection.db!, query);
      expect({ command: query.command, plan }).toEqual({
        command: query.command,
        plan: expect.objectContaining({ usesIndex: true }),
      });
    }
  });

  it('tells a scan from an index lookup (the check itself can fail)', async () => {
    const [query] = await queriesOf(() =>
      connection.db!.collection('webhooks').find({ name: 'webhook 3' }).toArray(),
    );
    const plan = await explainQuery(connection.db!, query);
    expect(plan.usesIndex).toBe(false);
  });
});
