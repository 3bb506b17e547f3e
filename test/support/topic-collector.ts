import type { Consumer } from 'kafkajs';
import { createKafkaClientFromEnv } from '@app/kafka';
import type { GroupReading } from './caught-up';
import { uniqueName } from './test-env';

export interface Collected<T> {
  topic: string;
  key: string | null;
  value: T;
  headers: Record<string, string>;
}

/** Reads topics from the beginning with a consumer group of its own and keeps every record. */
export class TopicCollector<T = unknown> {
  readonly records: Array<Collected<T>> = [];
  /** Its group and topics, for caughtUp: kafkajs commits each batch once it has been kept. */
  readonly group: GroupReading;
  private readonly consumer: Consumer;

  private constructor(private readonly topics: string[]) {
    const kafka = createKafkaClientFromEnv('test-collector');
    this.group = { groupId: uniqueName('collector'), topics };
    this.consumer = kafka.consumer({
      groupId: this.group.groupId,
      allowAutoTopicCreation: false,
    });
  }

  static async start<T>(topics: string[]): Promise<TopicCollector<T>> {
    const collector = new TopicCollector<T>(topics);
    await collector.run();
    return collector;
  }

  on(topic: string): Array<Collected<T>> {
    return this.records.filter((record) => record.topic === topic);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private async run(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    const assigned = new Promise<void>((resolve) => {
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve());
    });
    await this.consumer.run({
      eachMessage: ({ topic, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        this.records.push({
          topic,
          key: message.key?.toString() ?? null,
          // A tombstone (compacted topics) has no value.
          value: (message.value === null ? null : JSON.parse(message.value.toString())) as T,
          headers,
        });
        return Promise.resolve();
      },
    });
    await assigned;
  }
}
