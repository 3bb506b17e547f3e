import type { Admin } from 'kafkajs';
import { resolveTopics, TOPIC_CONFIG, TOPIC_DEFAULTS } from '@app/contracts';
import { createKafkaClientFromEnv, readTopicStates } from '@app/kafka';
import { runTopicsCommand, type TopicsCommand } from '../../scripts/lib/topics-command';
import { uniqueName } from '../support/test-env';

/** `npm run topics` on the local broker, for the platform's topics under a prefix of its own. */
describe('npm run topics', () => {
  const prefix = `${uniqueName('topics')}.`;
  const topics = resolveTopics({}, prefix);
  const shortRetry = `${prefix}short-retry-1`;
  let admin: Admin;

  async function run(command: TopicsCommand, env: Record<string, string> = {}) {
    const lines: string[] = [];
    const code = await runTopicsCommand(
      command,
      { ...process.env, KAFKA_TOPIC_PREFIX: prefix, ...env },
      (text) => lines.push(text),
    );
    return { code, output: lines.join('\n') };
  }

  beforeAll(async () => {
    admin = createKafkaClientFromEnv('topics-command-test').admin();
    await admin.connect();
    // Drift to mend: the dead letters kept an hour, with a setting of the operator's own
    // that the registry does not state; the routing topic not compacted.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: topics.deadLetter,
          numPartitions: 3,
          configEntries: [
            { name: 'retention.ms', value: '3600000' },
            { name: 'max.message.bytes', value: '2000000' },
          ],
        },
        {
          topic: topics.webhookRoutes,
          numPartitions: 6,
          configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
        },
      ],
    });
  });

  afterAll(async () => {
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    await admin.deleteTopics({ topics: ours, timeout: 30_000 });
    await admin.disconnect();
  });

  it('plan shows the drift and fails; apply mends it, keeping other settings; plan then passes', async () => {
    const before = await run('plan');
    expect(before.code).toBe(1);
    expect(before.output).toMatch(
      new RegExp(`${topics.deadLetter} .*retention\\.ms 3600000 -> 2592000000\\s+alter`),
    );
    expect(before.output).toMatch(
      new RegExp(`${topics.webhookRoutes} .*cleanup\\.policy delete -> compact; .*alter`),
    );
    expect(before.output).toMatch(new RegExp(`${topics.replays} .*missing\\s+create`));

    const applied = await run('apply');
    expect(applied.code).toBe(0);

    const after = await run('plan');
    expect(after.code).toBe(0);
    expect(after.output).not.toMatch(/create|alter|by hand/);
    expect(after.output.split('\n')).toHaveLength(1 + Object.keys(TOPIC_DEFAULTS).length);

    const states = await readTopicStates(admin, [topics.deadLetter, topics.webhookRoutes]);
    // AlterConfigs replaces a topic's own settings: the operator's one must have been sent along.
    expect(states.get(topics.deadLetter)?.overrides).toMatchObject({
      'retention.ms': TOPIC_CONFIG.deadLetter['retention.ms'],
      'max.message.bytes': '2000000',
    });
    expect(states.get(topics.webhookRoutes)?.configs).toMatchObject(TOPIC_CONFIG.webhookRoutes);
  });

  it('apply leaves a topic with too few partitions as it is, says so and fails', async () => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: shortRetry, numPartitions: 2 }],
    });
    const applied = await run('apply', { KAFKA_TOPIC_RETRY1: shortRetry });
    expect(applied.code).toBe(1);
    expect(applied.output).toMatch(new RegExp(`${shortRetry} +6/2 .*by hand`));
    expect(applied.output).toContain(`${shortRetry}: has 2 partitions, wants 6`);
    const metadata = await admin.fetchTopicMetadata({ topics: [shortRetry] });
    expect(metadata.topics[0].partitions).toHaveLength(2);
    // Its retention is mended all the same: only the partitions are left by hand.
    const states = await readTopicStates(admin, [shortRetry]);
    expect(states.get(shortRetry)?.configs['retention.ms']).toBe(
      TOPIC_CONFIG.retry1['retention.ms'],
    );
  });
});
