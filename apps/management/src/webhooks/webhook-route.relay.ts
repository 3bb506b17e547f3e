import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { routeMessage, type Topics } from '@app/contracts';
import { ReliableProducer, sendBounded } from '@app/kafka';
import { TOPICS } from '@app/runtime';
import { routeOf } from '@app/webhooks';
import { ManagementConfig } from '../management.config';
import { WebhookRoutingOutbox, type RouteSource } from './store/webhook-routing-outbox';

/** Pending changes read per sweep query. */
const SWEEP_PAGE = 1000;

/**
 * Publishes every committed webhook change on the compacted routing topic
 * (docs/webhook-changes.md). The store write sets `routing_pending` in the same document
 * write as the change; this relay publishes right after the write (batched per tick, the
 * API request does not wait), then clears the marker only if the webhook is still at the
 * published version. What a crash or a broker outage leaves pending, the sweep publishes:
 * at start and every WEBHOOK_ROUTES_SWEEP_MS on every instance.
 *
 * Order on the topic: if an older version was published after a newer one (two instances
 * racing), clearing its marker fails, and the relay re-reads and publishes the current
 * version again, so the last record of a key is always the newest state. Consumers also
 * keep the highest version per id.
 */
@Injectable()
export class WebhookRouteRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue = new Map<string, RouteSource>();
  /**
   * The newest version this instance has put on the topic, per webhook: a sweep can read a
   * change that the write path has queued but not yet published, and the one that comes
   * second must not publish the same version again.
   */
  private readonly publishedVersions = new Map<string, number>();
  private flushScheduled = false;
  private work: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly outbox: WebhookRoutingOutbox,
    private readonly kafka: ReliableProducer,
    @Inject(TOPICS) private readonly topics: Topics,
    private readonly config: ManagementConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('WebhookRouteRelay');
  }

  onApplicationBootstrap(): void {
    this.enqueue(async () => {
      const marked = await this.outbox.markUnpublishedRoutes();
      if (marked > 0)
        this.logger.info(
          { webhooks: marked },
          'publishing webhooks stored before the routing topic',
        );
    });
    this.sweepSoon(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.queue.size > 0) this.enqueue(() => this.flush());
    await this.work;
  }

  /** A committed change (or delete) to publish now; never makes the caller wait. */
  announce(source: RouteSource): void {
    const queued = this.queue.get(source._id);
    if (queued && new Date(queued.updated_at) >= new Date(source.updated_at)) return;
    this.queue.set(source._id, source);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.enqueue(() => this.flush());
    });
  }

  /** Resolves when everything announced or swept so far has been handled (tests, shutdown). */
  settled(): Promise<void> {
    return this.work;
  }

  /** Publishes what is pending in the store, page by page; returns how many it published. */
  async sweep(): Promise<number> {
    let published = 0;
    for (;;) {
      const pending = await this.outbox.findPendingRoutes(SWEEP_PAGE);
      if (pending.length === 0) return published;
      await this.publish(pending);
      published += pending.length;
      if (pending.length < SWEEP_PAGE || this.stopped) return published;
    }
  }

  private async flush(): Promise<void> {
    const batch = [...this.queue.values()];
    this.queue.clear();
    if (batch.length > 0) await this.publish(batch);
  }

  private async publish(candidates: RouteSource[]): Promise<void> {
    const unpublished = candidates.filter(
      (source) =>
        new Date(source.updated_at).getTime() > (this.publishedVersions.get(source._id) ?? -1),
    );
    const messages = unpublished.map((source) => routeMessage(source._id, routeOf(source)));
    if (messages.length > 0)
      await sendBounded(this.kafka.producer, [{ topic: this.topics.webhookRoutes, messages }]);
    for (const source of unpublished)
      this.publishedVersions.set(source._id, new Date(source.updated_at).getTime());
    // Markers are cleared for every candidate: one already published may still carry its own.
    const unconfirmed = await this.outbox.clearRoutesPending(
      candidates.map((source) => ({ id: source._id, version: new Date(source.updated_at) })),
    );
    for (const { id, version } of unconfirmed) {
      // A newer change may have been written meanwhile; make sure the topic ends with it.
      const current = await this.outbox.findRoute(id);
      if (current && new Date(current.updated_at) > version) this.announce(current);
    }
    this.logger.debug({ webhook_ids: unpublished.map((s) => s._id) }, 'webhook routes published');
  }

  /** Runs jobs one after another; a failure is logged and left to the next sweep. */
  private enqueue(job: () => Promise<void>): void {
    this.work = this.work.then(job).catch((error: unknown) => {
      this.logger.warn(
        { err: (error as Error).message },
        'publishing webhook routes failed; the sweep retries',
      );
    });
  }

  private sweepSoon(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.enqueue(async () => {
        const published = await this.sweep();
        if (published > 0)
          this.logger.info({ webhooks: published }, 'pending webhook routes published');
      });
      void this.work.then(() => this.sweepSoon(this.config.WEBHOOK_ROUTES_SWEEP_MS));
    }, delayMs);
    this.timer.unref();
  }
}
