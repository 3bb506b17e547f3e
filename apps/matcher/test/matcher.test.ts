import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  deliveryIdFor,
  EVENT_CATALOG,
  type DeliveryRecord,
  type RejectedEvent,
} from '@app/contracts';
import { caughtUp } from '../../../test/support/caught-up';
import { TopicCollector } from '../../../test/support/topic-collector';
import { waitFor } from '../../../test/support/wait-for';
import { SubscriptionTableService } from '../src/subscription-table.service';
import { MatcherFixture } from './matcher-support';

/** The matcher on the real broker and document store: fan-out, rejection, freshness. */
describe('matcher', () => {
  const fixture = new MatcherFixture();
  const orgA = randomUUID();
  const orgB = randomUUID();
  const orgC = randomUUID();
  const filteredOrg = randomUUID();
  let app: INestApplication;
  let collector: TopicCollector<DeliveryRecord | RejectedEvent>;
  const ids: Record<string, string> = {};

  const deliveries = () =>
    collector.on(fixture.topics.deliveries).map((r) => r.value as DeliveryRecord);
  const deliveriesFor = (eventId: string) => deliveries().filter((d) => d.payload.id === eventId);
  /** The matcher has handled all published so far, and the collector kept all it produced. */
  const allHandled = () => caughtUp(fixture.kafka, [...fixture.consumerGroups, collector.group]);

  beforeAll(async () => {
    await fixture.setUp();
    ids.both = await fixture.createWebhook(orgA, ['contact.created', 'conversation.inbound']);
    ids.created = await fixture.createWebhook(orgA, ['contact.created']);
    ids.inactive = await fixture.createWebhook(orgA, ['contact.created'], false);
    ids.otherOrg = await fixture.createWebhook(orgB, ['contact.created']);
    ids.ordered = await fixture.createWebhook(orgC, ['contact.created'], true, 'per_entity');
    ids.unorderedC = await fixture.createWebhook(orgC, ['contact.created']);
    ids.everyContact = await fixture.createWebhook(filteredOrg, ['contact.created']);
    ids.taggedOnly = await fixture.createWebhook(filteredOrg, ['contact.created'], true, 'none', {
      'data.tags.name': 'Neukunde',
      'data.first_name': { $regex: '^L' },
      $or: [{ 'data.email': { $exist: false } }, { 'data.email': null }],
    });
    collector = await TopicCollector.start([
      fixture.topics.deliveries,
      fixture.topics.deliveriesOrdered,
      fixture.topics.rejectedEvents,
    ]);
    app = await fixture.startInProcess();
  });

  afterAll(async () => {
    await app?.close();
    await collector?.stop();
    await fixture.tearDown();
  });

  it('fans an event out to every subscribed live webhook of its organisation, and no other', async () => {
    const created = await fixture.publish('contact.created', orgA);
    const inbound = await fixture.publish('conversation.inbound', orgA);
    const unsubscribed = await fixture.publish('contact.deleted', orgA);
    const other = await fixture.publish('contact.created', orgB);

    await waitFor('4 delivery records', () => deliveries().length >= 4);
    await allHandled(); // nothing more may arrive
    expect(
      deliveriesFor(created)
        .map((d) => d.webhook_id)
        .sort(),
    ).toEqual([ids.both, ids.created].sort());
    expect(deliveriesFor(inbound).map((d) => d.webhook_id)).toEqual([ids.both]);
    expect(deliveriesFor(unsubscribed)).toEqual([]);
    expect(deliveriesFor(other).map((d) => d.webhook_id)).toEqual([ids.otherOrg]);
    expect(deliveries().some((d) => d.webhook_id === ids.inactive)).toBe(false);

    const record = collector
      .on(fixture.topics.deliveries)
      .find((r) => (r.value as DeliveryRecord).payload.id === inbound)!;
    expect(record.key).toBe(ids.both);
    expect(record.value).toMatchObject({
      delivery_id: deliveryIdFor(inbound, ids.both),
      attempt: 1,
      trigger: 'event',
      history: [],
    });
  });

  it('delivers to a webhook with a payload filter only the events that pass it', async () => {
    const example = EVENT_CATALOG['contact.created'].example;
    const untagged = randomUUID();
    const tagged = randomUUID();
    // One contact, so one partition: the untagged event is matched before the tagged one.
    await fixture.publisher.publish([
      {
        id: untagged,
        type: 'contact.created',
        organisation_id: filteredOrg,
        data: { ...example, tags: [] },
      },
      { id: tagged, type: 'contact.created', organisation_id: filteredOrg, data: example },
    ]);
    const toFiltered = () => deliveries().filter((d) => d.webhook_id === ids.taggedOnly);
    await waitFor(
      'both events at the unfiltered webhook, the tagged one at the filtered webhook',
      () => deliveriesFor(untagged).length >= 1 && toFiltered().length >= 1,
    );
    // The filtered webhook's deliveries share a partition (keyed by its id), in match order:
    // an untagged delivery would have come before the tagged one.
    expect(toFiltered().map((d) => d.payload.id)).toEqual([tagged]);
    await waitFor('the tagged event at the unfiltered webhook', () =>
      deliveriesFor(tagged).some((d) => d.webhook_id === ids.everyContact),
    );
    expect(deliveriesFor(untagged).map((d) => d.webhook_id)).toEqual([ids.everyContact]);
  });

  it("puts an ordered webhook's deliveries on the ordered topic, with the event's key as the entity", async () => {
    const created = await fixture.publish('contact.created', orgC);
    const ordered = () =>
      collector.on(fixture.topics.deliveriesOrdered).filter((r) => {
        const record = r.value as DeliveryRecord;
        return record.payload.id === created;
      });
    await waitFor('the ordered delivery', () => ordered().length >= 1);
    await waitFor('the unordered delivery', () => deliveriesFor(created).length >= 1);
    const [message] = ordered();
    const record = message.value as DeliveryRecord;
    const contactId = (EVENT_CATALOG['contact.created'].example as { id: string }).id;
    expect(record.webhook_id).toBe(ids.ordered);
    expect(record.ordering_key).toBe(contactId);
    expect(message.key).toBe(`${ids.ordered}/${contactId}`);
    // The other webhook of the organisation is not ordered: no key, the usual topic.
    expect(deliveriesFor(created).map((d) => [d.webhook_id, d.ordering_key])).toEqual([
      [ids.unorderedC, undefined],
    ]);
  });

  it('sends bad messages to the rejected-events topic with the reason, and moves on', async () => {
    const producer = fixture.producer;
    await producer.send({
      topic: fixture.topics.domainContacts,
      messages: [
        { key: 'k1', value: '{"this is": not json' },
        {
          key: 'k2',
          value: JSON.stringify({
            id: randomUUID(),
            type: 'contact.exploded',
            organisation_id: orgA,
            occurred_at: new Date().toISOString(),
            data: {},
          }),
        },
        {
          key: 'k3',
          value: JSON.stringify({
            id: randomUUID(),
            type: 'contact.created',
            organisation_id: orgA,
            occurred_at: new Date().toISOString(),
            data: { id: 'nope' },
          }),
        },
      ],
    });
    const after = await fixture.publish('contact.created', orgA);

    const rejected = await waitFor('3 rejected events', () => {
      const found = collector.on(fixture.topics.rejectedEvents);
      return found.length >= 3 ? found : null;
    });
    const byKey: Record<string, RejectedEvent> = Object.fromEntries(
      rejected.map((r) => [r.key, r.value as RejectedEvent]),
    );
    expect(byKey.k1.reason).toMatch(/^invalid JSON/);
    expect(Buffer.from(byKey.k1.raw_value_base64!, 'base64').toString()).toBe(
      '{"this is": not json',
    );
    expect(byKey.k2.reason).toBe('unknown event type "contact.exploded"');
    expect(byKey.k3.reason).toMatch(/^invalid data for contact.created: data\//);
    expect(byKey.k3.source).toMatchObject({ topic: fixture.topics.domainContacts, key: 'k3' });
    await waitFor('the valid event after them', () => deliveriesFor(after).length === 2);
  });

  it('gives a re-published event the same delivery ids', async () => {
    const eventId = randomUUID();
    await fixture.publish('contact.created', orgB, eventId);
    await fixture.publish('contact.created', orgB, eventId);
    const twice = await waitFor('both copies', () =>
      deliveriesFor(eventId).length === 2 ? deliveriesFor(eventId) : null,
    );
    expect(new Set(twice.map((d) => d.delivery_id))).toEqual(
      new Set([deliveryIdFor(eventId, ids.otherOrg)]),
    );
  });

  it('picks up a created webhook and drops a deleted one within 2 s', async () => {
    const orgC = randomUUID();
    // The matcher's view of the routing topic, waited on for at most the promised 2 s.
    const table = app.get(SubscriptionTableService).index;
    const subscribed = () => table.match(orgC, 'form_submission.completed', {});
    const fresh = await fixture.createWebhook(orgC, ['form_submission.completed']);
    const stays = await fixture.createWebhook(orgC, ['form_submission.completed']);
    await waitFor('both webhooks in the table', () => subscribed().length === 2, 2000);
    const first = await fixture.publish('form_submission.completed', orgC);
    await waitFor('deliveries to the new webhooks', () => deliveriesFor(first).length === 2);

    await fixture.deleteWebhook(fresh);
    await waitFor('the deleted webhook gone', () => !subscribed().includes(fresh), 2000);
    const second = await fixture.publish('form_submission.completed', orgC);
    await waitFor('the delivery to the remaining webhook', () => deliveriesFor(second).length >= 1);
    await allHandled(); // nothing more may arrive
    expect(deliveriesFor(second).map((d) => d.webhook_id)).toEqual([stays]);
  });
});
