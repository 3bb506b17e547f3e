import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import {
  operationalEventMessage,
  recordMessage,
  type RejectedEvent,
  type Topics,
} from '@app/contracts';
import { CoalescingSender, createReliableProducer } from '@app/kafka';
import type { FollowUp, HandOver } from './attempt-outcome';

/**
 * Hands attempt results on to Kafka: the outcome on `webhooks.attempts` and
 * the follow-up (next retry topic or dead letter) and the operational event it makes known
 * (a dead letter, a recovery) on `webhooks.operational-events`, idempotent and acks=all. Only when
 * `handOn` resolves is the input record's offset committable. Concurrent hand-overs are
 * coalesced into few requests (CoalescingSender). Records carry ids only: never a URL,
 * header or secret.
 */
export class OutcomeProducer {
  private readonly producer: Producer;
  private readonly sender: CoalescingSender;
  private closed = false;

  constructor(
    kafka: Kafka,
    private readonly topics: Topics,
    /** KAFKA_PRODUCE_LINGER_MS: how long an outcome waits for others to share its request. */
    lingerMs = 0,
  ) {
    this.producer = createReliableProducer(kafka);
    this.sender = new CoalescingSender(this.producer, lingerMs);
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Refuses further hand-overs (they fail at once); what is being sent completes. */
  close(): void {
    this.closed = true;
    this.sender.close();
  }

  /** After this, hand-overs fail at once (a disconnected kafkajs producer would reconnect). */
  async disconnect(): Promise<void> {
    this.close();
    await this.sender.drained();
    await this.producer.disconnect();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('outcome producer closed');
  }

  async handOn({ outcome, followUp, operational }: HandOver): Promise<void> {
    this.assertOpen();
    const key = outcome.webhook_id;
    const topicMessages: TopicMessages[] = [
      { topic: this.topics.attempts, messages: [recordMessage(key, outcome)] },
    ];
    if (followUp)
      topicMessages.push({
        topic: this.topics[followUp.topic],
        messages: [recordMessage(key, followUp.value)],
      });
    if (operational)
      topicMessages.push({
        topic: this.topics.operationalEvents,
        messages: [operationalEventMessage(operational)],
      });
    await this.sender.send(topicMessages);
  }

  /** A record deferred without an attempt, onto a later stage (no outcome: nothing happened). */
  async defer({ topic, value }: FollowUp): Promise<void> {
    this.assertOpen();
    await this.sender.send([
      {
        topic: this.topics[topic],
        messages: [recordMessage(value.webhook_id, value)],
      },
    ]);
  }

  /** An invalid input record, set aside on the dead-letter topic with the reason. */
  async reject(rejected: RejectedEvent): Promise<void> {
    this.assertOpen();
    await this.producer.send({
      topic: this.topics.deadLetter,
      acks: -1,
      messages: [recordMessage(rejected.source.key, rejected)],
    });
  }
}
