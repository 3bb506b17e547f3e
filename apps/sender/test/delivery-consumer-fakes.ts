import { randomUUID } from 'node:crypto';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { Registry } from 'prom-client';
import { deliveryMessage, resolveTopics, type DeliveryRecord } from '@app/contracts';
import type { ConsumerControl } from '@app/kafka';
import type { DeliveryService } from '../src/delivery.service';
import { defaultLimits } from '../src/flow-control/sender-limits.fixture';
import type { SenderLimits } from '../src/flow-control/sender-limits';
import { DeliveryConsumer } from '../src/intake/delivery-consumer';
import type { TopicPartitionOffset } from '../src/intake/offset-tracker';
import type { OutcomeProducer } from '../src/outcome-producer';
import { SenderMetrics } from '../src/sender.metrics';
import { deliveryRecord } from './delivery-records';

/**
 * DeliveryConsumer without infrastructure, for its unit specs under fake timers: a consumer
 * control that notes commits, seeks, pauses and resumes, and a delivery service whose
 * deliveries end only when the spec says so.
 */

export const topics = resolveTopics({}, 'spec.');
export const organisationId = randomUUID();

/** A first-attempt record for a webhook; with `entity`, an ordered one about that entity. */
export function record(webhookId: string, entity?: string): DeliveryRecord {
  return deliveryRecord(organisationId, webhookId, entity ? { ordering_key: entity } : {});
}

/** A record of the first retry topic (attempt 2 after a 500), due at `notBefore`. */
export function retryRecord(webhookId: string, notBefore: Date): DeliveryRecord {
  const first = deliveryRecord(organisationId, webhookId);
  return {
    ...first,
    attempt: 2,
    not_before: notBefore.toISOString(),
    history: [
      {
        attempt: 1,
        attempted_at: first.created_at,
        status_code: 500,
        error_kind: 'http_status',
        error: 'HTTP 500',
        duration_ms: 3,
      },
    ],
  };
}

/** One fetched batch of a topic-partition, offsets from `firstOffset`, as kafkajs hands it over. */
export function batchOf(
  topic: string,
  partition: number,
  records: DeliveryRecord[],
  firstOffset = 0,
): EachBatchPayload {
  const messages = records.map((r, i) => {
    const { key, value } = deliveryMessage(r);
    return {
      key: Buffer.from(key),
      value: Buffer.from(value),
      offset: String(firstOffset + i),
    };
  }) as unknown as KafkaMessage[];
  return {
    batch: { topic, partition, messages },
    isRunning: () => true,
    isStale: () => false,
    heartbeat: () => Promise.resolve(),
    resolveOffset: () => undefined,
  } as unknown as EachBatchPayload;
}

/** The consumer calls a spec can look at; `refuseCommits` makes the next commits fail. */
export class FakeConsumerControl implements ConsumerControl {
  readonly commits: TopicPartitionOffset[][] = [];
  readonly commitCalls: TopicPartitionOffset[][] = [];
  readonly seeks: Array<{ topic: string; partition: number; offset: string }> = [];
  readonly paused: Array<{ topic: string; partition: number }> = [];
  readonly resumed: Array<{ topic: string; partition: number }> = [];
  refuseCommits = 0;

  commitOffsets = (offsets: TopicPartitionOffset[]): Promise<void> => {
    this.commitCalls.push(offsets);
    if (this.refuseCommits > 0) {
      this.refuseCommits -= 1;
      return Promise.reject(new Error('The coordinator is not aware of this member'));
    }
    this.commits.push(offsets);
    return Promise.resolve();
  };

  seek = (position: { topic: string; partition: number; offset: string }): void => {
    this.seeks.push(position);
  };

  pause = (topics: Array<{ topic: string; partitions?: number[] }>): void => {
    for (const { topic, partitions } of topics)
      for (const partition of partitions ?? []) this.paused.push({ topic, partition });
  };

  resume = (topics: Array<{ topic: string; partitions?: number[] }>): void => {
    for (const { topic, partitions } of topics)
      for (const partition of partitions ?? []) this.resumed.push({ topic, partition });
  };
}

/** A delivery service whose every delivery runs until `finish` (or `finishAll`) ends it. */
export class HeldDeliveries {
  /** Deliveries started, in the order they started (by payload id). */
  readonly started: string[] = [];
  /** Webhooks whose endpoint is crowded (their records are put aside). */
  readonly crowded = new Set<string>();
  private readonly running = new Map<string, () => void>();

  /** Ends the delivery of `r`'s payload. */
  finish(r: DeliveryRecord): void {
    const end = this.running.get(r.payload.id);
    if (!end) throw new Error(`the delivery of ${r.payload.id} is not running`);
    this.running.delete(r.payload.id);
    end();
  }

  isRunning(r: DeliveryRecord): boolean {
    return this.running.has(r.payload.id);
  }

  asService(): DeliveryService {
    const run = (r: DeliveryRecord) => {
      this.started.push(r.payload.id);
      return new Promise<void>((resolve) => this.running.set(r.payload.id, resolve));
    };
    return {
      crowdedNow: (webhookId: string) => this.crowded.has(webhookId),
      deliver: run,
      deliverInOrder: run,
      stopWaiting: () => undefined,
      stop: () => undefined,
    } as unknown as DeliveryService;
  }
}

/** A Nest logger that writes nothing, for a DeliveryConsumer under test. */
export function silentLogger(): PinoLogger {
  return {
    setContext: () => undefined,
    logger: pino({ level: 'silent' }),
    warn: () => undefined,
    error: () => undefined,
  } as unknown as PinoLogger;
}

/** A started DeliveryConsumer with default limits (and `overrides`) on the fakes. */
export function consumerUnderTest(overrides: Partial<SenderLimits> = {}) {
  const limits = defaultLimits(overrides);
  const deliveries = new HeldDeliveries();
  const control = new FakeConsumerControl();
  const metrics = new SenderMetrics(new Registry());
  const logger = silentLogger();
  const consumer = new DeliveryConsumer(
    topics,
    deliveries.asService(),
    {} as OutcomeProducer,
    metrics,
    logger,
    limits,
  );
  consumer.hooks.started!(control);
  return { consumer, deliveries, control, metrics, limits };
}
