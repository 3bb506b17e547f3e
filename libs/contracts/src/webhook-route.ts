import { recordMessage } from './record-format';

/**
 * A webhook's routing snapshot on `webhooks.subscriptions` (compacted, keyed by webhook id):
 * what the matcher needs to match events, and what tells the sender a webhook changed. It
 * never carries the URL, a header value or a secret. A deleted webhook's key gets a
 * tombstone (a null value); webhook ids are never reused, so a tombstone is final.
 */
export interface WebhookRoute {
  webhook_id: string;
  organisation_id: string;
  events: string[];
  active: boolean;
  /**
   * Grows with every configuration change of this webhook (its `updated_at` in epoch ms).
   * A consumer keeps the highest version per id, so a late, older snapshot never rolls a
   * webhook back.
   */
  version: number;
  /**
   * `per_entity`: the callbacks of one entity (the domain event's Kafka key) reach the
   * webhook one at a time, in the order the events were published. Absent in snapshots
   * written before the option existed: `none`.
   */
  ordering?: WebhookOrdering;
  /**
   * The webhook's payload filter (docs/design.md, "Payload filters"), checked by management
   * against @app/filters; absent when the webhook takes every event of its types (and on
   * snapshots published before filters existed). Never a secret.
   */
  filter?: Record<string, unknown>;
}

/** How a webhook's callbacks are ordered: not at all (the default), or per entity. */
export const WEBHOOK_ORDERINGS = ['none', 'per_entity'] as const;
export type WebhookOrdering = (typeof WEBHOOK_ORDERINGS)[number];

/** The message to produce for a webhook's current state (null value: deleted). */
export function routeMessage(webhookId: string, route: WebhookRoute | null) {
  return recordMessage(webhookId, route);
}
