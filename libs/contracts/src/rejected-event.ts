/** A message the matcher could not accept, on `webhooks.rejected-events`, keyed as received. */
export interface RejectedEvent {
  reason: string;
  rejected_at: string;
  source: {
    topic: string;
    partition: number;
    offset: string;
    key: string | null;
    timestamp: string;
  };
  /** The original bytes, base64: invalid JSON and bad UTF-8 survive unchanged. */
  raw_value_base64: string | null;
}
