import { v5 as uuidv5 } from 'uuid';

/**
 * A replay request on `webhooks.replays`, keyed by webhook id: run the webhook's subscription
 * over the domain events the topics still hold whose Kafka timestamp is in [since, until),
 * and deliver the matches again. Management writes it (POST /v1/webhooks/{id}/replay); the
 * matcher does the work. The subscription travels with the request, so the matcher needs
 * neither a store nor its table to have caught up with a webhook created a moment ago. No
 * URL, header value or secret is on it.
 */
export interface ReplayRequest {
  replay_id: string;
  webhook_id: string;
  organisation_id: string;
  /** The webhook's event types when the replay was asked for. */
  events: string[];
  /** The webhook's payload filter when the replay was asked for; absent when it had none. */
  filter?: Record<string, unknown>;
  /** Start of the window (inclusive), ISO 8601. */
  since: string;
  /** End of the window (exclusive), ISO 8601. */
  until: string;
  requested_at: string;
}

/** Where a replay stands: `running` while the matcher scans, then `completed` or `failed`. */
export const REPLAY_STATES = ['requested', 'running', 'completed', 'failed'] as const;
export type ReplayState = (typeof REPLAY_STATES)[number];

/** The states the matcher reports (`requested` is management's own, before any report). */
export type ReportedReplayState = Exclude<ReplayState, 'requested'>;

/**
 * A replay's progress on `webhooks.replay-progress`, keyed by replay id: written by the matcher
 * about once a second while it scans and once at the end; management stores the newest
 * (by `reported_at`) for GET /v1/webhooks/{id}/replays/{replay_id}. Counts start again from
 * zero if a matcher restart makes the replay start over.
 */
export interface ReplayProgress {
  replay_id: string;
  webhook_id: string;
  organisation_id: string;
  state: ReportedReplayState;
  /** Domain events read in the window so far, on all domain topics. */
  events_scanned: number;
  /** Of those, the ones the webhook's subscription matched: one delivery each. */
  events_matched: number;
  /** Events the window holds in all, known once the offsets are resolved. */
  events_total: number;
  /** Why the replay failed; null otherwise. Never a URL, header value or secret. */
  error: string | null;
  started_at: string;
  reported_at: string;
}

/** A namespace for replay series ids; any fixed uuid works, it only has to never change. */
const REPLAY_SERIES_NAMESPACE = '2d6b8f3e-7c41-4a5e-b0f9-8e3c1d2a6b57';

/**
 * The attempt series of a replayed delivery: new per replay (the delivery log keeps the
 * earlier series), the same if the replay starts over after a matcher restart.
 */
export function replaySeriesIdFor(deliveryId: string, replayId: string): string {
  return uuidv5(`${deliveryId}:${replayId}`, REPLAY_SERIES_NAMESPACE);
}
