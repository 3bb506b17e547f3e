/**
 * One lane per (webhook, entity) of ordered deliveries: a record's work starts only when
 * the work of the lane's previous record has ended, so one entity's callbacks are made one
 * at a time in the order they were taken (offset order). Lanes of other entities run
 * side by side. When a record's work fails (the sender is stopping), the records behind it
 * in its lane fail too without running: nothing of that entity may overtake it, and all of
 * them stay uncommitted for redelivery in order.
 */
export class OrderedLanes {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` after the lane's previous work; resolves or rejects with it. */
  enqueue(lane: string, work: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(lane);
    const next = previous ? previous.then(work) : work();
    this.tails.set(lane, next);
    const forget = () => {
      if (this.tails.get(lane) === next) this.tails.delete(lane);
    };
    next.then(forget, forget);
    return next;
  }

  /** Lanes with work running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}

/** The lane of an ordered record: its webhook and its entity. */
export function laneOf(record: { webhook_id: string; ordering_key?: string }): string {
  return `${record.webhook_id}\u0000${record.ordering_key ?? ''}`;
}
