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
  /**
   * Callbacks of the ordered webhook that came before an earlier event of their entity had
   * been received (first receipts; a repeat of an earlier one is a duplicate, not this).
   */
  outOfOrder: number;
  /** Expected callbacks of the ordered webhook (what the ordering check covers). */
  ordered: number;
}

/**
 * What one drill must deliver: every published event's deliveries, from the subscriptions.
 * Counts against the receiver by delivery id (the `webhook-id` header), so a receipt from
 * an earlier drill or an unrelated callback never counts here.
 */
export class DeliveryLedger {
  private published = 0;
  private readonly expected: string[] = [];
  /** The ordered webhook's deliveries: their entity and place in its publish order. */
  private readonly ordered = new Map<string, { entity: string; place: number }>();
  private readonly entityLength = new Map<string, number>();

  constructor(private readonly topology: DrillTopology) {}

  record(events: DomainEvent[]): void {
    this.published += events.length;
    for (const event of events) {
      this.expected.push(
        ...this.topology.expectedDeliveries(event.organisation_id, event.id, event.type),
      );
      const ordered = this.topology.orderedDelivery(event);
      if (ordered && !this.ordered.has(ordered.deliveryId)) {
        const place = this.entityLength.get(ordered.entity) ?? 0;
        this.entityLength.set(ordered.entity, place + 1);
        this.ordered.set(ordered.deliveryId, { entity: ordered.entity, place });
      }
    }
  }

  /** Walks the receipts in arrival order: each must come after its entity's earlier ones. */
  private outOfOrder(receiver: CountingReceiver): number {
    let violations = 0;
    const received = new Map<string, Set<number>>();
    /** Per entity: how many of its first places have all been received. */
    const prefix = new Map<string, number>();
    for (const id of receiver.arrivals) {
      const delivery = this.ordered.get(id);
      if (!delivery) continue;
      const seen = received.get(delivery.entity) ?? new Set<number>();
      received.set(delivery.entity, seen);
      if (seen.has(delivery.place)) continue; // a duplicate
      let done = prefix.get(delivery.entity) ?? 0;
      if (delivery.place > done) violations += 1;
      seen.add(delivery.place);
      while (seen.has(done)) done += 1;
      prefix.set(delivery.entity, done);
    }
    return violations;
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
      outOfOrder: this.outOfOrder(receiver),
      ordered: this.ordered.size,
    };
  }
}
