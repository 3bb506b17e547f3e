import type { Consumer } from 'kafkajs';
import type { AttemptOutcome } from '@app/contracts';
import { createKafkaClientFromEnv } from '@app/kafka';

export interface Tally {
  delivered: number;
  failedAttempts: number;
  retried: number;
  deadLettered: number;
  cancelled: number;
}

const empty = (): Tally => ({
  delivered: 0,
  failedAttempts: 0,
  retried: 0,
  deadLettered: 0,
  cancelled: 0,
});

/**
 * Reads the attempts topic (what management persists into the delivery log) and counts, in
 * total and per webhook, what became of each attempt: the sender's own account of it.
 */
export class AttemptTally {
  readonly total = empty();
  private readonly byWebhook = new Map<string, Tally>();
  private readonly consumer: Consumer;

  constructor(
    brokers: string[],
    private readonly topic: string,
    groupId: string,
  ) {
    this.consumer = createKafkaClientFromEnv('demo-tally', {
      KAFKA_BROKERS: brokers.join(','),
    }).consumer({ groupId, allowAutoTopicCreation: false });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        this.count(JSON.parse(message.value!.toString()) as AttemptOutcome);
        return Promise.resolve();
      },
    });
  }

  of(webhookId: string): Tally {
    return this.byWebhook.get(webhookId) ?? empty();
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private count(outcome: AttemptOutcome): void {
    const webhook = this.byWebhook.get(outcome.webhook_id) ?? empty();
    this.byWebhook.set(outcome.webhook_id, webhook);
    for (const tally of [this.total, webhook]) {
      if (outcome.status === 'succeeded') tally.delivered += 1;
      if (outcome.status === 'cancelled') tally.cancelled += 1;
      if (outcome.status === 'failed') tally.failedAttempts += 1;
      if (outcome.next === 'retry') tally.retried += 1;
      if (outcome.next === 'dead_letter') tally.deadLettered += 1;
    }
  }
}
