import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import { SNAPSHOT_PROJECTION, type WebhookSnapshot } from './webhook-snapshot';
import type { WebhookDocument } from './webhook.schema';

/** Receives every new or changed webhook snapshot, tombstones included. */
export type SnapshotListener = (snapshots: WebhookSnapshot[]) => void;

export interface WebhookViewSyncOptions {
  /** How often to look for changes; bounds how fast a change reaches the view. */
  intervalMs?: number;
  /** How far back each poll re-reads, to catch writes committed with a slightly older clock. */
  overlapMs?: number;
}

export interface ViewSyncStatus {
  loaded: boolean;
  lastSyncedAt: Date | null;
  lastError: string | null;
}

/**
 * Keeps an in-memory view of the webhooks fresh without a database round trip per event:
 * one full load, then a poll for `updated_at >= last seen - overlap` every interval.
 * A listener gets each snapshot it has not seen at that `updated_at` (deletes arrive as
 * tombstones). If MongoDB is unreachable, the view keeps its last state and status() says so.
 */
export class WebhookViewSync {
  private readonly seen = new Map<string, number>();
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private state: ViewSyncStatus = { loaded: false, lastSyncedAt: null, lastError: null };
  private readonly intervalMs: number;
  private markLoaded!: () => void;
  private readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));
  private readonly overlapMs: number;

  constructor(
    private readonly model: Model<WebhookDocument>,
    private readonly listener: SnapshotListener,
    private readonly logger: Logger,
    options: WebhookViewSyncOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 500;
    this.overlapMs = options.overlapMs ?? 5000;
  }

  /** Loads the view and starts polling; if MongoDB is down, polling keeps trying the full load. */
  async start(): Promise<void> {
    await this.syncOnce();
    this.schedule();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Resolves once the first full load has succeeded. */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  status(): ViewSyncStatus {
    return { ...this.state };
  }

  /** One poll; public so tests and start-up can force a sync. */
  async syncOnce(): Promise<number> {
    const since = new Date(Math.max(0, this.cursor - this.overlapMs));
    const filter = this.state.loaded ? { updated_at: { $gte: since } } : { deleted_at: null };
    try {
      const docs = await this.model
        .find(filter, SNAPSHOT_PROJECTION)
        .sort({ updated_at: 1 })
        .lean<WebhookSnapshot[]>()
        .exec();
      const changed = docs.filter((doc) => this.isNew(doc));
      if (changed.length > 0) this.listener(changed);
      this.state = { loaded: true, lastSyncedAt: new Date(), lastError: null };
      this.markLoaded();
      return changed.length;
    } catch (error) {
      const message = (error as Error).message;
      if (this.state.lastError !== message)
        this.logger.warn({ err: message }, 'webhook view sync failed; keeping the last view');
      this.state = { ...this.state, lastError: message };
      return 0;
    }
  }

  private isNew(doc: WebhookSnapshot): boolean {
    const at = new Date(doc.updated_at).getTime();
    this.cursor = Math.max(this.cursor, at);
    if ((this.seen.get(doc._id) ?? -1) >= at) return false;
    this.seen.set(doc._id, at);
    return true;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.running = this.syncOnce().then(() => {
        if (this.timer) this.schedule();
      });
    }, this.intervalMs);
  }
}
