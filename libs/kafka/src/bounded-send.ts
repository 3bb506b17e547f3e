import type { Message, Producer, TopicMessages } from 'kafkajs';

/**
 * The broker refuses a record batch larger than `message.max.bytes` (1 MiB by default), and
 * kafkajs then retries the same request forever: one event with a large fan-out would stall
 * its partition. Requests are therefore cut to stay well below that.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/** Rough wire size of a message: key, value, headers and a record's fixed overhead. */
export function messageBytes(message: Message): number {
  let bytes = 64 + byteLength(message.key) + byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {}))
    bytes += name.length + byteLength(value as Message['value']);
  return bytes;
}

function byteLength(value: Message['key'] | Message['value'] | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/**
 * Cuts topic messages into requests of at most `maxBytes` each, keeping every message's
 * order within its topic; a message larger than the limit travels alone.
 */
export function sliceTopicMessages(
  topicMessages: TopicMessages[],
  maxBytes = MAX_REQUEST_BYTES,
): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let current = new Map<string, Message[]>();
  let currentBytes = 0;
  const close = () => {
    if (current.size === 0) return;
    requests.push([...current].map(([topic, messages]) => ({ topic, messages })));
    current = new Map();
    currentBytes = 0;
  };
  for (const { topic, messages } of topicMessages)
    for (const message of messages) {
      const bytes = messageBytes(message);
      if (currentBytes > 0 && currentBytes + bytes > maxBytes) close();
      const list = current.get(topic);
      if (list) list.push(message);
      else current.set(topic, [message]);
      currentBytes += bytes;
    }
  close();
  return requests;
}

/** sendBatch with acks=all, in as many requests as the size limit needs, one after another. */
export async function sendBounded(
  producer: Producer,
  topicMessages: TopicMessages[],
  maxBytes = MAX_REQUEST_BYTES,
): Promise<void> {
  for (const request of sliceTopicMessages(topicMessages, maxBytes))
    await producer.sendBatch({ acks: -1, topicMessages: request });
}
