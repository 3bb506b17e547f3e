import { waitFor } from './wait-for';

/** The sum of a Prometheus metric's samples (all labels) from an app's /metrics. */
export async function appMetric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Waits until the matcher's subscription table holds at least `webhooks` active webhooks:
 * the routing topic has carried management's changes to it (the sender reads a webhook by
 * id when its first record comes, so the matcher is the one to wait for).
 */
export async function matcherTableHolds(
  matcherPort: number,
  webhooks: number,
  timeoutMs = 30_000,
): Promise<void> {
  await waitFor(
    `the matcher's table to hold ${webhooks} webhooks`,
    async () => (await appMetric(matcherPort, 'matcher_webhook_view_size')) >= webhooks,
    timeoutMs,
    100,
  );
}

/** Routing-topic records an app's table has read so far (`webhook_routes` in its /health). */
export async function routesRead(port: number): Promise<number> {
  const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
    details?: { webhook_routes?: { records_read?: number } };
  };
  return health.details?.webhook_routes?.records_read ?? 0;
}

/**
 * Runs `change` (a webhook created, changed or deleted through management) and waits until
 * the apps at `ports` (the matcher, the sender) have read the `records` routing records it
 * caused: from then on they match and deliver by the new version.
 */
export async function whenRoutesRead<T>(
  ports: number[],
  change: () => Promise<T>,
  records = 1,
  timeoutMs = 15_000,
): Promise<T> {
  const before = await Promise.all(ports.map(routesRead));
  const result = await change();
  await waitFor(
    `${records} routing record(s) read by the apps on ports ${ports.join(', ')}`,
    async () => {
      const now = await Promise.all(ports.map(routesRead));
      return now.every((read, i) => read >= before[i] + records);
    },
    timeoutMs,
    50,
  );
  return result;
}
