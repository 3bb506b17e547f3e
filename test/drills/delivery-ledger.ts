import type { DomainEvent } from '@app/contracts';
import type { CountingReceiver } from './counting-receiver';
import type { DrillTopology } from './drill-topology';

export interface Tally {
  published: number;
  expected: number;
  received: number;
  duplicated: number;
  /** Expected and not (yet) received: lost once the drain period is over. */
  missing: number;
}

/**
 * What one drill must deliver: every published event's deliveries, from the subscriptions.
 * Counts against the receiver by delivery id (the `webhook-id` header), so a receipt from
 * an earlier drill or an unrelated callback never counts here.
 */
export class DeliveryLedger {
  private published = 0;
  private readonly expected: string[] = [];

  constructor(private readonly topology: DrillTopology) {}

  record(events: DomainEvent[]): void {
    this.published += events.length;
    for (const event of events)
      this.expected.push(
        ...this.topology.expectedDeliveries(event.organisation_id, event.id, event.type),
      );
  }

  get expectedIds(): readonly string[] {
    return this.expected;
  }

  tally(receiver: CountingReceiver): Tally {
    let received = 0;
    let duplicated = 0;
    for (const id of this.expected) {
      const receipts = receiver.receiptsOf(id);
      if (receipts > 0) received += 1;
      duplicated += Math.max(0, receipts - 1);
    }
    return {
      published: this.published,
      expected: this.expected.length,
      received,
      duplicated,
      missing: this.expected.length - received,
    };
  }
}
