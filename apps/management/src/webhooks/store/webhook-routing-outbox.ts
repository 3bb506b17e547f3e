import { Injectable } from '@nestjs/common';
import { ROUTE_FIELDS, type RouteFields } from '@app/webhooks';
import { WebhookCollection } from './webhook-collection';

/** What the routing relay reads of a webhook. */
export type RouteSource = RouteFields;

/**
 * The routing outbox: every configuration change sets `routing_pending` on the webhook in
 * the same write (TenantWebhooks), and the routing relay publishes the change to the
 * routing topic and clears the marker here. The relay works across organisations by
 * design: it publishes whatever changed, tombstones included.
 */
@Injectable()
export class WebhookRoutingOutbox {
  constructor(private readonly webhooks: WebhookCollection) {}

  /** Changes not yet published (left by a crash or a broker outage), oldest first. */
  findPendingRoutes(limit: number): Promise<RouteSource[]> {
    return this.webhooks.model
      .find({ routing_pending: true }, ROUTE_FIELDS)
      .limit(limit)
      .lean<RouteSource[]>()
      .exec();
  }

  /** One webhook's routing fields by id, tombstones included. */
  findRoute(id: string): Promise<RouteSource | null> {
    return this.webhooks.model.findOne({ _id: id }, ROUTE_FIELDS).lean<RouteSource>().exec();
  }

  /**
   * Clears the markers of the webhooks still at their published version, a few per round
   * trip: after an import or a start that marked every webhook, one update per webhook kept
   * the relay (and every change queued behind it) busy for seconds per thousand. Returns the
   * ids it cannot vouch for, those of a command that did not clear every one of its markers
   * (a newer change written since, whose own publish or the sweep will follow, or a marker
   * already cleared), for the caller to read again.
   */
  async clearRoutesPending<T extends { id: string; version: Date }>(routes: T[]): Promise<T[]> {
    const chunks = await this.webhooks.updateInChunks(routes, ({ id, version }) => ({
      filter: { _id: id, updated_at: version, routing_pending: true },
      update: { $set: { routing_pending: false } },
    }));
    return chunks.flatMap(({ chunk, allMatched }) => (allMatched ? [] : chunk));
  }

  /** Webhooks stored before the routing topic existed get the marker, so the sweep publishes them. */
  async markUnpublishedRoutes(): Promise<number> {
    const result = await this.webhooks.model.updateMany(
      { routing_pending: { $exists: false } },
      { $set: { routing_pending: true } },
    );
    return result.modifiedCount;
  }
}
