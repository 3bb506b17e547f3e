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
  },
  { collection: 'api_keys', versionKey: false },
);

ApiKeySchema.index({ key_hash: 1 }, { unique: true });

export interface ApiKeyRecord {
  _id: string;
  organisation_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: Date;
}
