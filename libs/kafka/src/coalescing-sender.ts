import type { Message, Producer } from 'kafkajs';
import { sendBounded } from './bounded-send';

export type TopicMessages = Array<{ topic: string; messages: Message[] }>;

interface Pending {
  topicMessages: TopicMessages;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Most hand-ins coalesced into one flush (each flush is then cut by size, sendBounded). */
const MAX_COALESCED = 1000;

/**
 * Sends through one idempotent producer (acks=all, one request in flight): what callers hand
 * in while a request is out queues, and leaves together in the following request, so many
 * concurrent callers (the sender's attempts, the matcher's partitions) cost few round trips.
 * With nothing out, the first hand-in waits `lingerMs` for others (KAFKA_PRODUCE_LINGER_MS):
 * at a steady, moderate rate records come one by one, and each would otherwise cost a
 * request of its own. `send` resolves only once Kafka has acknowledged the caller's records.
 */
export class CoalescingSender {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly producer: Producer,
    private readonly lingerMs = 0,
  ) {}

  send(topicMessages: TopicMessages): Promise<void> {
    if (this.closed) return Promise.reject(new Error('producer closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topicMessages, resolve, reject });
      this.flushing ??=
        this.lingerMs > 0
          ? new Promise((wait) => setTimeout(wait, this.lingerMs)).then(() => this.flush())
          : this.flush();
    });
  }

  /** Refuses further sends (they fail at once); what is queued or out completes. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once nothing is queued or out. */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_COALESCED);
      const byTopic = new Map<string, Message[]>();
      for (const pending of batch)
        for (const { topic, messages } of pending.topicMessages) {
          const list = byTopic.get(topic);
          if (list) list.push(...messages);
          else byTopic.set(topic, [...messages]);
        }
      try {
        await sendBounded(
          this.producer,
          [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        );
        batch.forEach((pending) => pending.resolve());
      } catch (error) {
        batch.forEach((pending) => pending.reject(error));
      }
    }
    this.flushing = null;
  }
}
