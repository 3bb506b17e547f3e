import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EVENT_CATALOG, type DeliveryRecord, type DomainEvent } from '@app/contracts';
import { TEST_BROKERS } from '../../../test/support/test-env';
import {
  childEnv,
  pythonWithConfluentKafka,
  runStep,
} from '../../../test/support/producer-clients';
import { TopicCollector } from '../../../test/support/topic-collector';
import { waitFor } from '../../../test/support/wait-for';
import { MatcherFixture } from './matcher-support';

/**
 * Producers compress as their client does by default (franz-go: snappy) or as they choose;
 * kafkajs alone reads gzip only, and a batch it cannot decode stops the consumer for good.
 * librdkafka (confluent-kafka, from the same virtualenv as the Python example) writes a batch
 * with each of Kafka's codecs; the matcher must match every event of every batch.
 */
const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;

const PRODUCE = `
import json, os
from confluent_kafka import Producer

failures = []
for codec, events in json.loads(os.environ["EVENTS"]).items():
    producer = Producer({
        "bootstrap.servers": os.environ["KAFKA_BROKERS"],
        "compression.type": codec,
        "partitioner": "murmur2_random",
        "linger.ms": 20,
    })
    for event in events:
        producer.produce(
            os.environ["TOPIC"],
            key=event["data"]["id"].encode(),
            value=json.dumps(event).encode(),
            on_delivery=lambda error, message: error and failures.append(str(error)),
        )
    if producer.flush(30) or failures:
        raise SystemExit(f"{codec}: not acknowledged: {failures}")
`;

describe('matcher: compressed batches', () => {
  const fixture = new MatcherFixture();
  const org = randomUUID();
  let app: INestApplication;
  let collector: TopicCollector<DeliveryRecord>;

  beforeAll(async () => {
    await fixture.setUp();
    await fixture.createWebhook(org, ['contact.created']);
    collector = await TopicCollector.start([fixture.topics.deliveries]);
    app = await fixture.startInProcess();
  });

  afterAll(async () => {
    await app?.close();
    await collector?.stop();
    await fixture.tearDown();
  });

  it('matches every event of gzip, snappy, lz4 and zstd batches', async () => {
    const python = await pythonWithConfluentKafka();
    const events: Record<string, DomainEvent[]> = Object.fromEntries(
      CODECS.map((codec) => [
        codec,
        Array.from({ length: 3 }, () => ({
          id: randomUUID(),
          type: 'contact.created' as const,
          organisation_id: org,
          occurred_at: new Date().toISOString(),
          data: { ...EVENT_CATALOG['contact.created'].example, id: randomUUID() },
        })),
      ]),
    );
    await runStep(python, ['-c', PRODUCE], {
      env: childEnv({
        KAFKA_BROKERS: TEST_BROKERS.join(','),
        TOPIC: fixture.topics.domainContacts,
        EVENTS: JSON.stringify(events),
      }),
    });
    const ids = Object.values(events).flatMap((batch) => batch.map((event) => event.id));
    await waitFor(`deliveries for the ${ids.length} events`, () => {
      const matched = new Set(collector.records.map((record) => record.value.payload.id));
      return ids.every((id) => matched.has(id));
    });
  }, 120_000);
});
