import type { TopicPlan } from './topic-plan';

const replicas = (factor: number | undefined) =>
  factor === undefined ? '-' : factor < 0 ? 'default' : String(factor);

/** What differs, in one cell: the settings `apply` sets, or that the topic is new. */
function differs(plan: TopicPlan): string {
  if (plan.action === 'create') return 'missing';
  return plan.changes
    .map(({ name, wanted, actual }) => `${name} ${actual ?? '(unknown)'} -> ${wanted}`)
    .join('; ');
}

function actionOf(plan: TopicPlan): string {
  if (plan.manual.length === 0) return plan.action;
  return plan.action === 'none' ? 'by hand' : `${plan.action}, by hand`;
}

/**
 * `npm run topics`'s answer: one row per topic (partitions and replicas as wanted/actual,
 * each setting that differs, the action), then what is left to do by hand.
 */
export function renderPlanTable(plans: readonly TopicPlan[]): string {
  const rows = [
    ['topic', 'partitions', 'replicas', 'differs', 'action'],
    ...plans.map((plan) => [
      plan.topic,
      `${plan.spec.numPartitions}/${plan.actual?.partitions ?? '-'}`,
      `${replicas(plan.spec.replicationFactor ?? -1)}/${replicas(plan.actual?.replicationFactor)}`,
      differs(plan),
      actionOf(plan),
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  const notes = plans.flatMap((plan) => plan.manual.map((note) => `${plan.topic}: ${note}`));
  return [...lines, ...(notes.length > 0 ? ['', 'By hand:', ...notes] : [])].join('\n');
}
