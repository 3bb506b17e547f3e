import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { RECORD_FORMAT_CHECK, RecordValidator, type WebhookRoute } from '@app/contracts';
import { FormatGate, type FormatReport } from '@app/kafka';

/** A webhook's newest routing state; `route: null` once it was deleted. */
export interface RouteChange {
  webhookId: string;
  route: WebhookRoute | null;
}

/** Receives, per batch, the changes that are newer than what was seen for each webhook. */
export type RouteListener = (changes: RouteChange[]) => void;

export interface RouteFollowerStatus {
  caughtUp: boolean;
  /** Webhooks known (live or inactive), tombstones excluded. */
  webhooks: number;
  recordsRead: number;
  rejected: number;
  /** Partitions stopped at a record of a format this release cannot read; null: none. */
  unreadable: FormatReport | null;
}

export interface RouteFollowerOptions {
  /** The consumer group prefix; each instance adds a random suffix and commits nothing. */
  groupPrefix: string;
  sessionTimeoutMs?: number;
  /** Longest a fetch waits with nothing new (KAFKA_FETCH_MAX_WAIT_MS); a change returns it at once. */
  fetchMaxWaitMs?: number;
  /**
   * A partition with no record for this long after joining counts as read to its end: the
   * record just below its start-up high watermark may have been a tombstone the cleaner
   * removed, and an empty fetch never reaches a batch handler.
   */
  quietMs?: number;
}

/**
 * Follows the compacted routing topic (docs/webhook-changes.md) from its beginning, for the
 * matcher's subscription table and the sender's cache. Each instance reads every partition
 * (a consumer group of its own, never committed), keeps the highest version seen per
 * webhook, and treats a tombstone as final (webhook ids are never reused), so a late older
 * snapshot cannot roll a webhook back. "Caught up" means every partition has been read up
 * to the high watermark it had at start-up.
 *
 * A partition stops at a record of a format this release cannot read (FormatGate): the
 * changes after it in that partition are not applied, and until it was read to its end the
 * table is not caught up (the matcher matches nothing against a table missing them).
 */
