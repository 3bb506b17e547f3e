import { randomUUID } from 'node:crypto';
import { deliveryIdFor, EVENT_CATALOG, type DeliveryRecord } from '@app/contracts';
import { AppProcess } from '../../../test/support/app-process';
import { TopicCollector } from '../../../test/support/topic-collector';
import { sleep, waitFor } from '../../../test/support/wait-for';
import { MatcherFixture } from './matcher-support';

/** kill -9 the matcher mid-stream; a new instance in the same group must lose nothing. */
describe('matcher killed mid-stream', () => {
  const fixture = new MatcherFixture();
  const org = randomUUID();
  const EVENTS = 1200;
  const BATCH = 40;

  beforeAll(() => fixture.setUp());
  afterAll(() => fixture.tearDown());

  it('delivers every matched event after a restart (duplicates allowed, losses not)', async () => {
    const webhooks = [
      await fixture.createWebhook(org, ['contact.created']),
      await fixture.createWebhook(org, ['contact.created']),
    ];
    const collector = await TopicCollector.start<DeliveryRecord>([fixture.topics.deliveries]);
    const first = new AppProcess('matcher', 3191, fixture.env());
    const second = new AppProcess('matcher', 3192, fixture.env());
    try {
      await first.start();
      const eventIds: string[] = [];
      for (let sent = 0; sent < EVENTS; sent += BATCH) {
        const batch = Array.from({ length: BATCH }, () => randomUUID());
        await fixture.publisher.publish(
          batch.map((id) => ({
            id,
            type: 'contact.created' as const,
            organisation_id: org,
            data: EVENT_CATALOG['contact.created'].example,
          })),
        );
        eventIds.push(...batch);
        if (sent === EVENTS / 3) {
          await first.kill();
          await second.start();
        }
        await sleep(10);
      }
      const expected = new Set(
        eventIds.flatMap((eventId) =>
          webhooks.map((webhookId) => deliveryIdFor(eventId, webhookId)),
        ),
      );
      await waitFor(
        `${expected.size} distinct deliveries`,
        () => new Set(collector.records.map((r) => r.value.delivery_id)).size >= expected.size,
        60_000,
        200,
      );
      const received = collector.records.map((r) => r.value.delivery_id);
      const lost = [...expected].filter((id) => !received.includes(id));
      const duplicates = received.length - new Set(received).size;
      console.log(
        `[matcher crash] events ${EVENTS}, deliveries expected ${expected.size}, received ${received.length}, duplicates ${duplicates}, lost ${lost.length}`,
      );
      expect(lost).toEqual([]);
    } finally {
      await first.kill();
      await second.stop();
      await collector.stop();
    }
  }, 120_000);
});
