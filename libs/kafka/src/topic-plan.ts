import type { TopicSpec } from './topic-provisioner';
import type { TopicState } from './topic-state';

/** One setting whose value in force is not what the platform wants. */
export interface ConfigDrift {
  name: string;
  wanted: string;
  /** Undefined: the broker does not know the setting. */
  actual: string | undefined;
}

/**
 * What `npm run topics -- apply` does to one topic: create it, alter its settings, or
 * nothing. Partition counts and replicas it never changes (see `manual`).
 */
export type TopicAction = 'create' | 'alter' | 'none';

export interface TopicPlan {
  topic: string;
  spec: TopicSpec;
  /** Undefined: the topic does not exist. */
  actual?: { partitions: number; replicationFactor: number };
  action: TopicAction;
  /** The settings that differ; `alter` sets them. */
  changes: ConfigDrift[];
  /** The topic's own settings after `alter`: its other overrides kept, `changes` applied. */
  configsAfterAlter: Record<string, string>;
  /** Differences left to an operator, each saying why and what to do. */
  manual: string[];
}

/**
 * Settings that are floors: a topic kept longer than the registry asks is the operator's
 * choice (-1 is forever), and shortening it would delete records someone wants.
 */
const FLOOR_SETTINGS = new Set(['retention.ms']);

const MIN_ISR = 'min.insync.replicas';

/** `compact,delete` and `delete, compact` are the same policy. */
const normalise = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .sort()
    .join(',');

function satisfied(name: string, wanted: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (FLOOR_SETTINGS.has(name)) return actual === '-1' || Number(actual) >= Number(wanted);
  return normalise(actual) === normalise(wanted);
}

/** The plan for one wanted topic, given what exists (undefined: nothing). */
export function planTopic(spec: TopicSpec, state: TopicState | undefined): TopicPlan {
  const plan: TopicPlan = {
    topic: spec.topic,
    spec,
    action: 'create',
    changes: [],
    configsAfterAlter: {},
    manual: [],
  };
  if (!state) return plan;
  plan.actual = { partitions: state.partitions, replicationFactor: state.replicationFactor };
  const replicas = spec.replicationFactor ?? -1;
  // More partitions or replicas than wanted is an operator's scaling, not drift.
  if (state.partitions < spec.numPartitions)
    plan.manual.push(
      `has ${state.partitions} partitions, wants ${spec.numPartitions}: more partitions move ` +
        `keys to other partitions, so raise them by hand when that is safe (docs/operators.md, "Topics")`,
    );
  if (replicas > 0 && state.replicationFactor < replicas)
    plan.manual.push(
      `has replication factor ${state.replicationFactor}, wants ${replicas}: reassign its ` +
        `partitions by hand (kafka-reassign-partitions.sh)`,
    );
  const differing = (spec.configEntries ?? [])
    .map(({ name, value }) => ({ name, wanted: value, actual: state.configs[name] }))
    .filter(({ name, wanted, actual }) => !satisfied(name, wanted, actual));
  // More in-sync replicas than replicas would refuse every acks=all write: replicas first.
  const unreachable = differing.find(
    ({ name, wanted }) => name === MIN_ISR && Number(wanted) > state.replicationFactor,
  );
  if (unreachable)
    plan.manual.push(
      `${MIN_ISR}=${unreachable.wanted} needs as many replicas, it has ` +
        `${state.replicationFactor}: raise the replicas first, then apply again`,
    );
  plan.changes = differing.filter((drift) => drift !== unreachable);
  if (plan.changes.length === 0) {
    plan.action = 'none';
    return plan;
  }
  if (state.hiddenOverrides.length > 0) {
    // AlterConfigs replaces every override; one whose value we cannot read would be lost.
    plan.action = 'none';
    plan.manual.push(
      `settings differ, but the broker hides the value of ${state.hiddenOverrides.join(', ')}, ` +
        `which altering would reset: change ${plan.changes.map((c) => c.name).join(', ')} by hand`,
    );
    return plan;
  }
  plan.action = 'alter';
  plan.configsAfterAlter = {
    ...state.overrides,
    ...Object.fromEntries(plan.changes.map(({ name, wanted }) => [name, wanted])),
  };
  return plan;
}

/** The plan for every wanted topic, in the registry's order. */
export function planTopics(
  specs: readonly TopicSpec[],
  states: Map<string, TopicState>,
): TopicPlan[] {
  return specs.map((spec) => planTopic(spec, states.get(spec.topic)));
}

/** Whether the topic is not as wanted: something to create or alter, or to do by hand. */
export const hasDrift = (plan: TopicPlan): boolean =>
  plan.action !== 'none' || plan.manual.length > 0;
