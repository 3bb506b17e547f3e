import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { KafkaSettings } from '@app/config';
import { checkKafkaAccess, KafkaAccessError } from './kafka-access';
import { createKafkaClient } from './kafka-client';
import { ensureTopics, type TopicSpec } from './topic-provisioner';

export interface KafkaConnectionOptions {
  /** Brokers, TLS, SASL. */
  settings: KafkaSettings;
  clientId: string;
  logger: Logger;
  /** Topics this app needs; created at start when missing. */
  topics: TopicSpec[];
}

/** The app's Kafka client and admin connection; provisions the app's topics at start. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly admin: Admin;

  constructor(private readonly options: KafkaConnectionOptions) {
    this.kafka = createKafkaClient(options);
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
    const created = await ensureTopics(this.admin, this.options.topics);
    if (created.length > 0) this.options.logger.info({ topics: created }, 'created Kafka topics');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect();
  }
}
