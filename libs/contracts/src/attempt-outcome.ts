import type { ErrorKind } from '@webhook-platform/events';
import type { CallbackPayload, DeliveryTrigger } from './delivery-record';

/** What became of one attempt, from the sender's point of view. */
export type AttemptStatus = 'succeeded' | 'failed' | 'cancelled';

/** What the sender did next with the delivery. */
export type NextStep = 'done' | 'retry' | 'dead_letter' | 'dropped';

/** An attempt outcome on `webhooks.attempts`, keyed by webhook id; management persists it. */
export interface AttemptOutcome {
  delivery_id: string;
  webhook_id: string;
  organisation_id: string;
  event_id: string;
  event_type: string;
  trigger: DeliveryTrigger;
  /** See DeliveryRecord.series_id; (series_id, attempt) identifies this attempt. */
  series_id: string;
  attempt: number;
  status: AttemptStatus;
  status_code: number | null;
  error_kind: ErrorKind | 'webhook_gone' | null;
  error: string | null;
  duration_ms: number;
  /** At most the first 4 KB of the response body, decoded as UTF-8. */
  response_excerpt: string | null;
  attempted_at: string;
  next: NextStep;
  /** Set when `next` is `retry`. */
  next_attempt_at: string | null;
  /** The callback body sent (no URL, headers or secret), so the log can show and redeliver it. */
  payload: CallbackPayload;
}

/** The receiver's response body kept for the log: at most this many bytes. */
export const RESPONSE_EXCERPT_BYTES = 4096;
