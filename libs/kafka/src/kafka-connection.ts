import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { KafkaSettings } from '@app/config';
import { checkKafkaAccess, KafkaAccessError } from './kafka-access';
import { createKafkaClient } from './kafka-client';
import { KafkaRequests } from './kafka-requests';
import { assertCompacted, TopicSettingsError } from './topic-compaction';
import { ensureTopics, type TopicSpec } from './topic-provisioner';

export interface KafkaConnectionOptions {
  /** Brokers, TLS, SASL. */
  settings: KafkaSettings;
  clientId: string;
  logger: Logger;
  /** Topics this app needs; created at start when missing, checked where they must be compacted. */
  topics: TopicSpec[];
}

/**
 * The app's Kafka client and admin connection. At start it refuses to go on when a topic
 * that must be compacted is not, and creates the missing topics.
 */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly admin: Admin;
  /** Every request of the app's Kafka clients, counted for /metrics. */
  readonly requests = new KafkaRequests();

  constructor(private readonly options: KafkaConnectionOptions) {
    this.kafka = createKafkaClient({ ...options, requests: this.requests });
    this.admin = this.kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    try {
      await checkKafkaAccess(this.options.settings, this.options.clientId);
    } catch (error) {
      if (error instanceof KafkaAccessError)
        this.options.logger.fatal({ kafka_access: error.kind }, error.detail);
      throw error;
    }
    await this.admin.connect();
    try {
      await assertCompacted(this.admin, this.options.topics);
    } catch (error) {
      if (error instanceof TopicSettingsError)
        this.options.logger.fatal({ problems: error.problems }, error.message);
      throw error;
    }
    const created = await ensureTopics(this.admin, this.options.topics);
    if (created.length > 0) this.options.logger.info({ topics: created }, 'created Kafka topics');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect();
  }
}
