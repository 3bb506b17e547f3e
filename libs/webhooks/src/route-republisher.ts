import type { Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { routeMessage } from '@app/contracts';
import { sendBounded } from '@app/kafka';
import { ROUTE_FIELDS, routeOf, type RouteFields } from './webhook-snapshot';
import { WebhookSchema } from './webhook.schema';

/** Records a produce request carries here: progress shows after each. */
const CHUNK = 500;
/** Passes at most: each one publishes only what changed since the previous one read it. */
const MAX_PASSES = 5;

const WEBHOOKS_COLLECTION = WebhookSchema.get('collection') as string;

export interface RepublishResult {
  /** Snapshots of live and inactive webhooks put on the topic. */
  snapshots: number;
  /** Tombstones of deleted webhooks whose documents are still stored. */
  tombstones: number;
  passes: number;
}

/** What the topic got for a webhook: its version, or that it was deleted. */
const stateOf = (webhook: RouteFields) =>
  webhook.deleted_at ? 'deleted' : new Date(webhook.updated_at).getTime();

/**
 * Announces every stored webhook again on the routing topic (docs/webhook-changes.md,
 * "Rebuilding the routing topic"): its snapshot, or a tombstone for a deleted one whose
 * document is still kept. For a topic that was lost or recreated; running matchers and
 * senders read the records as any change, and keep the highest version per webhook, so
 * republishing what they already hold changes nothing for them.
 *
 * Management may publish a change while this runs, and the older snapshot read here could
 * then land after it and stay as the key's last record. So the store is read again after
 * each pass and what changed meanwhile is published once more, until a pass finds nothing:
 * then every key's last record is at least as new as the store was when that pass read it,
 * and any later change is management's to publish, after its own write.
 */
export class RouteRepublisher {
  constructor(
    private readonly store: Connection,
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  async republish(): Promise<RepublishResult> {
    const published = new Map<string, number | 'deleted'>();
    const result: RepublishResult = { snapshots: 0, tombstones: 0, passes: 0 };
    while (result.passes < MAX_PASSES) {
      result.passes += 1;
      const changed = (await this.readAll()).filter(
        (webhook) => published.get(webhook._id) !== stateOf(webhook),
      );
      if (changed.length === 0) return result;
      for (let i = 0; i < changed.length; i += CHUNK) {
        const chunk = changed.slice(i, i + CHUNK);
        const messages = chunk.map((webhook) => routeMessage(webhook._id, routeOf(webhook)));
        await sendBounded(this.producer, [{ topic: this.topic, messages }]);
        for (const webhook of chunk) {
          const state = stateOf(webhook);
          published.set(webhook._id, state);
          if (state === 'deleted') result.tombstones += 1;
          else result.snapshots += 1;
        }
        this.logger.info(
          { pass: result.passes, published: i + chunk.length, of: changed.length },
          'republishing webhook routes',
        );
      }
    }
    throw new Error(`webhooks kept changing through ${MAX_PASSES} passes; run the republish again`);
  }

  /** Every stored webhook's routing fields; one read of the whole collection. */
  private readAll(): Promise<RouteFields[]> {
    // The collection, not the model: a tool must not build management's indexes.
    return this.store
      .collection(WEBHOOKS_COLLECTION)
      .find({}, { projection: ROUTE_FIELDS })
      .toArray() as unknown as Promise<RouteFields[]>;
  }
}
