import type { DeliveryAttempt } from '../api/types';
import { clockTime } from './last-delivery-status';

/** An attempt's outcome and what followed it, for the delivery log's status column. */
export function attemptOutcome(attempt: DeliveryAttempt, timeZone?: string): string {
  if (attempt.status === 'succeeded') return 'Delivered';
  if (attempt.status === 'cancelled') return 'Not sent (webhook off)';
  switch (attempt.next) {
    case 'retry':
      return attempt.next_attempt_at
        ? `Failed · retry at ${clockTime(new Date(attempt.next_attempt_at), timeZone)}`
        : 'Failed · retrying';
    case 'dead_letter':
      return 'Failed · gave up';
    default:
      return 'Failed';
  }
}

/** A failed attempt that nothing will retry may be sent again by hand. */
export function canRedeliver(attempt: DeliveryAttempt): boolean {
  return attempt.status === 'failed' && attempt.next !== 'retry';
}

const TRIGGERS: Record<string, string> = {
  event: '',
  test: ' (test)',
  redeliver: ' (redelivery)',
  replay: ' (replay)',
};

export function eventLabel(attempt: DeliveryAttempt): string {
  return `${attempt.event_type}${TRIGGERS[attempt.trigger] ?? ''}`;
}
