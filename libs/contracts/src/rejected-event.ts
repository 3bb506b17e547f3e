/**
 * A message a consumer could not accept, set aside with the reason and its original bytes,
 * keyed as received: the matcher's and management's on `webhooks.rejected-events`, the
 * sender's on the dead-letter topic.
 */
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

/** What a rejection needs from a consumed Kafka message (kafkajs's KafkaMessage fits). */
export interface ConsumedMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
}

/** Builds the rejection of one consumed message. */
export function rejectMessage(
  message: ConsumedMessage,
  source: { topic: string; partition: number },
  reason: string,
  now = new Date(),
): RejectedEvent {
  return {
    reason,
    rejected_at: now.toISOString(),
    source: {
      topic: source.topic,
      partition: source.partition,
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
      timestamp: new Date(Number(message.timestamp)).toISOString(),
    },
    raw_value_base64: message.value ? message.value.toString('base64') : null,
  };
}
