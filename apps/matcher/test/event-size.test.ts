import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  DEFAULT_EVENT_MAX_BYTES,
  EVENT_CATALOG,
  type DeliveryRecord,
  type RejectedEvent,
} from '@app/contracts';
import { TopicCollector } from '../../../test/support/topic-collector';
import { waitFor } from '../../../test/support/wait-for';
import { MatcherFixture } from './matcher-support';

/**
 * EVENT_MAX_BYTES on the real broker: an event larger than the limit (sent with a plain
 * producer, as a producer without the package's check would) is delivered to no one and set
 * aside with its size as the reason; the matcher goes on with the next event.
 */
describe('matcher: the event size limit', () => {
  const fixture = new MatcherFixture();
  const org = randomUUID();
  let app: INestApplication;
  let collector: TopicCollector<DeliveryRecord | RejectedEvent>;

  beforeAll(async () => {
    await fixture.setUp();
    await fixture.createWebhook(org, ['contact.created']);
    collector = await TopicCollector.start([
      fixture.topics.deliveries,
      fixture.topics.rejectedEvents,
    ]);
    app = await fixture.startInProcess();
  });

  afterAll(async () => {
    await app?.close();
    await collector?.stop();
    await fixture.tearDown();
  });

  it('rejects an event over EVENT_MAX_BYTES with its size as the reason, and delivers the next', async () => {
    const contact = EVENT_CATALOG['contact.created'].example;
    const oversized = JSON.stringify({
      id: randomUUID(),
      type: 'contact.created',
      organisation_id: org,
      occurred_at: new Date().toISOString(),
      // Valid in every other way: only its size is wrong.
      data: { ...contact, description: 'x'.repeat(DEFAULT_EVENT_MAX_BYTES) },
    });
    await fixture.producer.send({
      topic: fixture.topics.domainContacts,
      messages: [{ key: contact.id, value: oversized }],
    });
    const after = await fixture.publish('contact.created', org);

    const [rejected] = await waitFor('the rejected event', () => {
      const found = collector.on(fixture.topics.rejectedEvents);
      return found.length > 0 ? found : null;
    });
    expect((rejected.value as RejectedEvent).reason).toBe(
      `event too large: ${Buffer.byteLength(oversized)} bytes, more than EVENT_MAX_BYTES (${DEFAULT_EVENT_MAX_BYTES})`,
    );
    expect(rejected.key).toBe(contact.id);
    const delivered = await waitFor('the event after it', () =>
      collector
        .on(fixture.topics.deliveries)
        .find((record) => (record.value as DeliveryRecord).payload.id === after),
    );
    expect(delivered).toBeDefined();
    expect(collector.on(fixture.topics.rejectedEvents)).toHaveLength(1);
  });
});
