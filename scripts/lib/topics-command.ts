import { PlatformSettings, validateEnv } from '@app/config';
import { resolveTopics, topicSpecs } from '@app/contracts';
import {
  applyTopicPlans,
  checkKafkaAccess,
  createKafkaClient,
  hasDrift,
  planOnCluster,
  renderPlanTable,
  settledPlan,
} from '@app/kafka';

export type TopicsCommand = 'plan' | 'apply';

export const isTopicsCommand = (value: string | undefined): value is TopicsCommand =>
  value === 'plan' || value === 'apply';

/**
 * `npm run topics -- plan|apply` against the cluster the KAFKA_* variables name, for the
 * topics the registry wants under KAFKA_TOPIC_PREFIX and the name overrides. Prints the plan
 * (and for `apply`, the plan after it); the exit code is 0 when nothing differs any more,
 * 1 when something does (for `apply`: only what it leaves to an operator).
 */
export async function runTopicsCommand(
  command: TopicsCommand,
  env: Record<string, string | undefined>,
  print: (text: string) => void,
): Promise<number> {
  const settings = validateEnv(PlatformSettings, env);
  const specs = topicSpecs(resolveTopics(env, settings.KAFKA_TOPIC_PREFIX), undefined, {
    replicationFactor: settings.KAFKA_REPLICATION_FACTOR,
    minInsyncReplicas: settings.KAFKA_MIN_INSYNC_REPLICAS,
  });
  await checkKafkaAccess(settings, 'webhooks-topics');
  const admin = createKafkaClient({
    settings,
    clientId: 'webhooks-topics',
    retry: { initialRetryTime: 300, retries: 3 },
  }).admin();
  await admin.connect();
  try {
    let plans = await planOnCluster(admin, specs);
    print(renderPlanTable(plans));
    if (command === 'apply' && plans.some((plan) => plan.action !== 'none')) {
      await applyTopicPlans(admin, plans);
      plans = await settledPlan(admin, specs);
      print(`\nAfter apply:\n${renderPlanTable(plans)}`);
    }
    return plans.some(hasDrift) ? 1 : 0;
  } finally {
    await admin.disconnect();
  }
}
