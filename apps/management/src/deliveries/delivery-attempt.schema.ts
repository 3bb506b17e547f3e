import { Schema } from 'mongoose';

export const DELIVERY_ATTEMPT_MODEL = 'DeliveryAttempt';

/**
 * One attempt of one delivery, as the sender reported it on `webhooks.attempts`.
 * (series_id, attempt) identifies it, so a replayed outcome does not add a row. The callback
 * body is kept as JSON text: event data may hold keys a document store refuses (`$x`, `a.b`).
 */
export const DeliveryAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    organisation_id: { type: String, required: true },
    webhook_id: { type: String, required: true },
    delivery_id: { type: String, required: true },
    series_id: { type: String, required: true },
    attempt: { type: Number, required: true },
    event_id: { type: String, required: true },
    event_type: { type: String, required: true },
    trigger: { type: String, required: true },
    status: { type: String, required: true },
    status_code: { type: Number, default: null },
    error_kind: { type: String, default: null },
    error: { type: String, default: null },
    duration_ms: { type: Number, required: true },
    response_excerpt: { type: String, default: null },
    attempted_at: { type: Date, required: true },
    /** The UTC hour of `attempted_at`: what retention deletes by (common/hour-buckets.ts). */
    attempted_hour: { type: Date, required: true },
    next: { type: String, required: true },
    next_attempt_at: { type: Date, default: null },
    payload_json: { type: String, required: true },
    recorded_at: { type: Date, required: true },
  },
  { collection: 'delivery_attempts', versionKey: false },
);

DeliveryAttemptSchema.index({ series_id: 1, attempt: 1 }, { unique: true });
DeliveryAttemptSchema.index({ organisation_id: 1, webhook_id: 1, attempted_at: -1, _id: -1 });
DeliveryAttemptSchema.index({ organisation_id: 1, delivery_id: 1, attempted_at: -1 });
DeliveryAttemptSchema.index({ attempted_hour: 1, attempted_at: 1 });

export interface DeliveryAttemptRecord {
  _id: string;
  organisation_id: string;
  webhook_id: string;
  delivery_id: string;
  series_id: string;
  attempt: number;
  event_id: string;
  event_type: string;
  trigger: string;
  status: string;
  status_code: number | null;
  error_kind: string | null;
  error: string | null;
  duration_ms: number;
  response_excerpt: string | null;
  attempted_at: Date;
  attempted_hour: Date;
  next: string;
  next_attempt_at: Date | null;
  payload_json: string;
  recorded_at: Date;
}
