import type { WebhookOrdering, WebhookRoute } from '@app/contracts';
import type { WebhookMethod } from './webhook.schema';

/** A custom header as stored: the value sealed with SecretBox. */
export interface StoredHeader {
  name: string;
  value_encrypted: string;
}

/** A signing secret as stored (sealed with SecretBox); `expires_at` is set once rotated out. */
export interface StoredSecret {
  secret_encrypted: string;
  created_at: Date;
  expires_at: Date | null;
}

/** A webhook's configuration as the matcher and sender views see it (no delivery status). */
export interface WebhookSnapshot {
  _id: string;
  organisation_id: string;
  name: string;
  target_url: string;
  method: WebhookMethod;
  events: string[];
  headers: StoredHeader[];
  active: boolean;
  /** Absent on webhooks stored before the option existed: `none`. */
  ordering?: WebhookOrdering;
  /** Callbacks per second at most; null or absent (stored before it existed): unlimited. */
  rate_limit?: number | null;
  secrets: StoredSecret[];
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  /** The payload filter as JSON text; null or absent when the webhook has none. */
  filter_json?: string | null;
}

/** True when the snapshot may receive deliveries. */
export function isLive(snapshot: WebhookSnapshot): boolean {
  return snapshot.active && snapshot.deleted_at === null;
}

/** The fields a view reads: everything but the delivery status. */
export const SNAPSHOT_PROJECTION = { last_delivery: 0 } as const;

/** The fields of a stored webhook its routing snapshot is made of (what the relay reads). */
export type RouteFields = Pick<
  WebhookSnapshot,
  | '_id'
  | 'organisation_id'
  | 'events'
  | 'active'
  | 'ordering'
  | 'updated_at'
  | 'deleted_at'
  | 'filter_json'
>;

/** The projection that reads exactly the RouteFields of a stored webhook. */
export const ROUTE_FIELDS = {
  _id: 1,
  organisation_id: 1,
  events: 1,
  active: 1,
  ordering: 1,
  updated_at: 1,
  deleted_at: 1,
  filter_json: 1,
} as const satisfies Record<keyof RouteFields, 1>; // a field the snapshot needs is read

/** The routing snapshot of a stored webhook for the routing topic; null once deleted. */
export function routeOf(webhook: RouteFields): WebhookRoute | null {
  if (webhook.deleted_at) return null;
  return {
    webhook_id: webhook._id,
    organisation_id: webhook.organisation_id,
    events: [...webhook.events],
    active: webhook.active,
    version: new Date(webhook.updated_at).getTime(),
    ordering: webhook.ordering ?? 'none',
    ...storedFilter(webhook.filter_json),
  };
}

/** `{ filter }` from the stored JSON text, or nothing when the webhook has no filter. */
export function storedFilter(filterJson: string | null | undefined): {
  filter?: Record<string, unknown>;
} {
  return filterJson ? { filter: JSON.parse(filterJson) as Record<string, unknown> } : {};
}