export class WebhookRouteFollower {
  private readonly consumer: Consumer;
  private readonly validator = new RecordValidator();
  private readonly gate: FormatGate;
  private readonly versions = new Map<string, number>();
  private readonly deleted = new Set<string>();
  private readonly pending = new Map<number, { high: bigint; lastSeenAt: number }>();
  private recordsRead = 0;
  private rejected = 0;
  private caughtUp = false;
  private markCaughtUp!: () => void;
  private readonly caughtUpPromise = new Promise<void>((resolve) => (this.markCaughtUp = resolve));
  private quietTimer: NodeJS.Timeout | undefined;
  /** Quiet partitions are judged only once the consumer has joined and been assigned. */
  private joined = false;
  private readonly quietMs: number;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly listener: RouteListener,
    private readonly logger: Logger,
    options: RouteFollowerOptions,
  ) {
    this.quietMs = options.quietMs ?? 3000;
    this.consumer = kafka.consumer({
      groupId: `${options.groupPrefix}-routes-${randomUUID()}`,
      sessionTimeout: options.sessionTimeoutMs ?? 10_000,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.fetchMaxWaitMs ?? 1000,
    });
    this.gate = new FormatGate('webhook_routes', RECORD_FORMAT_CHECK, this.consumer, logger);
  }

  get kafkaConsumer(): Consumer {
    return this.consumer;
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await fetchEnds(admin, this.topic);
      const now = Date.now();
      for (const { partition, high, low } of offsets)
        if (BigInt(high) > BigInt(low))
          this.pending.set(partition, { high: BigInt(high), lastSeenAt: now });
    } finally {
      await admin.disconnect();
    }
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.touchAll());
    // kafkajs resolves each whole batch, past a record the gate stopped at: harmless, as
    // nothing resumes a stopped partition here, and a restarted consumer reads from the
    // beginning again (nothing is committed) and stops there again.
    await this.consumer.run({
      autoCommit: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.checkCaughtUp();
    this.quietTimer = setInterval(() => this.checkCaughtUp(), 500);
    this.quietTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.quietTimer);
    await this.consumer.disconnect();
  }

  /** Resolves once every partition has been read to its start-up end. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUpPromise;
  }

  /** The newest version seen of a webhook, 'deleted' after its tombstone, undefined if none. */
  versionOf(webhookId: string): number | 'deleted' | undefined {
    return this.deleted.has(webhookId) ? 'deleted' : this.versions.get(webhookId);
  }

  status(): RouteFollowerStatus {
    return {
      caughtUp: this.caughtUp,
      webhooks: this.versions.size,
      recordsRead: this.recordsRead,
      rejected: this.rejected,
      unreadable: this.gate.report(),
    };
  }

  private handleBatch(payload: EachBatchPayload): Promise<void> {
    const batch = this.gate.admit(payload.batch);
    const changes: RouteChange[] = [];
    for (const message of batch.messages) {
      this.recordsRead += 1;
      const webhookId = message.key?.toString('utf8');
      if (!webhookId) {
        this.reject(batch.partition, message.offset, 'record without a webhook id key');
        continue;
      }
      const change = this.accept(webhookId, message.value, batch.partition, message.offset);
      if (change) changes.push(change);
    }
    if (changes.length > 0) this.listener(changes);
    const waiting = this.pending.get(batch.partition);
    if (waiting) {
      if (BigInt(batch.lastOffset()) + 1n >= waiting.high) this.pending.delete(batch.partition);
      else waiting.lastSeenAt = Date.now();
    }
    this.checkCaughtUp();
    return payload.heartbeat();
  }

  /** The change this record makes, or null when it is stale, a repeat or unreadable. */
  private accept(
    webhookId: string,
    value: Buffer | null,
    partition: number,
    offset: string,
  ): RouteChange | null {
    if (this.deleted.has(webhookId)) return null;
    if (value === null) {
      this.deleted.add(webhookId);
      this.versions.delete(webhookId);
      return { webhookId, route: null };
    }
    const parsed = this.validator.webhookRoute(value);
    if (!parsed.ok) {
      this.reject(partition, offset, parsed.reason);
      return null;
    }
    const route = parsed.value;
    if (route.webhook_id !== webhookId) {
      this.reject(partition, offset, 'webhook_id differs from the record key');
      return null;
    }
    if ((this.versions.get(webhookId) ?? -1) >= route.version) return null;
    this.versions.set(webhookId, route.version);
    return { webhookId, route };
  }

  /** Our own management writes this topic: a bad record is a bug, logged and skipped. */
  private reject(partition: number, offset: string, reason: string): void {
    this.rejected += 1;
    this.logger.warn(
      { topic: this.topic, partition, offset, reason },
      'skipping unreadable routing record',
    );
  }

  private touchAll(): void {
    this.joined = true;
    const now = Date.now();
    for (const waiting of this.pending.values()) waiting.lastSeenAt = now;
  }

  private checkCaughtUp(): void {
    if (this.caughtUp) return;
    const now = Date.now();
    // A stopped partition is quiet for want of reading, not of records.
    if (this.joined)
      for (const [partition, waiting] of this.pending)
        if (now - waiting.lastSeenAt >= this.quietMs && !this.gate.isStopped(this.topic, partition))
          this.pending.delete(partition);
    if (this.pending.size > 0) return;
    this.caughtUp = true;
    clearInterval(this.quietTimer);
    this.logger.info(
      { webhooks: this.versions.size, records: this.recordsRead },
      'webhook routing table read to its end',
    );
    this.markCaughtUp();
  }
}

/**
 * The partitions' ends at start-up. Right after the apps create the topic its partitions may
 * have no leader yet ("not the leader"): such retriable answers are retried for up to 30 s.
 */
async function fetchEnds(admin: Admin, topic: string) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
