import { Schema } from 'mongoose';
import type { ReplayState } from '@app/contracts';

export const REPLAY_MODEL = 'Replay';

/**
 * A replay of a webhook's window of the event log: stored by management when asked for, then
 * kept up to date from the matcher's progress records (the matcher has no database).
 */
export const ReplaySchema = new Schema(
  {
    _id: { type: String, required: true },
    organisation_id: { type: String, required: true },
    webhook_id: { type: String, required: true },
    since: { type: Date, required: true },
    until: { type: Date, required: true },
    state: { type: String, required: true },
    events_scanned: { type: Number, required: true },
    events_matched: { type: Number, required: true },
    events_total: { type: Number, default: null },
    error: { type: String, default: null },
    requested_at: { type: Date, required: true },
    started_at: { type: Date, default: null },
    /** The `reported_at` of the newest progress record applied; older ones are ignored. */
    reported_at: { type: Date, default: null },
    finished_at: { type: Date, default: null },
  },
  { collection: 'replays', versionKey: false },
);

export interface ReplayRecord {
  _id: string;
  organisation_id: string;
  webhook_id: string;
  since: Date;
  until: Date;
  state: ReplayState;
  events_scanned: number;
  events_matched: number;
  events_total: number | null;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  reported_at: Date | null;
  finished_at: Date | null;
}
