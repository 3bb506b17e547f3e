import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import mongoose, { type Connection, type Model } from 'mongoose';
import { validateEnv } from '@app/config';
import {
  DomainEventPublisher,
  EVENT_CATALOG,
  resolveTopics,
  topicSpecs,
  type EventType,
  type Topics,
} from '@app/contracts';
import { ensureTopics } from '@app/kafka';
import { createLogger } from '@app/observability';
import { WEBHOOK_MODEL, WebhookSchema, type WebhookDocument } from '@app/webhooks';
import { MatcherConfig } from '../src/matcher.config';
import { MatcherModule } from '../src/matcher.module';
import { TEST_BROKERS, testMongoUri, uniqueName } from '../../../test/support/test-env';

/** Everything one matcher test suite owns: topics, database, consumer group. */
export class MatcherFixture {
  readonly prefix = `${uniqueName('matcher')}.`;
  readonly topics: Topics = resolveTopics({}, this.prefix);
  readonly mongoUri = testMongoUri(uniqueName('matcher'));
  readonly group = uniqueName('matcher-group');
  readonly kafka = new Kafka({
    clientId: 'matcher-test',
    brokers: TEST_BROKERS,
    logLevel: logLevel.NOTHING,
  });
  producer!: Producer;
  publisher!: DomainEventPublisher;
  connection!: Connection;
  webhooks!: Model<WebhookDocument>;

  /** The environment the matcher runs with, in-process or as a child process. */
  env(): Record<string, string> {
    return {
      KAFKA_BROKERS: TEST_BROKERS.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      MONGODB_URI: this.mongoUri,
      MATCHER_CONSUMER_GROUP: this.group,
      WEBHOOK_VIEW_POLL_MS: '200',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      LOG_LEVEL: 'warn',
    };
  }

  async setUp(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topicSpecs(this.topics));
    await admin.disconnect();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.publisher = new DomainEventPublisher(this.producer, this.topics);
    this.connection = await mongoose.createConnection(this.mongoUri).asPromise();
    this.webhooks = this.connection.model<WebhookDocument>(WEBHOOK_MODEL, WebhookSchema);
  }

  async tearDown(): Promise<void> {
    await this.producer?.disconnect();
    await this.connection?.dropDatabase();
    await this.connection?.close();
  }

  /** Writes a webhook the way management does (the document contract in @app/webhooks). */
  async createWebhook(organisationId: string, events: EventType[], active = true): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await this.webhooks.create({
      _id: id,
      organisation_id: organisationId,
      name: `hook ${id.slice(0, 8)}`,
      target_url: `https://hooks.example.com/${id}`,
      events,
      active,
      secrets: [{ secret_encrypted: 'sealed', created_at: now }],
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  async deleteWebhook(id: string): Promise<void> {
    const now = new Date();
    await this.webhooks.updateOne(
      { _id: id },
      { deleted_at: now, active: false, target_url: `deleted:${id}`, updated_at: now },
    );
  }

  /** Publishes an event of `type` (the catalog example as data) for an organisation. */
  async publish(
    type: EventType,
    organisationId: string,
    id: string = randomUUID(),
  ): Promise<string> {
    await this.publisher.publish([
      { id, type, organisation_id: organisationId, data: EVENT_CATALOG[type].example },
    ]);
    return id;
  }

  /** The matcher in this process, built exactly as main.ts builds it. */
  async startInProcess(): Promise<INestApplication> {
    const config = validateEnv(MatcherConfig, this.env());
    const logger = createLogger('matcher', config.LOG_LEVEL);
    const app = await NestFactory.create(
      MatcherModule.forRoot({ config, logger, topics: this.topics }),
      { logger: false },
    );
    await app.init();
    return app;
  }
}
