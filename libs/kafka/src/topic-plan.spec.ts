import { hasDrift, planTopic, planTopics } from './topic-plan';
import { renderPlanTable } from './topic-plan-table';
import type { TopicSpec } from './topic-provisioner';
import type { TopicState } from './topic-state';

const DAY = '86400000';
const WEEK = '604800000';

const spec: TopicSpec = {
  topic: 'webhooks.deliveries.retry-1',
  numPartitions: 6,
  replicationFactor: -1,
  configEntries: [
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: WEEK },
  ],
};

/** The topic as wanted, with `change` on top. */
function state(change: Partial<TopicState> = {}): TopicState {
  return {
    topic: spec.topic,
    partitions: 6,
    replicationFactor: 1,
    configs: { 'cleanup.policy': 'delete', 'retention.ms': WEEK, 'segment.bytes': '1073741824' },
    overrides: { 'retention.ms': WEEK },
    hiddenOverrides: [],
    ...change,
  };
}

const withConfigs = (configs: Record<string, string>, overrides = configs) =>
  state({ configs: { ...state().configs, ...configs }, overrides });

describe('planTopic', () => {
  it('creates a missing topic from its spec', () => {
    const plan = planTopic(spec, undefined);
    expect(plan).toMatchObject({ action: 'create', spec, changes: [], manual: [] });
    expect(hasDrift(plan)).toBe(true);
  });

  it('does nothing to a topic as wanted', () => {
    const plan = planTopic(spec, state());
    expect(plan).toMatchObject({ action: 'none', changes: [], manual: [] });
    expect(hasDrift(plan)).toBe(false);
  });

  it('alters a setting that differs, keeping the topic’s other own settings', () => {
    const plan = planTopic(
      spec,
      withConfigs({ 'retention.ms': '3600000', 'max.message.bytes': '2000000' }),
    );
    expect(plan.action).toBe('alter');
    expect(plan.changes).toEqual([{ name: 'retention.ms', wanted: WEEK, actual: '3600000' }]);
    // AlterConfigs replaces every override: the ones not in the registry go along.
    expect(plan.configsAfterAlter).toEqual({
      'retention.ms': WEEK,
      'max.message.bytes': '2000000',
    });
  });

  it('takes a retention as a floor: longer, or forever, is the operator’s choice', () => {
    expect(planTopic(spec, withConfigs({ 'retention.ms': String(30 * Number(DAY)) })).action).toBe(
      'none',
    );
    expect(planTopic(spec, withConfigs({ 'retention.ms': '-1' })).action).toBe('none');
  });

  it('compares a cleanup policy exactly, in any order of its parts', () => {
    const compacted: TopicSpec = {
      ...spec,
      configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
    };
    const both = planTopic(compacted, withConfigs({ 'cleanup.policy': 'compact,delete' }));
    expect(both.changes).toEqual([
      { name: 'cleanup.policy', wanted: 'compact', actual: 'compact,delete' },
    ]);
    const either: TopicSpec = {
      ...spec,
      configEntries: [{ name: 'cleanup.policy', value: 'compact,delete' }],
    };
    expect(planTopic(either, withConfigs({ 'cleanup.policy': 'delete, compact' })).action).toBe(
      'none',
    );
  });

  it('reports a setting the broker does not know as differing', () => {
    const unknown: TopicSpec = {
      ...spec,
      configEntries: [{ name: 'no.such.setting', value: '1' }],
    };
    expect(planTopic(unknown, state()).changes).toEqual([
      { name: 'no.such.setting', wanted: '1', actual: undefined },
    ]);
  });

  it('never raises partitions: fewer is left by hand, more is no drift', () => {
    const fewer = planTopic(spec, state({ partitions: 2 }));
    expect(fewer.action).toBe('none');
    expect(fewer.manual).toEqual([expect.stringMatching(/^has 2 partitions, wants 6: .*by hand/)]);
    expect(hasDrift(fewer)).toBe(true);
    expect(hasDrift(planTopic(spec, state({ partitions: 12 })))).toBe(false);
  });

  it('checks replicas only when a factor is wanted, and leaves raising them by hand', () => {
    expect(hasDrift(planTopic(spec, state({ replicationFactor: 1 })))).toBe(false);
    const three = { ...spec, replicationFactor: 3 };
    const plan = planTopic(three, state({ replicationFactor: 1 }));
    expect(plan.manual).toEqual([
      expect.stringMatching(/^has replication factor 1, wants 3: reassign/),
    ]);
    expect(hasDrift(planTopic(three, state({ replicationFactor: 3 })))).toBe(false);
  });

  it('never sets min.insync.replicas above the replicas a topic has, which would stop its writes', () => {
    const safe = { ...spec, configEntries: [{ name: 'min.insync.replicas', value: '2' }] };
    const plan = planTopic(safe, withConfigs({ 'min.insync.replicas': '1' }));
    expect(plan.action).toBe('none');
    expect(plan.manual).toEqual([expect.stringMatching(/^min.insync.replicas=2 needs .* has 1/)]);
    const replicated = planTopic(
      safe,
      state({ replicationFactor: 3, configs: { 'min.insync.replicas': '1' } }),
    );
    expect(replicated.action).toBe('alter');
    expect(replicated.configsAfterAlter).toMatchObject({ 'min.insync.replicas': '2' });
  });

  it('does not alter a topic with an override whose value the broker hides', () => {
    const plan = planTopic(
      spec,
      state({ configs: { 'retention.ms': '1000' }, hiddenOverrides: ['some.secret'] }),
    );
    expect(plan.action).toBe('none');
    expect(plan.manual).toEqual([expect.stringContaining('hides the value of some.secret')]);
  });
});

describe('planTopics', () => {
  it('plans every wanted topic, in order, whether it exists or not', () => {
    const other = { ...spec, topic: 'webhooks.deliveries.retry-2' };
    const plans = planTopics([spec, other], new Map([[spec.topic, state()]]));
    expect(plans.map((plan) => [plan.topic, plan.action])).toEqual([
      [spec.topic, 'none'],
      [other.topic, 'create'],
    ]);
  });
});

describe('renderPlanTable', () => {
  it('shows wanted/actual partitions and replicas, what differs, the action, and what is by hand', () => {
    const table = renderPlanTable([
      planTopic({ ...spec, topic: 'a' }, undefined),
      planTopic(spec, withConfigs({ 'retention.ms': '1000' }, { 'retention.ms': '1000' })),
      planTopic({ ...spec, topic: 'c', replicationFactor: 3 }, state({ partitions: 2 })),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^topic\s+partitions\s+replicas\s+differs\s+action$/);
    expect(lines[1]).toMatch(/^a\s+6\/-\s+default\/-\s+missing\s+create$/);
    expect(lines[2]).toMatch(/6\/6\s+default\/1\s+retention\.ms 1000 -> 604800000\s+alter$/);
    expect(lines[3]).toMatch(/^c\s+6\/2\s+3\/1\s+by hand$/);
    expect(lines.slice(5)).toEqual([
      'By hand:',
      expect.stringMatching(/^c: has 2 partitions, wants 6/),
      expect.stringMatching(/^c: has replication factor 1, wants 3/),
    ]);
  });
});
