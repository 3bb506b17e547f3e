import { Schema } from 'mongoose';

export const API_KEY_MODEL = 'ApiKey';

/** An organisation's API key: only its SHA-256 hash is stored, plus a prefix to recognise it. */
export const ApiKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    organisation_id: { type: String, required: true },
    name: { type: String, required: true },
    key_hash: { type: String, required: true },
    key_prefix: { type: String, required: true },
    created_at: { type: Date, required: true },
    /** When the key last authenticated a request, to the minute (LastUsedRecorder). */
    last_used_at: { type: Date, default: null },
  },
  { collection: 'api_keys', versionKey: false },
);

ApiKeySchema.index({ key_hash: 1 }, { unique: true });
// GET /v1/admin/api-keys: an organisation's keys, newest first.
ApiKeySchema.index({ organisation_id: 1, created_at: -1 });

export interface ApiKeyRecord {
  _id: string;
  organisation_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: Date;
  /** Absent on keys issued before it was recorded. */
  last_used_at?: Date | null;
}
