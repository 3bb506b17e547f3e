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
