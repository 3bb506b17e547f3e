import { randomBytes, randomUUID } from 'node:crypto';
import type { Admin, Consumer, Producer } from 'kafkajs';
import mongoose, { type Connection, type Model } from 'mongoose';
import pino from 'pino';
import { Registry } from 'prom-client';
import { validateEnv } from '@app/config';
import { deliveryMessage, topicSpecs, type DeliveryRecord, type Topics } from '@app/contracts';
import {
  ensureTopics,
  hostConsumers,
  type KafkaBatchTransport,
  createKafkaClientFromEnv,
} from '@app/kafka';
import { SecretBox, WEBHOOK_MODEL, WebhookSchema, type WebhookDocument } from '@app/webhooks';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { WebhookRouteFollower } from '@app/webhooks';
import { DELIVERIES_CONSUMER } from '../src/consumers';
import { DeliveryConsumer } from '../src/intake/delivery-consumer';
import { HttpDeliveryClient } from '../src/http/http-delivery.client';
import { OutcomeProducer } from '../src/outcome-producer';
import { RoutedDirectory } from '../src/webhook-lookup/routed-directory';
import { SenderConfig } from '../src/sender.config';
import { SenderModule, type SenderOverrides } from '../src/sender.module';
import type { GroupReading } from '../../../test/support/caught-up';
import { publishRoutes } from '../../../test/support/route-publisher';
import { TEST_BROKERS, testMongoUri, testTopics, uniqueName } from '../../../test/support/test-env';
import { deliveryRecord } from './delivery-records';

export {
  Receiver,
  selfSignedCert,
  type Behaviour,
  type ReceivedRequest,
} from '../../../test/support/https-receiver';

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A sender app in this process, built as main.ts builds it (without the HTTP listener). */
export class SenderUnderTest {
  private stopped = false;

  constructor(
    readonly app: INestApplication,
    private readonly transport: KafkaBatchTransport,
  ) {}

  /** The app's metrics. */
  get registry(): Registry {
    return this.app.get(Registry);
  }

  /** Its consumer group with the topics it reads (see caughtUp). */
  get consumerGroup(): GroupReading {
    return {
      groupId: this.app.get(SenderConfig).SENDER_CONSUMER_GROUP,
      topics: this.app.get(DeliveryConsumer).subscribedTopics,
    };
  }

  /** The routing-topic follower of the sender's webhook directory. */
  get routes(): WebhookRouteFollower {
    return this.app.get(RoutedDirectory).routes;
  }

  /** Graceful, as on SIGTERM: the consumer drains and commits, then everything closes. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.app.close();
  }

  /** Crash simulation: leave the group without committing more, drop what is in flight. */
  async abort(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.app.get(OutcomeProducer).close();
    await this.transport.consumer(DELIVERIES_CONSUMER).abort();
    await this.app.get(HttpDeliveryClient).destroy();
    await this.app.close();
  }
}

/** Topics, database, producer and output collectors of one test suite. */
export class Harness {
  readonly topics: Topics = testTopics(uniqueName('snd'));
  readonly kafka = createKafkaClientFromEnv('sender-test');
  readonly encryptionKey = randomBytes(32).toString('base64');
  readonly box = new SecretBox(this.encryptionKey);
  readonly organisationId = randomUUID();
  readonly outputs = new Map<string, unknown[]>();
  connection!: Connection;
  model!: Model<WebhookDocument>;
  private admin!: Admin;
  private producer!: Producer;
  private collector: Consumer | undefined;
  /** The group collecting `outputs` and its topics, once collect() has run (see caughtUp). */
  collectorGroup: GroupReading | undefined;
  private readonly senders: SenderUnderTest[] = [];
  private readonly mongoUri = testMongoUri(uniqueName('sender'));

