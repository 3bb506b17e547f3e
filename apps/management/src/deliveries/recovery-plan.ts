import type { DeliveryAttemptRecord } from './delivery-attempt.schema';

/** At most this long a window may be (docs/design.md, "Recover a window"). */
export const MAX_RECOVERY_WINDOW_MS = 14 * 86_400_000;

export interface RecoveryWindow {
  since: Date;
  until: Date;
}

/**
 * The window asked for, or the messages that refuse it, naming the field as every 400 of the
 * API does. `until` defaults to now. Pure.
 */
export function recoveryWindow(
  since: string,
  until: string | undefined,
  now: Date,
): { ok: true; window: RecoveryWindow } | { ok: false; messages: string[] } {
  const from = new Date(since);
  const to = until === undefined ? now : new Date(until);
  if (to.getTime() === from.getTime())
    return { ok: false, messages: ['until must be later than since (the window is empty)'] };
  if (to.getTime() < from.getTime())
    return { ok: false, messages: ['until must be later than since'] };
  if (to.getTime() - from.getTime() > MAX_RECOVERY_WINDOW_MS)
    return { ok: false, messages: ['until must be at most 14 days after since'] };
  return { ok: true, window: { since: from, until: to } };
}

/** What the recovery reads of an attempt. */
export type RecoveryRow = Pick<
  DeliveryAttemptRecord,
  '_id' | 'delivery_id' | 'trigger' | 'status' | 'next' | 'attempted_at' | 'payload_json'
>;

/** Did the delivery end failing: given up (dead letter) or cancelled (webhook switched off)? */
function endedFailing(last: RecoveryRow): boolean {
  if (last.status === 'cancelled') return true;
  return last.status === 'failed' && last.next !== 'retry';
}

/**
 * Collects, from a webhook's attempts read newest first from `since` on, the deliveries to
 * send again: those with an attempt in the window whose newest attempt (in the window or
 * after it) ended failing, so none with a later success and none still retrying. Test calls
 * are not resent. Feed pages in order; `deliveries()` gives each one's newest attempt.
 */
export class RecoveryCollector {
  private readonly newest = new Map<string, RecoveryRow>();
  private readonly inWindow = new Set<string>();

  constructor(private readonly window: RecoveryWindow) {}

  add(rows: readonly RecoveryRow[]): void {
    for (const row of rows) {
      if (!this.newest.has(row.delivery_id)) this.newest.set(row.delivery_id, row);
      const at = new Date(row.attempted_at).getTime();
      if (at >= this.window.since.getTime() && at <= this.window.until.getTime())
        this.inWindow.add(row.delivery_id);
    }
  }

  deliveries(): RecoveryRow[] {
    return [...this.newest.values()].filter(
      (last) =>
        this.inWindow.has(last.delivery_id) && last.trigger !== 'test' && endedFailing(last),
    );
  }
}
