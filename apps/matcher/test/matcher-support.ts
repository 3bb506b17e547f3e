import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Producer } from 'kafkajs';
import { validateEnv } from '@app/config';
import {
  DOMAIN_TOPIC_KEYS,
  DomainEventPublisher,
  EVENT_CATALOG,
  resolveTopics,
  topicSpecs,
  type EventType,
  type Topics,
  type WebhookOrdering,
} from '@app/contracts';
import { ensureTopics, hostConsumers, createKafkaClientFromEnv } from '@app/kafka';
import { createLogger } from '@app/observability';
import { MatcherConfig } from '../src/matcher.config';
import { MatcherModule } from '../src/matcher.module';
import { replayGroupId } from '../src/replay-consumer';
import type { GroupReading } from '../../../test/support/caught-up';
import { publishRoutes } from '../../../test/support/route-publisher';
import { TEST_BROKERS, uniqueName } from '../../../test/support/test-env';

/** Everything one matcher test suite owns: topics and consumer group (the matcher has no store). */
export class MatcherFixture {
  readonly prefix = `${uniqueName('matcher')}.`;
  readonly topics: Topics = resolveTopics({}, this.prefix);
  readonly group = uniqueName('matcher-group');
  readonly kafka = createKafkaClientFromEnv('matcher-test');
  producer!: Producer;
  publisher!: DomainEventPublisher;

  /** The environment the matcher runs with, in-process or as a child process. */
  env(): Record<string, string> {
    return {
      KAFKA_BROKERS: TEST_BROKERS.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      MATCHER_CONSUMER_GROUP: this.group,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      LOG_LEVEL: 'warn',
    };
  }

  /** The matcher's consumer groups with the topics they read (see caughtUp). */
  get consumerGroups(): GroupReading[] {
    const config = validateEnv(MatcherConfig, this.env());
    return [
      {
        groupId: config.MATCHER_CONSUMER_GROUP,
        topics: DOMAIN_TOPIC_KEYS.map((k) => this.topics[k]),
      },
      { groupId: replayGroupId(config), topics: [this.topics.replays] },
    ];
  }

  async setUp(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topicSpecs(this.topics));
    await admin.disconnect();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.publisher = new DomainEventPublisher(this.producer, this.topics);
  }

  async tearDown(): Promise<void> {
    await this.producer?.disconnect();
  }

  /** Announces a webhook on the routing topic, as management's relay does after a create. */
  async createWebhook(
    organisationId: string,
    events: EventType[],
    active = true,
    ordering: WebhookOrdering = 'none',
    filter?: Record<string, unknown>,
  ): Promise<string> {
    const id = randomUUID();
    await publishRoutes(this.producer, this.topics.webhookRoutes, [
      {
        webhook_id: id,
        organisation_id: organisationId,
        events,
        active,
        version: Date.now(),
        ordering,
        ...(filter ? { filter } : {}),
      },
    ]);
    return id;
  }

  async deleteWebhook(id: string): Promise<void> {
    await publishRoutes(this.producer, this.topics.webhookRoutes, [
      { webhook_id: id, deleted: true },
    ]);
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
    await hostConsumers(app);
    return app;
  }
}
