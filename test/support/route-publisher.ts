import type { Producer } from 'kafkajs';
import { routeMessage, type WebhookRoute } from '@app/contracts';

/**
 * Publishes webhook routing snapshots the way management's relay does (tests and
 * benchmarks that stand in for management): one record per webhook, keyed by its id, a
 * tombstone (null value) for a deleted one.
 */
export async function publishRoutes(
  producer: Producer,
  topic: string,
  routes: Array<WebhookRoute | { webhook_id: string; deleted: true }>,
): Promise<void> {
  for (let start = 0; start < routes.length; start += 1000)
    await producer.send({
      topic,
      acks: -1,
      messages: routes
        .slice(start, start + 1000)
        .map((route) =>
          'deleted' in route
            ? routeMessage(route.webhook_id, null)
            : routeMessage(route.webhook_id, route),
        ),
    });
}
