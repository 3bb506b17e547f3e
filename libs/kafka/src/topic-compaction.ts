import type { Admin } from 'kafkajs';
import { InvalidConfigurationError } from '@app/config';
import type { TopicSpec } from './topic-provisioner';
import type { TopicState } from './topic-state';
import { readTopicStates } from './topic-state';

/** A topic on the cluster whose settings the platform cannot run on; named for the operator. */
export class TopicSettingsError extends InvalidConfigurationError {
  constructor(problems: string[]) {
    super(problems);
    this.name = 'TopicSettingsError';
  }
}

const policyOf = (value: string | undefined) => (value ?? '').split(',').map((part) => part.trim());

const wantsCompaction = (spec: TopicSpec) =>
  (spec.configEntries ?? []).some(
    ({ name, value }) => name === 'cleanup.policy' && policyOf(value).includes('compact'),
  );

/**
 * The existing topics that should be compacted and are not. Readers rebuild state from the
 * newest record per key of such a topic (the routing topic: every webhook); with only a
 * delete policy, a webhook unchanged for longer than the retention would vanish from it.
 */
export function uncompactedTopics(
  specs: readonly TopicSpec[],
  states: Map<string, TopicState>,
): string[] {
  return specs
    .filter(wantsCompaction)
    .filter((spec) => {
      const state = states.get(spec.topic);
      return state !== undefined && !policyOf(state.configs['cleanup.policy']).includes('compact');
    })
    .map(
      (spec) =>
        `Kafka topic "${spec.topic}" has cleanup.policy=` +
        `${states.get(spec.topic)?.configs['cleanup.policy'] ?? '(none)'}; it must include compact ` +
        `(npm run topics -- apply sets it)`,
    );
}

/** Refuses to go on when a topic that must be compacted exists without compaction. */
export async function assertCompacted(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  const compacted = specs.filter(wantsCompaction);
  if (compacted.length === 0) return;
  const states = await readTopicStates(
    admin,
    compacted.map((spec) => spec.topic),
  );
  const problems = uncompactedTopics(compacted, states);
  if (problems.length > 0) throw new TopicSettingsError(problems);
}