  async start(): Promise<this> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    await ensureTopics(this.admin, topicSpecs(this.topics));
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.connection = await mongoose.createConnection(this.mongoUri).asPromise();
    this.model = this.connection.model<WebhookDocument>(WEBHOOK_MODEL, WebhookSchema);
    return this;
  }

  /** Collects every record of the given topics (attempts, DLQ...) from the beginning. */
  async collect(...keys: Array<keyof Topics>): Promise<void> {
    this.collectorGroup = {
      groupId: uniqueName('collector'),
      topics: keys.map((key) => this.topics[key]),
    };
    this.collector = this.kafka.consumer({
      groupId: this.collectorGroup.groupId,
      maxWaitTimeInMs: 100,
    });
    await this.collector.connect();
    for (const key of keys) this.outputs.set(this.topics[key], []);
    await this.collector.subscribe({
      topics: keys.map((k) => this.topics[k]),
      fromBeginning: true,
    });
    await this.collector.run({
      eachMessage: ({ topic, message }) => {
        this.outputs.get(topic)?.push(JSON.parse(message.value!.toString('utf8')));
        return Promise.resolve();
      },
    });
  }

  output<T>(key: keyof Topics): T[] {
    return (this.outputs.get(this.topics[key]) ?? []) as T[];
  }

  /** The delivery ids among `ids` that have a record on a collected topic, each once. */
  deliveryIdsOn(key: keyof Topics, ids: ReadonlySet<string>): Set<string> {
    return new Set(
      this.output<{ delivery_id?: string }>(key)
        .map((r) => r.delivery_id)
        .filter((id): id is string => id !== undefined && ids.has(id)),
    );
  }

  config(env: Record<string, string> = {}): SenderConfig {
    return validateEnv(SenderConfig, {
      KAFKA_BROKERS: TEST_BROKERS.join(','),
      MONGODB_URI: this.mongoUri,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_ENCRYPTION_KEY: this.encryptionKey,
      WEBHOOK_ALLOWED_PRIVATE_CIDRS: '127.0.0.0/8',
      WEBHOOK_RETRY_DELAYS: '300ms,300ms,300ms',
      SENDER_CONSUMER_GROUP: uniqueName('sender-group'),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      ...env,
    });
  }

  async startSender(
    config: SenderConfig,
    overrides: SenderOverrides = {},
  ): Promise<SenderUnderTest> {
    const module = SenderModule.forRoot(
      { config, logger: silentLogger, topics: this.topics },
      { commitIntervalMs: 200, ...overrides },
    );
    // abortOnError false: a failure to start must fail the test, not end the test process.
    const app = await NestFactory.create(module, { logger: false, abortOnError: false });
    await app.init();
    const sender = new SenderUnderTest(app, await hostConsumers(app));
    this.senders.push(sender);
    return sender;
  }

  /** Stores and announces a webhook as management would; returns its id and signing secret. */
  async addWebhook(options: {
    url: string;
    method?: 'POST' | 'PUT' | 'PATCH';
    headers?: Record<string, string>;
    active?: boolean;
    rateLimit?: number;
    secrets?: Array<{ secret: string; expires_at: Date | null }>;
  }): Promise<{ id: string; secret: string }> {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const id = randomUUID();
    const now = new Date();
    const secrets = options.secrets ?? [{ secret, expires_at: null }];
    await this.model.create({
      _id: id,
      organisation_id: this.organisationId,
      name: `hook ${id}`,
      target_url: options.url,
      method: options.method ?? 'POST',
      events: ['contact.created'],
      headers: Object.entries(options.headers ?? {}).map(([name, value]) => ({
        name,
        value_encrypted: this.box.encrypt(value),
      })),
      active: options.active ?? true,
      rate_limit: options.rateLimit ?? null,
      secrets: secrets.map((s) => ({
        secret_encrypted: this.box.encrypt(s.secret),
        created_at: now,
        expires_at: s.expires_at,
      })),
      created_at: now,
      updated_at: now,
    });
    await publishRoutes(this.producer, this.topics.webhookRoutes, [
      {
        webhook_id: id,
        organisation_id: this.organisationId,
        events: ['contact.created'],
        active: options.active ?? true,
        version: now.getTime(),
      },
    ]);
    return { id, secret: secrets[0].secret };
  }

  /** Deletes (tombstone in the store, then on the routing topic) as management would. */
  async deleteWebhook(id: string): Promise<void> {
    const now = new Date();
    await this.model.updateOne(
      { _id: id },
      { $set: { deleted_at: now, updated_at: now, active: false } },
    );
    await publishRoutes(this.producer, this.topics.webhookRoutes, [
      { webhook_id: id, deleted: true },
    ]);
  }

  /** Deactivates (a new version in the store, then on the routing topic) as management would. */
  async deactivateWebhook(id: string): Promise<number> {
    const now = new Date();
    await this.model.updateOne({ _id: id }, { $set: { active: false, updated_at: now } });
    await publishRoutes(this.producer, this.topics.webhookRoutes, [
      {
        webhook_id: id,
        organisation_id: this.organisationId,
        events: ['contact.created'],
        active: false,
        version: now.getTime(),
      },
    ]);
    return now.getTime();
  }

  record(webhookId: string, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
    return deliveryRecord(this.organisationId, webhookId, overrides);
  }

  async produce(records: DeliveryRecord[], key: keyof Topics = 'deliveries'): Promise<void> {
    for (let i = 0; i < records.length; i += 500)
      await this.producer.send({
        topic: this.topics[key],
        acks: -1,
        messages: records.slice(i, i + 500).map(deliveryMessage),
      });
  }

  async produceRaw(value: string, key: keyof Topics = 'deliveries'): Promise<void> {
    await this.producer.send({
      topic: this.topics[key],
      acks: -1,
      messages: [{ key: 'raw', value }],
    });
  }

  /**
   * Stops what the harness started; `deleteTopics` also deletes its topics (a benchmark
   * that makes a set per round would otherwise crowd the broker's open files).
   */
  async stop({ deleteTopics = false } = {}): Promise<void> {
    for (const sender of this.senders) await sender.stop();
    await this.collector?.disconnect();
    if (deleteTopics) await this.admin.deleteTopics({ topics: Object.values(this.topics) });
    await this.producer.disconnect();
    await this.admin.disconnect();
    await this.connection.dropDatabase().catch(() => undefined);
    await this.connection.close();
  }
}
