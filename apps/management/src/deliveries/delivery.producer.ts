import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { DeliveryRecord, Topics } from '@app/contracts';
import { ReliableProducer, sendBounded } from '@app/kafka';
import { TOPICS } from '@app/runtime';

/** How long a test or redeliver request waits for Kafka to take its record. */
export const PUBLISH_DEADLINE_MS = 10_000;

/** Publishes delivery records (test, redeliver, recover) to `webhooks.deliveries`, keyed by webhook id. */
@Injectable()
export class DeliveryProducer {
  constructor(
    private readonly kafka: ReliableProducer,
    @Inject(TOPICS) private readonly topics: Topics,
  ) {}

  /**
   * Resolves once every in-sync replica has the record. The producer retries for as long as
   * Kafka is away; an HTTP caller is not kept waiting that long: after `deadlineMs` this
   * fails with 503 (the record may still go out later, under its own delivery id).
   */
  async publish(record: DeliveryRecord, deadlineMs = PUBLISH_DEADLINE_MS): Promise<void> {
    await withDeadline(
      this.kafka.producer.send({
        topic: this.topics.deliveries,
        acks: -1,
        messages: [{ key: record.webhook_id, value: JSON.stringify(record) }],
      }),
      deadlineMs,
    );
  }

  /** Several records (a recovered window) in as few size-bounded requests as it takes. */
  async publishMany(records: DeliveryRecord[], deadlineMs = PUBLISH_DEADLINE_MS): Promise<void> {
    if (records.length === 0) return;
    await withDeadline(
      sendBounded(this.kafka.producer, [
        {
          topic: this.topics.deliveries,
          messages: records.map((record) => ({
            key: record.webhook_id,
            value: JSON.stringify(record),
          })),
        },
      ]),
      deadlineMs,
    );
  }
}

/**
 * Waits for `sent` at most `deadlineMs`, then fails with 503 (the records may still go out
 * later, under their own delivery ids).
 */
async function withDeadline(sent: Promise<unknown>, deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ServiceUnavailableException([
            'the delivery could not be handed to Kafka in time; try again',
          ]),
        ),
      deadlineMs,
    );
  });
  // A late failure after the deadline has nobody to report to; never leave it unhandled.
  sent.catch(() => undefined);
  try {
    await Promise.race([sent, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
