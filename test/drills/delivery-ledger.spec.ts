import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@app/contracts';
import type { CountingReceiver } from './counting-receiver';
import { DeliveryLedger } from './delivery-ledger';
import type { DrillTopology } from './drill-topology';

/** Events of one entity, each delivered to the ordered webhook under its own id. */
function setUp() {
  const topology = {
    expectedDeliveries: (_org: string, eventId: string) => [`d-${eventId}`],
    orderedDelivery: (event: DomainEvent) => ({
      deliveryId: `d-${event.id}`,
      entity: String(event.data.entity),
    }),
  } as unknown as DrillTopology;
  const ledger = new DeliveryLedger(topology);
  const event = (entity: string): DomainEvent =>
    ({ id: randomUUID(), type: 'contact.created', data: { entity } }) as unknown as DomainEvent;
  const receiver = (arrivals: string[]) =>
    ({
      arrivals,
      receiptsOf: (id: string) => arrivals.filter((a) => a === id).length,
    }) as unknown as CountingReceiver;
  return { ledger, event, receiver };
}

describe('the drill ledger: the ordered webhook', () => {
  it('counts nothing out of order when each entity arrives in order, with duplicates', () => {
    const { ledger, event, receiver } = setUp();
    const [a1, b1, a2, a3] = [event('a'), event('b'), event('a'), event('a')];
    ledger.record([a1, b1, a2, a3]);
    const arrivals = [a1, a2, b1, a1, a2, a3].map((e) => `d-${e.id}`);
    expect(ledger.tally(receiver(arrivals))).toMatchObject({ outOfOrder: 0, duplicated: 2 });
  });

  it('counts a callback that came before an earlier one of its entity', () => {
    const { ledger, event, receiver } = setUp();
    const [a1, a2, a3, b1] = [event('a'), event('a'), event('a'), event('b')];
    ledger.record([a1, a2, a3, b1]);
    const arrivals = [b1, a2, a1, a3].map((e) => `d-${e.id}`);
    expect(ledger.tally(receiver(arrivals))).toMatchObject({ outOfOrder: 1, missing: 0 });
  });
});
