import { uncompactedTopics } from './topic-compaction';
import type { TopicSpec } from './topic-provisioner';
import type { TopicState } from './topic-state';

const routes: TopicSpec = {
  topic: 'webhooks.subscriptions',
  numPartitions: 6,
  configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
};
const deliveries: TopicSpec = {
  topic: 'webhooks.deliveries',
  numPartitions: 12,
  configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
};

const existing = (policies: Record<string, string>) =>
  new Map(
    Object.entries(policies).map(([topic, policy]): [string, TopicState] => [
      topic,
      {
        topic,
        partitions: 6,
        replicationFactor: 1,
        configs: { 'cleanup.policy': policy },
        overrides: {},
        hiddenOverrides: [],
      },
    ]),
  );

describe('uncompactedTopics', () => {
  it('names a topic that must be compacted and has only a delete policy', () => {
    expect(
      uncompactedTopics([routes, deliveries], existing({ 'webhooks.subscriptions': 'delete' })),
    ).toEqual([
      'Kafka topic "webhooks.subscriptions" has cleanup.policy=delete; it must include compact (npm run topics -- apply sets it)',
    ]);
  });

  it('accepts a policy that includes compact, and a topic that does not exist yet', () => {
    expect(uncompactedTopics([routes], existing({ 'webhooks.subscriptions': 'compact' }))).toEqual(
      [],
    );
    expect(
      uncompactedTopics([routes], existing({ 'webhooks.subscriptions': 'delete,compact' })),
    ).toEqual([]);
    expect(uncompactedTopics([routes], existing({}))).toEqual([]);
  });

  it('leaves topics that are not to be compacted alone', () => {
    expect(uncompactedTopics([deliveries], existing({ 'webhooks.deliveries': 'delete' }))).toEqual(
      [],
    );
  });
});
