import type { KafkaMessage } from 'kafkajs';
import { deliveryIdFor, DomainEventValidator, EVENT_CATALOG } from '@app/contracts';
import { planDeliveries } from './delivery-planner';
import { SubscriptionIndex } from './subscription-index';
import { change } from './route-change.fixture';

const ORG = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const EVENT_ID = '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11';
const source = { topic: 'domain.contacts', partition: 2 };
const now = new Date('2026-11-23T10:00:01.000Z');

function message(value: string | null, key = 'contact-1'): KafkaMessage {
  const built: KafkaMessage = {
    key: Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    timestamp: String(Date.parse('2026-11-23T10:00:00.000Z')),
    attributes: 0,
    offset: '41',
    headers: {},
  };
  return built;
}

const event = {
  id: EVENT_ID,
  type: 'contact.created',
  organisation_id: ORG,
  occurred_at: '2026-11-23T10:00:00.000Z',
  data: EVENT_CATALOG['contact.created'].example,
};

describe('planDeliveries', () => {
  const validator = new DomainEventValidator();
  const index = new SubscriptionIndex();
  index.apply([
    change({ id: 'w1', organisation_id: ORG }),
    change({ id: 'w2', organisation_id: ORG }),
  ]);

  it('emits one delivery record per subscribed webhook, with a deterministic id', () => {
    const plan = planDeliveries(message(JSON.stringify(event)), source, validator, index, now);
    expect(plan.accepted).toBe(true);
    if (!plan.accepted) return;
    expect(plan.deliveries.map((d) => d.webhook_id).sort()).toEqual(['w1', 'w2']);
    const first = plan.deliveries.find((d) => d.webhook_id === 'w1')!;
    expect(first).toEqual({
      delivery_id: deliveryIdFor(EVENT_ID, 'w1'),
      webhook_id: 'w1',
      organisation_id: ORG,
      trigger: 'event',
      series_id: deliveryIdFor(EVENT_ID, 'w1'),
      attempt: 1,
      created_at: now.toISOString(),
      history: [],
      payload: {
        id: EVENT_ID,
        type: 'contact.created',
        timestamp: event.occurred_at,
        organisation_id: ORG,
        data: event.data,
      },
    });
  });

  it('never sends a webhook its own webhook.disabled event, only its organisation’s other webhooks', () => {
    const [self, other] = [
      '0f8a7f62-0a58-4c1e-9d5f-5b8f5c8d2a01',
      '6c3e1c55-2f7d-4b0a-8f11-1d9e2b7a4c02',
    ];
    const operational = new SubscriptionIndex();
    operational.apply([
      change({ id: self, organisation_id: ORG, events: ['webhook.disabled'] }),
      change({ id: other, organisation_id: ORG, events: ['webhook.disabled'] }),
    ]);
    const disabled = {
      ...event,
      type: 'webhook.disabled',
      data: { ...EVENT_CATALOG['webhook.disabled'].example, webhook_id: self },
    };
    const plan = planDeliveries(
      message(JSON.stringify(disabled)),
      source,
      validator,
      operational,
      now,
    );
    expect(plan.accepted).toBe(true);
    if (!plan.accepted) return;
    expect(plan.deliveries.map((d) => d.webhook_id)).toEqual([other]);
  });

  it('emits nothing for an event nobody subscribed to', () => {
    const plan = planDeliveries(
      message(
        JSON.stringify({
          ...event,
          type: 'contact.deleted',
          data: EVENT_CATALOG['contact.deleted'].example,
        }),
      ),
      source,
      validator,
      index,
      now,
    );
    expect(plan).toMatchObject({ accepted: true, deliveries: [] });
  });

  it('rejects a bad message with the reason, its position and the original bytes', () => {
    const plan = planDeliveries(message('{not json'), source, validator, index, now);
    expect(plan.accepted).toBe(false);
    if (plan.accepted) return;
    expect(plan.key?.toString()).toBe('contact-1');
    expect(plan.rejection).toEqual({
      reason: expect.stringMatching(/^invalid JSON/),
      rejected_at: now.toISOString(),
      source: {
        topic: 'domain.contacts',
        partition: 2,
        offset: '41',
        key: 'contact-1',
        timestamp: '2026-11-23T10:00:00.000Z',
      },
      raw_value_base64: Buffer.from('{not json').toString('base64'),
    });
  });

  it('delivers to a filtered webhook only the events whose callback body passes its filter', () => {
    const filtered = new SubscriptionIndex();
    filtered.apply([
      change({ id: 'plain', organisation_id: ORG }),
      change({ id: 'tagged', organisation_id: ORG, filter: { 'data.tags.name': 'Neukunde' } }),
      change({ id: 'typed', organisation_id: ORG, filter: { type: 'contact.deleted' } }),
    ]);
    const plan = planDeliveries(message(JSON.stringify(event)), source, validator, filtered, now);
    if (!plan.accepted) throw new Error('refused');
    expect(plan.deliveries.map((d) => d.webhook_id).sort()).toEqual(['plain', 'tagged']);
  });
});
