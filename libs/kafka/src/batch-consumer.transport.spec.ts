import 'reflect-metadata';
import { EventEmitter } from 'node:events';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import pino from 'pino';
import { Registry } from 'prom-client';
import { KafkaBatchTransport } from './batch-consumer.transport';
import { BatchConsumers } from './batch-consumers.decorator';

class RetriableKafkaError extends Error {
  readonly retriable = true;
}

const seen: EachBatchPayload[] = [];

@BatchConsumers()
class TestConsumers {
  @EventPattern('good_consumer')
  good(@Payload() payload: EachBatchPayload): Promise<void> {
    seen.push(payload);
    return Promise.resolve();
  }

  @EventPattern('failing_consumer')
  failing(): Promise<void> {
    return Promise.reject(new RetriableKafkaError('broker gone'));
  }
}

@Module({ controllers: [TestConsumers] })
class TestModule {}

/** A kafkajs client whose consumers keep the eachBatch they are run with. */
function fakeKafka() {
  const eachBatch = new Map<string, (payload: EachBatchPayload) => Promise<void>>();
  const kafka = {
    consumer: ({ groupId }: { groupId: string }) =>
      Object.assign(new EventEmitter(), {
        events: { GROUP_JOIN: 'j', REBALANCING: 'r', STOP: 's', CRASH: 'c' },
        connect: () => Promise.resolve(),
        subscribe: () => Promise.resolve(),
        disconnect: () => Promise.resolve(),
        run: ({ eachBatch: handler }: { eachBatch: (p: EachBatchPayload) => Promise<void> }) => {
          eachBatch.set(groupId, handler);
          return Promise.resolve();
        },
      }),
  } as unknown as Kafka;
  return { kafka, eachBatch };
}

describe('KafkaBatchTransport', () => {
  let app: INestApplication;
  let transport: KafkaBatchTransport;
  let eachBatch: Map<string, (payload: EachBatchPayload) => Promise<void>>;
  const onFatal = jest.fn();
  /** A transport on `kafka` with silent logging, no health indicators and this spec's onFatal. */
  const transportOn = (kafka: Kafka) =>
    new KafkaBatchTransport({
      kafka,
      admin: undefined as never, // the lag is read only when /metrics is scraped
      logger: pino({ level: 'silent' }),
      health: { register: () => undefined },
      indicators: undefined as never,
      registry: new Registry(),
      onFatal: () => onFatal,
    });

  beforeAll(async () => {
    const fake = fakeKafka();
    eachBatch = fake.eachBatch;
    transport = transportOn(fake.kafka);
    for (const name of ['good_consumer', 'failing_consumer'])
      transport.consume({
        name,
        groupId: name,
        topics: ['t'],
        sessionTimeoutMs: 10_000,
        commits: 'resolved',
      });
    app = await NestFactory.create(TestModule, { logger: false });
    app.connectMicroservice({ strategy: transport });
    await app.init();
    await app.startAllMicroservices();
    await new Promise((resolve) => setImmediate(resolve)); // the consumers start in the background
  });
  afterAll(() => app.close());

  it('hands each consumer its batches through its @EventPattern handler', async () => {
    const payload = { batch: { topic: 't', partition: 0 } } as unknown as EachBatchPayload;
    await eachBatch.get('good_consumer')!(payload);
    // The same batch (with its resolveOffset noted by the runner, see batch-consumer.ts).
    expect(seen).toEqual([expect.objectContaining({ batch: payload.batch })]);
  });

  it("gives a handler's error back to kafkajs as it was thrown, so kafkajs can retry it", async () => {
    const failure = eachBatch.get('failing_consumer')!({
      batch: { topic: 't', partition: 0 },
    } as unknown as EachBatchPayload);
    await expect(failure).rejects.toBeInstanceOf(RetriableKafkaError);
    await expect(failure).rejects.toMatchObject({ retriable: true, message: 'broker gone' });
    expect(onFatal).not.toHaveBeenCalled();
  });

  it('refuses to listen when a handler has no declared consumer', () => {
    const undeclared = transportOn(fakeKafka().kafka);
    undeclared.addHandler('forgotten', () => Promise.resolve(), true);
    expect(() => undeclared.listen(() => undefined)).toThrow(/'forgotten'\) has no consumer/);
  });

  it('refuses to listen when a declared consumer has no handler', () => {
    const orphan = transportOn(fakeKafka().kafka).consume({
      name: 'nobody',
      groupId: 'g',
      topics: ['t'],
      sessionTimeoutMs: 10_000,
      commits: 'resolved',
    });
    expect(() => orphan.listen(() => undefined)).toThrow(/no @EventPattern\('nobody'\)/);
  });
});
