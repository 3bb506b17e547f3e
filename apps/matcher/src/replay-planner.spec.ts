import type { KafkaMessage } from 'kafkajs';
import {
  deliveryIdFor,
  DomainEventValidator,
  EVENT_CATALOG,
  replaySeriesIdFor,
  type ReplayRequest,
} from '@app/contracts';
import { rangeSize, ReplayPlanner, windowRanges } from './replay-planner';

const ORG = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const OTHER_ORG = '9d2f6a51-7c3e-4b8a-a1f0-5e4d3c2b1a09';
const WEBHOOK = '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f';
const EVENT_ID = '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11';
const now = new Date('2026-11-23T12:00:00.000Z');

const request: ReplayRequest = {
  replay_id: '2f0e8c1a-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
  webhook_id: WEBHOOK,
  organisation_id: ORG,
  events: ['contact.created'],
  since: '2026-11-23T10:00:00.000Z',
  until: '2026-11-23T11:00:00.000Z',
  requested_at: '2026-11-23T11:59:00.000Z',
};

const event = {
  id: EVENT_ID,
  type: 'contact.created',
  organisation_id: ORG,
  occurred_at: '2026-11-23T10:30:00.000Z',
  data: EVENT_CATALOG['contact.created'].example,
};

function message(value: unknown, at = '2026-11-23T10:30:00.000Z'): KafkaMessage {
  return {
    key: Buffer.from('contact-1'),
    value:
      value === null
        ? null
        : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    timestamp: String(Date.parse(at)),
    attributes: 0,
    offset: '7',
    headers: {},
  };
}

describe('ReplayPlanner', () => {
  const planner = new ReplayPlanner(request, new DomainEventValidator());

  it('makes the delivery the live matcher made, same delivery id, as a replay with a series of its own', () => {
    const delivery = planner.plan(message(event), now);
    const deliveryId = deliveryIdFor(EVENT_ID, WEBHOOK);
    expect(delivery).toEqual({
      delivery_id: deliveryId,
      webhook_id: WEBHOOK,
      organisation_id: ORG,
      trigger: 'replay',
      series_id: replaySeriesIdFor(deliveryId, request.replay_id),
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
    expect(delivery!.series_id).not.toBe(deliveryId);
    expect(planner.plan(message(event), now)!.series_id).toBe(delivery!.series_id);
  });

  it.each([
    ['another organisation', message({ ...event, organisation_id: OTHER_ORG })],
    ['a type the webhook does not want', message({ ...event, type: 'contact.deleted' })],
    ['a record timestamp before since', message(event, '2026-11-23T09:59:59.999Z')],
    ['a record timestamp at until (exclusive)', message(event, '2026-11-23T11:00:00.000Z')],
    ['an event failing its schema', message({ ...event, data: { id: 42 } })],
    ['not JSON', message('{nope')],
    ['JSON that is not an object', message('"text"')],
    ['an empty value', message(null)],
  ])('matches nothing for %s', (_name, input) => {
    expect(planner.plan(input, now)).toBeNull();
  });
});

describe('ReplayPlanner with a payload filter', () => {
  it('replays only the events the webhook’s filter lets through, as live', () => {
    const tagged = new ReplayPlanner(
      { ...request, filter: { 'data.tags.name': 'Neukunde' } },
      new DomainEventValidator(),
    );
    const untagged = { ...event, data: { ...event.data, tags: [] } };
    expect(tagged.plan(message(event), now)?.webhook_id).toBe(WEBHOOK);
    expect(tagged.plan(message(untagged), now)).toBeNull();
  });

  it('refuses a request whose filter does not compile', () => {
    expect(
      () =>
        new ReplayPlanner(
          { ...request, filter: { 'data.tags': { $in: 'x' } } },
          new DomainEventValidator(),
        ),
    ).toThrow('filter.data.tags.$in must be a list');
  });
});

describe('ReplayPlanner on operational events', () => {
  const planner = new ReplayPlanner(
    { ...request, events: ['webhook.disabled'] },
    new DomainEventValidator(),
  );
  const disabled = (webhookId: string) => ({
    ...event,
    type: 'webhook.disabled',
    data: { ...EVENT_CATALOG['webhook.disabled'].example, webhook_id: webhookId },
  });

  it('replays another webhook’s webhook.disabled, never the replaying webhook’s own', () => {
    expect(
      planner.plan(message(disabled('6c3e1c55-2f7d-4b0a-8f11-1d9e2b7a4c02')), now),
    ).not.toBeNull();
    expect(planner.plan(message(disabled(WEBHOOK)), now)).toBeNull();
  });
});

describe('windowRanges', () => {
  it('keeps the partitions whose window holds records, from the start to the end offset', () => {
    const ranges = windowRanges(
      'domain.contacts',
      [
        { partition: 1, offset: '10' },
        { partition: 0, offset: '5' },
        { partition: 2, offset: '8' },
      ],
      [
        { partition: 0, offset: '25' },
        { partition: 1, offset: '10' },
        { partition: 2, offset: '9' },
      ],
    );
    expect(ranges).toEqual([
      { topic: 'domain.contacts', partition: 0, start: 5n, end: 25n },
      { topic: 'domain.contacts', partition: 2, start: 8n, end: 9n },
    ]);
    expect(rangeSize(ranges)).toBe(21);
  });

  it('has nothing to read when the window is past the log end', () => {
    expect(
      windowRanges('t', [{ partition: 0, offset: '40' }], [{ partition: 0, offset: '40' }]),
    ).toEqual([]);
  });
});
