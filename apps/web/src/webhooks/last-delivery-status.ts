import type { LastDelivery } from '../api/types';

/** How the status line looks: good, bad, pending (a retry is coming) or quiet. */
export type StatusTone = 'delivered' | 'failed' | 'retrying' | 'none';

export interface DeliveryStatus {
  text: string;
  tone: StatusTone;
}

/** What a failure without an HTTP answer was, in a few words. */
const FAILURE_WITHOUT_ANSWER: Record<string, string> = {
  timeout: 'timed out',
  connection: 'no connection',
  tls: 'TLS error',
  dns: 'host not found',
  blocked_address: 'blocked address',
  invalid_target: 'invalid URL',
};

/** "3 min ago", "just now", "2 h ago": how long ago, as a person says it. */
export function timeAgo(at: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** "10:42": a wall-clock time in the viewer's time zone (or the one given, for tests). */
export function clockTime(at: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(
    at,
  );
}

function failedWith(last: LastDelivery): string {
  if (last.status_code !== null) return `Failed ${last.status_code}`;
  const reason = last.error_kind ? FAILURE_WITHOUT_ANSWER[last.error_kind] : undefined;
  return reason ? `Failed (${reason})` : 'Failed';
}

/**
 * The status of a webhook's last sent delivery, in the words the Webhooks page shows under
 * each webhook: "Delivered 200 · 2 min ago", "Failed 500 · retrying at 10:42",
 * "Failed · gave up after 4 attempts", "Never sent".
 */
export function describeLastDelivery(
  last: LastDelivery | null,
  now: Date,
  timeZone?: string,
): DeliveryStatus {
  if (!last) return { text: 'Never sent', tone: 'none' };
  const ago = timeAgo(new Date(last.attempted_at), now);
  switch (last.status) {
    case 'succeeded':
      return {
        text: `${last.status_code === null ? 'Delivered' : `Delivered ${last.status_code}`} · ${ago}`,
        tone: 'delivered',
      };
    case 'cancelled':
      return { text: `Not sent · the webhook was deleted or switched off · ${ago}`, tone: 'none' };
    default:
      break;
  }
  switch (last.next) {
    case 'retry':
      return last.next_attempt_at
        ? {
            text: `${failedWith(last)} · retrying at ${clockTime(new Date(last.next_attempt_at), timeZone)}`,
            tone: 'retrying',
          }
        : { text: `${failedWith(last)} · retrying`, tone: 'retrying' };
    case 'dead_letter':
      return {
        text: `Failed · gave up after ${last.attempt} ${last.attempt === 1 ? 'attempt' : 'attempts'}`,
        tone: 'failed',
      };
    case 'dropped':
      return {
        text: `${failedWith(last)} · not retried: the webhook is off · ${ago}`,
        tone: 'failed',
      };
    default:
      return { text: `${failedWith(last)} · ${ago}`, tone: 'failed' };
  }
}
