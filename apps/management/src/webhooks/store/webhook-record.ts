import type { DisableReason, NextStep } from '@app/contracts';
import type { WebhookSnapshot } from '@app/webhooks';

/** A webhook's newest delivery attempt, as kept on the webhook. */
export interface LastDelivery {
  delivery_id: string;
  status: string;
  status_code: number | null;
  error_kind: string | null;
  error: string | null;
  attempt: number;
  attempted_at: Date;
  duration_ms: number;
  /** What the sender does next; absent on rows recorded before it was kept. */
  next?: NextStep;
  next_attempt_at?: Date | null;
}

/** A webhook document as read back (`.lean()`): the stored configuration and its status. */
export interface WebhookRecord extends WebhookSnapshot {
  last_delivery: LastDelivery | null;
  /** The first dead letter with no success after it; null while deliveries succeed. */
  failing_since?: Date | null;
  /** Set when the platform switched the webhook off (`failing`); cleared when it is re-enabled. */
  disabled_reason?: DisableReason | null;
  disabled_at?: Date | null;
  /** Set with every configuration change; cleared once that version is on the routing topic. */
  routing_pending?: boolean;
}

/** The configuration fields an update may set (always together with a new `updated_at`). */
export type WebhookChanges = Partial<
  Pick<
    WebhookRecord,
    | 'name'
    | 'target_url'
    | 'method'
    | 'events'
    | 'headers'
    | 'active'
    | 'ordering'
    | 'rate_limit'
    | 'secrets'
    | 'failing_since'
    | 'disabled_reason'
    | 'disabled_at'
    | 'filter_json'
  >
> & { updated_at: Date };
