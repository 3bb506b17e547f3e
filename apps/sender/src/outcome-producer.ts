import type { Kafka, Message, Producer } from 'kafkajs';
import type { RejectedEvent, Topics } from '@app/contracts';
import { createReliableProducer, sendBounded } from '@app/kafka';
import type { HandOver } from './attempt-outcome';

type TopicMessages = Array<{ topic: string; messages: Message[] }>;

interface Pending {
  topicMessages: TopicMessages;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Most hand-overs coalesced into one produce request. */
const MAX_COALESCED = 1000;

/**
 * Hands attempt results on to Kafka: the outcome on `webhooks.attempts` and
 * the follow-up (next retry topic or dead letter), idempotent and acks=all. Only when
 * `handOn` resolves is the input record's offset committable. The idempotent producer
 * allows one request in flight, so concurrent hand-overs are coalesced: while one request
 * is out, the next ones queue and leave together in the following request. Records carry
 * ids only: never a URL, header or secret.
 */
export class OutcomeProducer {
  private readonly producer: Producer;
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;

  constructor(
    kafka: Kafka,
    private readonly topics: Topics,
  ) {
    this.producer = createReliableProducer(kafka);
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Refuses further hand-overs (they fail at once); what is being sent completes. */
  close(): void {
    this.closed = true;
  }

  /** After this, hand-overs fail at once (a disconnected kafkajs producer would reconnect). */
  async disconnect(): Promise<void> {
    this.closed = true;
    while (this.flushing) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.producer.disconnect();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('outcome producer closed');
  }

  async handOn({ outcome, followUp }: HandOver): Promise<void> {
    this.assertOpen();
    const key = outcome.webhook_id;
    const topicMessages: Array<{ topic: string; messages: Message[] }> = [
      { topic: this.topics.attempts, messages: [{ key, value: JSON.stringify(outcome) }] },
    ];
    if (followUp)
      topicMessages.push({
        topic: this.topics[followUp.topic],
        messages: [{ key, value: JSON.stringify(followUp.value) }],
      });
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ topicMessages, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  /** Sends what queued up, one request at a time, until the queue is empty; never rejects. */
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
        this.assertOpen();
        await sendBounded(
          this.producer,
          [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        );
        batch.forEach((pending) => pending.resolve());
      } catch (error) {
        batch.forEach((pending) => pending.reject(error));
      }
    }
    this.flushing = false;
  }

  /** An invalid input record, set aside on the dead-letter topic with the reason. */
  async reject(rejected: RejectedEvent): Promise<void> {
    this.assertOpen();
    await this.producer.send({
      topic: this.topics.deadLetter,
      acks: -1,
      messages: [{ key: rejected.source.key, value: JSON.stringify(rejected) }],
    });
  }
}
