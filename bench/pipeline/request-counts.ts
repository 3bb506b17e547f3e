import { APP_NAMES, type AppName, type Pipeline } from '../../test/support/pipeline';
import { fmt } from '../support/stats';

/** Counts by kind (`kafka Fetch (consumer)`, `store update`...) of one app, from its /metrics. */
export type Counts = Map<string, number>;

const SERIES = [
  {
    metric: 'kafka_client_requests_total',
    kind: (labels: Record<string, string>) => `kafka ${labels.api} (${labels.client})`,
  },
  {
    metric: 'mongodb_commands_total',
    kind: (labels: Record<string, string>) => `store ${labels.command}`,
  },
];

function parseLabels(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** The Kafka requests and store commands an app has sent so far, by kind. */
async function countsOf(port: number): Promise<Counts> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const counts: Counts = new Map();
  for (const line of text.split('\n'))
    for (const { metric, kind } of SERIES) {
      if (!line.startsWith(`${metric}{`)) continue;
      const close = line.indexOf('}');
      const key = kind(parseLabels(line.slice(metric.length + 1, close)));
      counts.set(key, (counts.get(key) ?? 0) + Number(line.slice(close + 1).trim()));
    }
  return counts;
}

/** Every app's counts now, to be subtracted from a later reading. */
export async function readRequestCounts(pipeline: Pipeline): Promise<Record<AppName, Counts>> {
  const entries = await Promise.all(
    APP_NAMES.map(async (name) => [name, await countsOf(pipeline.apps[name].port)] as const),
  );
  return Object.fromEntries(entries) as Record<AppName, Counts>;
}

/**
 * Rows of what the apps sent between two readings, by kind, divided by `per` (callbacks, or
 * seconds when idle): one column per app and their total, the largest kinds first.
 */
export function requestRows(
  before: Record<AppName, Counts>,
  after: Record<AppName, Counts>,
  per: number,
  unit: string,
): Array<Record<string, string>> {
  const kinds = new Set(APP_NAMES.flatMap((name) => [...after[name].keys()]));
  const rows = [...kinds].map((kind) => {
    const byApp = APP_NAMES.map(
      (name) => ((after[name].get(kind) ?? 0) - (before[name].get(kind) ?? 0)) / per,
    );
    return { kind, byApp, total: byApp.reduce((a, b) => a + b, 0) };
  });
  const table = rows
    .filter((row) => row.total > 0)
    .sort((a, b) => b.total - a.total)
    .map(({ kind, byApp, total }) => ({
      [`requests ${unit}`]: kind,
      ...Object.fromEntries(APP_NAMES.map((name, i) => [name, fmt(byApp[i], 3)])),
      'all apps': fmt(total, 3),
    }));
  const sum = (prefix: string) =>
    rows.filter((row) => row.kind.startsWith(prefix)).reduce((total, row) => total + row.total, 0);
  return [
    ...table,
    {
      [`requests ${unit}`]: 'all Kafka requests',
      ...Object.fromEntries(APP_NAMES.map((name) => [name, ''])),
      'all apps': fmt(sum('kafka '), 3),
    },
    {
      [`requests ${unit}`]: 'all store commands',
      ...Object.fromEntries(APP_NAMES.map((name) => [name, ''])),
      'all apps': fmt(sum('store '), 3),
    },
  ];
}
