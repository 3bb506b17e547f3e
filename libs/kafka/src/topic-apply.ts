import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { planTopics, type TopicPlan } from './topic-plan';
import { ensureTopics, type TopicSpec } from './topic-provisioner';
import { readTopicStates } from './topic-state';

/** What the cluster holds of `specs`, as a plan. */
export async function planOnCluster(
  admin: Admin,
  specs: readonly TopicSpec[],
): Promise<TopicPlan[]> {
  return planTopics(
    specs,
    await readTopicStates(
      admin,
      specs.map((spec) => spec.topic),
    ),
  );
}

/**
 * Carries out a plan: creates the missing topics and sets the settings that differ. kafkajs
 * has only the non-incremental AlterConfigs, which replaces all of a topic's own settings, so
 * each topic gets its other overrides back along with the changes (`configsAfterAlter`). A
 * change made by someone else between the read and this write is lost; run it again.
 * Never deletes a topic, never touches partitions or replicas.
 */
export async function applyTopicPlans(admin: Admin, plans: readonly TopicPlan[]): Promise<void> {
  const missing = plans.filter((plan) => plan.action === 'create').map((plan) => plan.spec);
  if (missing.length > 0) await ensureTopics(admin, missing);
  const altered = plans.filter((plan) => plan.action === 'alter');
  if (altered.length === 0) return;
  await admin.alterConfigs({
    validateOnly: false,
    resources: altered.map((plan) => ({
      type: ConfigResourceTypes.TOPIC,
      name: plan.topic,
      configEntries: Object.entries(plan.configsAfterAlter).map(([name, value]) => ({
        name,
        value,
      })),
    })),
  });
}

/**
 * The plan once the cluster shows what was applied: a broker serves new topics and settings
 * a moment after the controller took them, so this reads again until nothing is left to
 * create or alter, or `timeoutMs` passed (then the last plan says what is still off).
 */
export async function settledPlan(
  admin: Admin,
  specs: readonly TopicSpec[],
  timeoutMs = 15_000,
): Promise<TopicPlan[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const plans = await planOnCluster(admin, specs).catch((error: unknown) => {
      // A topic just created may not be described yet: the next round asks again.
      if (Date.now() > deadline) throw error;
      return undefined;
    });
    const pending = plans?.some((plan) => plan.action !== 'none') ?? true;
    if (plans && (!pending || Date.now() > deadline)) return plans;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
