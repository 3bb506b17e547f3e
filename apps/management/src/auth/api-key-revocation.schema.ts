import { Schema } from 'mongoose';

export const API_KEY_REVOCATION_MODEL = 'ApiKeyRevocation';
/** The one document of the collection. */
export const REVOCATIONS_ID = 'api-keys';

/**
 * A counter every revocation raises, read by each management instance twice a second: when
 * it moves, the instance forgets every cached key (AuthService). One document read by `_id`
 * costs far less than looking every request's key up.
 */
export const ApiKeyRevocationSchema = new Schema(
  {
    _id: { type: String, required: true },
    epoch: { type: Number, required: true },
    revoked_at: { type: Date, required: true },
  },
  { collection: 'api_key_revocations', versionKey: false },
);

export interface ApiKeyRevocationRecord {
  _id: string;
  epoch: number;
  revoked_at: Date;
}
