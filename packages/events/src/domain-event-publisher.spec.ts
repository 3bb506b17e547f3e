import type { Producer, ProducerBatch } from 'kafkajs';
import { EVENT_CATALOG } from './catalog';
import { DomainEventPublisher } from './domain-event-publisher';
import { resolveDomainTopics } from './domain-topics';
import type { EventType } from './event-types';

const ORG = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const contact = EVENT_CATALOG['contact.created'].example;
const inbound = EVENT_CATALOG['conversation.inbound'].example;

/** A producer that keeps what it is asked to send: the publisher's only I/O. */
function recordingProducer() {
  const batches: ProducerBatch[] = [];
  const producer = {
    sendBatch: (batch: ProducerBatch) => {
      batches.push(batch);
      return Promise.resolve([]);
    },
  } as unknown as Producer;
  return { producer, batches };
}

describe('DomainEventPublisher', () => {
  const topics = resolveDomainTopics({ KAFKA_TOPIC_PREFIX: 't.' });

  it('sends each event to its stream topic, keyed by its aggregate id, with acks from all replicas', async () => {
    const { producer, batches } = recordingProducer();
    const events = await new DomainEventPublisher(producer, topics).publish([
      { type: 'contact.created', organisation_id: ORG, data: contact },
      { type: 'conversation.inbound', organisation_id: ORG, data: inbound },
      {
        type: 'conversation.close',
        organisation_id: ORG,
        data: EVENT_CATALOG['conversation.close'].example,
      },
    ]);
    expect(batches).toHaveLength(1);
    expect(batches[0].acks).toBe(-1);
    const sent = batches[0].topicMessages!.map(({ topic, messages }) => ({
      topic,
      keys: messages.map((m) => m.key),
      headers: messages.map((m) => m.headers),
    }));
    expect(sent).toEqual([
      {
        topic: 't.domain.contacts',
        keys: [contact.id],
        headers: [{ 'event-type': 'contact.created' }],
      },
      {
        topic: 't.domain.conversations',
        keys: [inbound.conversation.id, inbound.conversation.id],
        headers: [{ 'event-type': 'conversation.inbound' }, { 'event-type': 'conversation.close' }],
      },
    ]);
    const value = JSON.parse(String(batches[0].topicMessages![0].messages[0].value)) as unknown;
    expect(value).toEqual(events[0]);
  });

  it('fills in a new id and the time when they are left out, and keeps them when given', async () => {
    const { producer } = recordingProducer();
    const [filled, given] = await new DomainEventPublisher(producer, topics).publish([
      { type: 'contact.created', organisation_id: ORG, data: contact },
      {
        id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11',
        occurred_at: '2026-11-23T10:00:00.000Z',
        type: 'contact.created',
        organisation_id: ORG,
        data: contact,
      },
    ]);
    expect(filled.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(filled.occurred_at)).not.toBeNaN();
    expect(given).toMatchObject({
      id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11',
      occurred_at: '2026-11-23T10:00:00.000Z',
    });
  });

  it.each([
    [
      'data that breaks its schema',
      { type: 'contact.created' as EventType, data: { ...contact, email: 'lena' } },
      /refusing to publish contact.created: invalid data for contact.created: data\/email must match format "email"/,
    ],
    [
      'an operational type',
      { type: 'webhook.disabled' as EventType, data: EVENT_CATALOG['webhook.disabled'].example },
      /refusing to publish webhook.disabled: only the platform publishes it/,
    ],
    [
      'an event larger than the limit',
      { type: 'contact.created' as EventType, data: { ...contact, description: 'x'.repeat(2048) } },
      /refusing to publish contact.created: event too large: \d+ bytes, more than EVENT_MAX_BYTES \(2048\)/,
    ],
  ])('refuses the whole batch, sending nothing, for %s', async (_label, bad, reason) => {
    const { producer, batches } = recordingProducer();
    const publisher = new DomainEventPublisher(producer, topics, { maxEventBytes: 2048 });
    await expect(
      publisher.publish([
        { type: 'contact.created', organisation_id: ORG, data: contact },
        { ...bad, organisation_id: ORG },
      ]),
    ).rejects.toThrow(reason);
    expect(batches).toEqual([]);
  });

  it('types data by the event type: the compiler refuses a wrong shape', () => {
    const publisher = new DomainEventPublisher(recordingProducer().producer, topics);
    const numericEmail = { ...contact, email: 42 };
    const extraKey = { ...inbound, contact };
    const disabled = EVENT_CATALOG['webhook.disabled'].example;
    const check = () => [
      // @ts-expect-error: `email` of a contact is a string or null
      publisher.publish([{ type: 'contact.created', organisation_id: ORG, data: numericEmail }]),
      // @ts-expect-error: conversation events' data is a closed wrapper without `contact`
      publisher.publish([{ type: 'conversation.inbound', organisation_id: ORG, data: extraKey }]),
      // @ts-expect-error: only the platform publishes operational events
      publisher.publish([{ type: 'webhook.disabled', organisation_id: ORG, data: disabled }]),
    ];
    expect(typeof check).toBe('function'); // compiled, never called: `npm run typecheck` is the test
  });
});
