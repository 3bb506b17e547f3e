import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { createReliableProducer } from './kafka-client';
import { KafkaConnection } from './kafka-connection';

/**
 * An app's shared idempotent producer (acks=all): connected at start, flushed and closed on
 * shutdown. Classes that publish take it by injection and keep only their own send logic.
 */
@Injectable()
export class ReliableProducer implements OnModuleInit, OnApplicationShutdown {
  readonly producer: Producer;

  constructor(kafka: KafkaConnection) {
    this.producer = createReliableProducer(kafka.kafka);
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
