import { createHash, randomBytes, randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { EVENT_CATALOG, EVENT_TYPES, type EventType, type WebhookRoute } from '@app/contracts';
import {
  routeOf,
  SecretBox,
  WEBHOOK_MODEL,
  WebhookSchema,
  type WebhookDocument,
} from '@app/webhooks';
import {
  API_KEY_MODEL,
  ApiKeySchema,
  type ApiKeyRecord,
} from '../../apps/management/src/auth/api-key.schema';
import { hourOf } from '../../apps/management/src/common/hour-buckets';
import { DeliveryAttemptRepository } from '../../apps/management/src/deliveries/delivery-attempt.repository';
import {
  DELIVERY_ATTEMPT_MODEL,
  DeliveryAttemptSchema,
  type DeliveryAttemptRecord,
} from '../../apps/management/src/deliveries/delivery-attempt.schema';

const DAY_MS = 86_400_000;
/** Rows handed to the repository at once, as a batch of outcomes from Kafka would be. */
const LOG_BATCH = 2_000;
const INSERT_CHUNK = 1_000;

export interface FillPlan {
  organisations: number;
  webhooks: number;
  logRows: number;
  /** The event types the pipeline load publishes; only each organisation's first webhook has them. */
  loadTypes: readonly EventType[];
  /** Where each organisation's first webhook points (a healthy local receiver). */
  liveTargetUrl: (organisation: number) => string;
  encryptionKey: string;
}

/** What the API load needs to know about the filled store. */
export interface FilledStore {
  organisations: Array<{ id: string; key: string; webhookIds: string[] }>;
  /** Every webhook's routing snapshot, for the routing topic (management's relay would have published them). */
  routes: WebhookRoute[];
  /** Attempt-log writes through the repository management uses, per segment of rows. */
  logWrites: Array<{ rows: number; seconds: number }>;
}

/**
 * Fills a fresh database the way the platform would have: webhooks as management stores
 * them (secrets sealed with the apps' key), one API key per organisation, and the delivery
 * log written through DeliveryAttemptRepository.upsertMany, the code management runs for
 * each batch of outcomes. The indexes are created first, as the apps create them.
 */
export async function fillStore(mongoUri: string, plan: FillPlan): Promise<FilledStore> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const models = await createModels(connection);
    const { organisations, routes } = await insertWebhooksAndKeys(models, plan);
    const logWrites = await writeLog(models.attempts, organisations, plan.logRows);
    return { organisations, routes, logWrites };
  } finally {
    await connection.close();
  }
}

async function createModels(connection: Connection) {
  const webhooks = connection.model<WebhookDocument>(WEBHOOK_MODEL, WebhookSchema);
  const keys = connection.model<ApiKeyRecord>(API_KEY_MODEL, ApiKeySchema);
  const attempts = connection.model<DeliveryAttemptRecord>(
    DELIVERY_ATTEMPT_MODEL,
    DeliveryAttemptSchema,
  );
  await Promise.all([webhooks.init(), keys.init(), attempts.init()]);
  return { webhooks, keys, attempts: new DeliveryAttemptRepository(attempts) };
}

