import { Schema, type InferSchemaType } from 'mongoose';
import { EVENT_TYPES, WEBHOOK_ORDERINGS } from '@app/contracts';

export const WEBHOOK_MODEL = 'Webhook';
export const WEBHOOK_METHODS = ['POST', 'PUT', 'PATCH'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** A custom header; the value is encrypted at rest (SecretBox). */
const HeaderSchema = new Schema(
  { name: { type: String, required: true }, value_encrypted: { type: String, required: true } },
  { _id: false },
);

/** A signing secret, encrypted at rest. After a rotation the old one signs until `expires_at`. */
const SigningSecretSchema = new Schema(
  {
    secret_encrypted: { type: String, required: true },
    created_at: { type: Date, required: true },
    expires_at: { type: Date, default: null },
  },
  { _id: false },
);

/** Outcome of the newest attempt, kept on the webhook for `GET /v1/webhooks/:id`. */
const LastDeliverySchema = new Schema(
  {
    delivery_id: String,
    status: String,
    status_code: Number,
    error_kind: String,
    error: String,
    attempt: Number,
    attempted_at: Date,
    duration_ms: Number,
    next: String,
    next_attempt_at: Date,
  },
  { _id: false },
);

/**
 * A webhook. Management owns writes and publishes every configuration change on the
 * compacted routing topic (docs/webhook-changes.md). `updated_at` moves on every
 * configuration change and only then (it is the routing snapshot's version), and
 * `routing_pending` is set in the same single-document write, so a change cannot be lost
 * between the store and Kafka: it is cleared only once that version has been published.
 * A delete is a tombstone (`deleted_at`), purged once published and a week old.
 */
export const WebhookSchema = new Schema(
  {
    _id: { type: String, required: true },
    organisation_id: { type: String, required: true },
    name: { type: String, required: true },
    target_url: { type: String, required: true },
    method: { type: String, enum: WEBHOOK_METHODS, default: 'POST' },
    events: { type: [String], enum: EVENT_TYPES, required: true },
    headers: { type: [HeaderSchema], default: [] },
    active: { type: Boolean, default: true },
    /** `per_entity`: one callback per entity at a time, in order (docs/design.md). */
    ordering: { type: String, enum: WEBHOOK_ORDERINGS, default: 'none' },
    /** Callbacks per second at most (1 to 10,000); null: unlimited (docs/design.md). */
    rate_limit: { type: Number, default: null },
    secrets: { type: [SigningSecretSchema], required: true },
    created_at: { type: Date, required: true },
    updated_at: { type: Date, required: true },
    deleted_at: { type: Date, default: null },
    routing_pending: { type: Boolean, default: true },
    /** The UTC hour of `deleted_at`: what management's retention purges tombstones by. */
    deleted_hour: { type: Date, default: null },
    last_delivery: { type: LastDeliverySchema, default: null },
    /** The first dead letter with no success after it (docs/design.md, "Auto-disable"). */
    failing_since: { type: Date, default: null },
    /** Why the platform switched the webhook off (`failing`), and when; null when it did not. */
    disabled_reason: { type: String, default: null },
    disabled_at: { type: Date, default: null },
    /**
     * The payload filter (docs/design.md, "Payload filters") as its JSON text, or null. Kept
     * as text because its keys are dotted paths and `$` operators, which the store refuses
     * or reads as its own operators in a document's field names.
     */
    filter_json: { type: String, default: null },
  },
  { collection: 'webhooks', versionKey: false },
);

// The relay's sweep for changes not yet on the routing topic.
WebhookSchema.index({ routing_pending: 1 });
// The management API's list: one organisation, newest first, ties broken by id.
WebhookSchema.index({ organisation_id: 1, created_at: -1, _id: -1 });
// Retention purges tombstones by the hour they were deleted in.
WebhookSchema.index({ deleted_hour: 1, deleted_at: 1 });
// Unique target URL per organisation among live webhooks; tombstones carry a unique
// `target_url` suffix so re-creating a deleted webhook's URL works (FerretDB has no
// partial indexes).
WebhookSchema.index({ organisation_id: 1, target_url: 1 }, { unique: true });

export type WebhookDocument = InferSchemaType<typeof WebhookSchema>;
