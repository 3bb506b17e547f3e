import { randomUUID } from 'node:crypto';
import {
  deliveryIdFor,
  EVENT_CATALOG,
  type DeliveryRecord,
  type ReplayProgress,
} from '@app/contracts';
import { createReliableProducer } from '@app/kafka';
import { createLogger } from '@app/observability';
import { caughtUp } from '../../../test/support/caught-up';
import { TopicCollector } from '../../../test/support/topic-collector';
import { sleep, waitFor } from '../../../test/support/wait-for';
import { ReplayRunner } from '../src/replay-runner';
import { MatcherFixture } from './matcher-support';

/**
 * ReplayRunner on the real broker with tiny fetches, so a window takes many batches per
 * partition: every event is scanned exactly once, each match delivered once, at the pace
 * asked for.
 */
describe('ReplayRunner over many small fetches', () => {
  const fixture = new MatcherFixture();
  const org = randomUUID();
  const EVENTS = 240;
  const RATE = 400;

  beforeAll(() => fixture.setUp());
  afterAll(() => fixture.tearDown());

  it('scans each event of the window once, delivers each match once, no faster than its cap', async () => {
    const since = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < EVENTS; i += 40)
      ids.push(
        ...(
          await fixture.publisher.publish(
            Array.from({ length: 40 }, (_, j) => {
              const type = (i + j) % 2 === 0 ? 'contact.created' : 'contact.deleted';
              return { type, organisation_id: org, data: EVENT_CATALOG[type].example };
            }),
          )
        ).map((event) => event.id),
      );
    await sleep(5);
    const until = new Date().toISOString();
    const collector = await TopicCollector.start<DeliveryRecord>([fixture.topics.deliveries]);
    const admin = fixture.kafka.admin();
    const producer = createReliableProducer(fixture.kafka);
    await Promise.all([admin.connect(), producer.connect()]);
    const reports: ReplayProgress[] = [];
    const runner = new ReplayRunner({
      kafka: fixture.kafka,
      admin,
      producer,
      deliveriesTopic: fixture.topics.deliveries,
      domainTopics: [fixture.topics.domainContacts],
      groupPrefix: `${fixture.group}.reader`,
      sessionTimeoutMs: 6000,
      maxEventsPerSecond: RATE,
      logger: createLogger('matcher', 'silent'),
      maxBytesPerPartition: 2048,
    });
    try {
      const webhookId = randomUUID();
      const started = Date.now();
      const end = await runner.run(
        {
          replay_id: randomUUID(),
          webhook_id: webhookId,
          organisation_id: org,
          events: ['contact.created'],
          since,
          until,
          requested_at: new Date().toISOString(),
        },
        (progress) => {
          reports.push(progress);
          return Promise.resolve();
        },
        () => false,
      );
      const seconds = (Date.now() - started) / 1000;
      expect(end).toBe('completed');
      expect(reports.at(-1)).toMatchObject({
        state: 'completed',
        events_total: EVENTS,
        events_scanned: EVENTS,
        events_matched: EVENTS / 2,
      });
      expect(seconds).toBeGreaterThanOrEqual((EVENTS / RATE) * 0.9);
      await waitFor('the deliveries', () => collector.records.length >= EVENTS / 2);
      // The run has ended: all it produced is on the topic, and now all of it collected.
      await caughtUp(fixture.kafka, [collector.group]);
      const delivered = collector.records.map((r) => r.value.delivery_id);
      expect(delivered).toHaveLength(EVENTS / 2);
      expect(new Set(delivered)).toEqual(
        new Set(ids.filter((_, i) => i % 2 === 0).map((id) => deliveryIdFor(id, webhookId))),
      );
    } finally {
      await Promise.all([collector.stop(), admin.disconnect(), producer.disconnect()]);
    }
  });
});