async function insertWebhooksAndKeys(
  models: Awaited<ReturnType<typeof createModels>>,
  plan: FillPlan,
): Promise<Pick<FilledStore, 'organisations' | 'routes'>> {
  const box = new SecretBox(plan.encryptionKey);
  const otherTypes = EVENT_TYPES.filter((type) => !plan.loadTypes.includes(type));
  const perOrganisation = Math.max(1, Math.round(plan.webhooks / plan.organisations));
  const now = Date.now();
  const organisations: FilledStore['organisations'] = [];
  const routes: WebhookRoute[] = [];
  let batch: Array<Parameters<typeof routeOf>[0] & Record<string, unknown>> = [];
  const flush = async () => {
    if (batch.length > 0) await models.webhooks.collection.insertMany(batch as never[]);
    for (const webhook of batch) {
      const route = routeOf(webhook);
      if (route) routes.push(route);
    }
    batch = [];
  };
  for (let o = 0; o < plan.organisations; o += 1) {
    const organisation = { id: randomUUID(), key: `whk_${randomBytes(32).toString('base64url')}` };
    const webhookIds: string[] = [];
    for (let n = 0; n < perOrganisation; n += 1) {
      const id = randomUUID();
      const createdAt = new Date(now - DAY_MS * 60 * Math.random());
      webhookIds.push(id);
      batch.push({
        _id: id,
        organisation_id: organisation.id,
        name: `webhook ${n} of organisation ${o}`,
        target_url: n === 0 ? plan.liveTargetUrl(o) : `https://hooks.example.com/${o}/${n}`,
        method: 'POST',
        events:
          n === 0
            ? [...plan.loadTypes]
            : otherTypes
                .filter(() => Math.random() < 0.2)
                .concat(otherTypes[n % otherTypes.length]),
        headers: [
          { name: 'Authorization', value_encrypted: box.encrypt(`Bearer token-${o}-${n}`) },
        ],
        active: true,
        secrets: [
          {
            secret_encrypted: box.encrypt(`whsec_${randomBytes(24).toString('base64')}`),
            created_at: createdAt,
            expires_at: null,
          },
        ],
        created_at: createdAt,
        updated_at: createdAt,
        deleted_at: null,
        deleted_hour: null,
        // Already on the routing topic: the benchmark publishes the routes itself.
        routing_pending: false,
        last_delivery: null,
      });
      if (batch.length >= INSERT_CHUNK) await flush();
    }
    organisations.push({ ...organisation, webhookIds });
  }
  await flush();
  await models.keys.collection.insertMany(
    organisations.map((organisation) => ({
      _id: randomUUID(),
      organisation_id: organisation.id,
      name: 'benchmark',
      key_hash: createHash('sha256').update(organisation.key, 'utf8').digest('hex'),
      key_prefix: organisation.key.slice(0, 10),
      created_at: new Date(now),
    })) as never[],
  );
  return { organisations, routes };
}

async function writeLog(
  repository: DeliveryAttemptRepository,
  organisations: FilledStore['organisations'],
  rows: number,
): Promise<FilledStore['logWrites']> {
  const webhooks = organisations.flatMap((organisation) =>
    organisation.webhookIds.map((id) => ({ id, organisationId: organisation.id })),
  );
  const payload = JSON.stringify({
    type: 'contact.created',
    data: EVENT_CATALOG['contact.created'].example,
  });
  const segment = Math.max(LOG_BATCH, Math.round(rows / 10));
  const writes: FilledStore['logWrites'] = [];
  let segmentStarted = Date.now();
  let segmentRows = 0;
  for (let written = 0; written < rows; written += LOG_BATCH) {
    const batch: DeliveryAttemptRecord[] = [];
    for (let i = written; i < Math.min(rows, written + LOG_BATCH); i += 1) {
      const webhook = webhooks[i % webhooks.length];
      const attemptedAt = new Date(Date.now() - 25 * DAY_MS * Math.random());
      const deliveryId = randomUUID();
      batch.push({
        _id: randomUUID(),
        organisation_id: webhook.organisationId,
        webhook_id: webhook.id,
        delivery_id: deliveryId,
        series_id: deliveryId,
        attempt: 1,
        event_id: randomUUID(),
        event_type: 'contact.created',
        trigger: 'event',
        status: i % 10 === 0 ? 'failed' : 'succeeded',
        status_code: i % 10 === 0 ? 500 : 200,
        error_kind: i % 10 === 0 ? 'http_status' : null,
        error: i % 10 === 0 ? 'HTTP 500' : null,
        duration_ms: 20 + (i % 200),
        response_excerpt: 'ok',
        attempted_at: attemptedAt,
        attempted_hour: hourOf(attemptedAt),
        next: 'done',
        next_attempt_at: null,
        payload_json: payload,
        recorded_at: attemptedAt,
      });
    }
    segmentRows += await repository.upsertMany(batch);
    if (segmentRows >= segment || written + LOG_BATCH >= rows) {
      writes.push({ rows: segmentRows, seconds: (Date.now() - segmentStarted) / 1000 });
      console.log(
        `  delivery log: ${writes.reduce((sum, w) => sum + w.rows, 0)}/${rows} rows, ` +
          `${Math.round(segmentRows / writes[writes.length - 1].seconds)}/s in the last segment`,
      );
      segmentStarted = Date.now();
      segmentRows = 0;
    }
  }
  return writes;
}
