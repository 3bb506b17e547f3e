import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { DeliveryRecord } from '@app/contracts';
import {
  planDeferral,
  planHandOver,
  type AttemptResult,
  type FollowUp,
  type HandOver,
} from './attempt-outcome';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import { DeferralPacer } from './deferral-pacer';
import type { CallbackRequest, HttpAttemptResult } from './http-delivery.client';
import type { SenderMetrics } from './sender.metrics';
import { signatureHeader, signatureParts } from './signature';
import { liveKeys, type DirectoryEntry, type ResolvedWebhook } from './webhook-directory';
import { WebhookRateLimiter } from './webhook-rate-limiter';

/** The I/O the delivery service uses, as small interfaces (real classes in the app, fakes in specs). */
export interface CallbackSender {
  send(call: CallbackRequest): Promise<HttpAttemptResult>;
}
export interface WebhookLookup {
  resolve(organisationId: string, webhookId: string): Promise<DirectoryEntry>;
  /** The entry if it is at hand without a read; undefined otherwise. */
  cached(webhookId: string): DirectoryEntry | undefined;
}
export interface HandOverSink {
  handOn(handOver: HandOver): Promise<void>;
  /** A record put off without an attempt, onto a later stage. */
  defer(followUp: FollowUp): Promise<void>;
}

/**
 * An endpoint fast enough may hold this many times `endpointBacklog` records at most, so a
 * few endpoints that were fast and then die cannot fill the consumer's pending bound.
 */
const SHARE_CAP_FACTOR = 5;

/**
 * The least time an endpoint's share is sized for, however short the first retry delay. A
 * deferral costs a produce and a consume, and it may meet the same crowd when it comes
 * back: sized to a short delay (1 s in the pipeline benchmark), the shares of healthy but
 * busy receivers shrank to the floor and a burst of 20,000 records made 34,000 deferrals.
 */
const MIN_SHARE_BUDGET_MS = 10_000;

export interface DeliveryServiceOptions {
  retryDelaysMs: readonly number[];
  /**
   * Records of one endpoint running or waiting for a slot, at most; more are deferred to
   * a later retry stage without an attempt, so a flooded endpoint cannot fill the sender's
   * pending bound and stall every other endpoint (docs/design.md, "A flooded endpoint").
   * An endpoint that works through more within twice the first retry delay (10 s at least)
   * may hold more, up to five times this.
   */
  endpointBacklog: number;
  /** Deadline of one attempt: how long a dead endpoint holds a slot. */
  timeoutMs: number;
  userAgent: string;
  now?: () => Date;
}

/** Thrown when the service stops while a dependency (MongoDB, Kafka) is unavailable. */
export class StoppedError extends Error {
  constructor() {
    super('sender stopping; record left for redelivery');
  }
}

/**
 * One delivery attempt from record to durable hand-over (thin consumer, decisions here):
 * resolve the webhook, send the signed callback within the endpoint's concurrency slot,
 * map the result to the next step, hand the outcome (and retry or dead letter) on to Kafka.
 * A dependency that is down is retried until it answers or the sender stops; the record
 * then stays uncommitted and is redelivered.
 */
export class DeliveryService {
  private stopping = false;
  /** Aborts the in-memory waits of ordered retries (shutdown, crash simulation). */
  private readonly waits = new AbortController();
  private readonly now: () => Date;
  private readonly pacer: DeferralPacer;
  private readonly rates: WebhookRateLimiter;

  constructor(
    private readonly webhooks: WebhookLookup,
    private readonly http: CallbackSender,
    private readonly sink: HandOverSink,
    private readonly limiter: ConcurrencyLimiter,
    private readonly metrics: SenderMetrics,
    private readonly logger: Logger,
    private readonly options: DeliveryServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.pacer = new DeferralPacer(limiter.maxPerKey, options.timeoutMs);
    // Every ordered record waiting for its retry listens for the abort.
    setMaxListeners(0, this.waits.signal);
    this.rates = new WebhookRateLimiter(options.endpointBacklog);
  }

  /** Stops retrying unavailable dependencies: pending work ends with StoppedError. */
  stop(): void {
    this.stopping = true;
    this.stopWaiting();
  }

  /**
   * Ends the waits of ordered deliveries between attempts (they end with StoppedError and
   * stay uncommitted) and starts no further ordered attempt; calls in flight go on.
   */
  stopWaiting(): void {
    this.waits.abort();
  }

  /**
   * One attempt of `record`, or its deferral; `onDeferring` is told as soon as the record is
   * put off rather than attempted (the consumer then counts it apart, see delivery-consumer).
   */
  async deliver(record: DeliveryRecord, onDeferring?: () => void): Promise<void> {
    const log = this.loggerFor(record);
    const entry = await this.resolve(record, log);
    const endpoint = entry.kind === 'live' ? entry.webhook.endpoint : '';
    if (entry.kind === 'live' && this.crowded(record, endpoint)) {
      const now = this.now();
      const followUp = planDeferral(record, this.options.retryDelaysMs, now, (delayMs) =>
        this.pacer.extraWait(endpoint, now.getTime(), delayMs),
      );
      onDeferring?.();
      await this.persist('defer', log, () => this.sink.defer(followUp));
      this.metrics.deferrals.inc();
      if (this.logger.isLevelEnabled('debug'))
        log().debug({ deferred: followUp.value.deferred }, 'endpoint crowded; attempt deferred');
      return;
    }
    if (entry.kind === 'live' && !(await this.awaitTurn(record, entry.webhook, log, onDeferring)))
      return;
    await this.attemptAndHandOn(record, entry, endpoint, log, 'retry topic');
  }

  /**
   * An ordered delivery (docs/design.md, "Ordered delivery"): every attempt is made here, the
   * retries after the same delays as the retry topics but waited in memory, so the next
   * record of the entity (queued behind it in OrderedLanes) starts only once this one has
   * succeeded or is dead-lettered. Never deferred: a deferral would let it be overtaken.
   * Its offset stays uncommitted meanwhile, so a crash redelivers it (from attempt 1) and
   * everything of its entity behind it, in order.
   */
  async deliverInOrder(record: DeliveryRecord, stillOwned: () => boolean): Promise<void> {
    let current: DeliveryRecord | null = record;
    while (current) {
      if (this.waits.signal.aborted || !stillOwned()) throw new StoppedError();
      const log = this.loggerFor(current);
      const entry = await this.resolve(current, log);
      const endpoint = entry.kind === 'live' ? entry.webhook.endpoint : '';
      // Its turn under the webhook's rate limit is waited for in memory, however far off:
      // a deferral would let the entity's next record overtake it.
      const rate = entry.kind === 'live' ? entry.webhook.rateLimit : null;
      if (entry.kind === 'live' && rate !== null) {
        const waitMs = this.rates.reserve(entry.webhook.id, rate, this.now().getTime());
        if (waitMs > 0) this.metrics.rateLimited.inc({ outcome: 'waited' });
        await this.waitInPlace(waitMs);
        await this.keepSpacing(entry.webhook.id, rate, (ms) => this.waitInPlace(ms));
      }
      current = await this.attemptAndHandOn(current, entry, endpoint, log, 'in place');
      if (current?.not_before)
        await this.waitInPlace(Date.parse(current.not_before) - this.now().getTime());
    }
  }

  /** An ordered record's wait in memory; ends with StoppedError when the sender stops. */
  private async waitInPlace(waitMs: number): Promise<void> {
    if (waitMs <= 0) return;
    try {
      await sleep(waitMs, undefined, { signal: this.waits.signal });
    } catch {
      throw new StoppedError();
    }
  }

  /**
   * Makes one attempt and hands its outcome on. A retry goes to its retry topic, or, `in
   * place`, is returned as the record of the next attempt (only the outcome is produced).
   */
  private async attemptAndHandOn(
    record: DeliveryRecord,
    entry: DirectoryEntry,
    endpoint: string,
    log: () => Logger,
    retry: 'retry topic' | 'in place',
  ): Promise<DeliveryRecord | null> {
    const attemptedAt = this.now();
    const result = await this.attempt(record, entry, endpoint);
    if (result.status !== 'cancelled' && endpoint !== '')
      this.pacer.observe(endpoint, result.durationMs);
    const handOver = planHandOver(
      record,
      result,
      attemptedAt,
      this.options.retryDelaysMs,
      this.now(),
    );
    const inPlace = retry === 'in place' && handOver.action.step === 'retry';
    const sent = inPlace ? { ...handOver, followUp: null } : handOver;
    await this.persist('hand on outcome', log, () => this.sink.handOn(sent));
    this.observe(record, handOver, result, log);
    return inPlace ? (handOver.followUp?.value ?? null) : null;
  }

  private resolve(record: DeliveryRecord, log: () => Logger): Promise<DirectoryEntry> {
    return this.persist('resolve webhook', log, () =>
      this.webhooks.resolve(record.organisation_id, record.webhook_id),
    );
  }

  /** The child logger is built only when a line is written: most attempts log nothing. */
  private loggerFor(record: DeliveryRecord): () => Logger {
    let child: Logger | undefined;
    return () =>
      (child ??= this.logger.child({
        delivery_id: record.delivery_id,
        webhook_id: record.webhook_id,
        event_id: record.payload.id,
        attempt: record.attempt,
      }));
  }

  /**
   * Whether the endpoint already has its share of records running or waiting. The share is
   * `endpointBacklog`, or more for an endpoint fast enough to work through more of them
   * within twice the first retry delay, the longest a deferral makes a record wait (its
   * delay plus at most one more of pacing), or MIN_SHARE_BUDGET_MS if longer: deferring
   * those could only make them later. A healthy receiver's burst waits in memory, a dead
   * one's is deferred (docs/design.md, "A flooded endpoint"). Test calls are never put off:
   * somebody is waiting for their result.
   */
  private crowded(record: DeliveryRecord, endpoint: string): boolean {
    return record.trigger !== 'test' && this.endpointCrowded(endpoint);
  }

  /**
   * Whether a record of this webhook would now be put off for its endpoint's crowd, as far
   * as the directory's cache tells without a read (not cached: no). The consumer takes such
   * records in at a measured pace (paced-intake.ts); their delivery or deferral is decided
   * when they are taken in, as for any record.
   */
  crowdedNow(webhookId: string): boolean {
    const entry = this.webhooks.cached(webhookId);
    return entry?.kind === 'live' && this.endpointCrowded(entry.webhook.endpoint);
  }

  private endpointCrowded(endpoint: string): boolean {
    const backlog = this.limiter.backlog(endpoint);
    const { endpointBacklog, retryDelaysMs } = this.options;
    if (backlog < endpointBacklog) return false;
    return (
      backlog >=
      this.pacer.share(
        endpoint,
        Math.max(2 * (retryDelaysMs[0] ?? 0), MIN_SHARE_BUDGET_MS),
        endpointBacklog,
        endpointBacklog * SHARE_CAP_FACTOR,
      )
    );
  }

  /**
   * Waits for the record's turn under its webhook's rate limit, if it has one (docs/design.md,
   * "A rate limit per webhook"). False when the turn is too far off: the record was then
   * deferred, like one of a crowded endpoint, without an attempt. Test calls are not held.
   */
  private async awaitTurn(
    record: DeliveryRecord,
    webhook: ResolvedWebhook,
    log: () => Logger,
    onDeferring?: () => void,
  ): Promise<boolean> {
    const rate = webhook.rateLimit;
    if (rate === null) return true;
    const now = this.now();
    const turn = this.rates.slot(webhook.id, rate, now.getTime(), record.trigger === 'test');
    if (turn.kind === 'send') {
      if (record.trigger === 'test') return true;
      if (turn.waitMs > 0) {
        this.metrics.rateLimited.inc({ outcome: 'waited' });
        await sleep(turn.waitMs);
      }
      await this.keepSpacing(webhook.id, rate, (ms) => sleep(ms));
      return true;
    }
    const followUp = planDeferral(record, this.options.retryDelaysMs, now, (delayMs) =>
      this.rates.deferralWait(webhook.id, rate, now.getTime(), delayMs),
    );
    onDeferring?.();
    await this.persist('defer', log, () => this.sink.defer(followUp));
    this.metrics.rateLimited.inc({ outcome: 'deferred' });
    if (this.logger.isLevelEnabled('debug'))
      log().debug({ deferred: followUp.value.deferred }, 'rate limit reached; attempt deferred');
    return false;
  }

  /**
   * After a record's slot: waits until its call starts one interval after the webhook's
   * previous one (WebhookRateLimiter.startAfter). Real time, not the injected clock: it
   * spaces real timers.
   */
  private async keepSpacing(
    webhookId: string,
    rate: number,
    wait: (ms: number) => Promise<unknown>,
  ): Promise<void> {
    for (;;) {
      const ms = this.rates.startAfter(webhookId, rate, Date.now());
      if (ms <= 0) return;
      await wait(ms);
    }
  }

  private async attempt(
    record: DeliveryRecord,
    entry: DirectoryEntry,
    endpoint: string,
  ): Promise<AttemptResult> {
    switch (entry.kind) {
      case 'gone':
        return { status: 'cancelled', reason: 'webhook_gone', error: entry.reason };
      case 'unreadable':
        return {
          status: 'failed',
          errorKind: 'invalid_target',
          error: entry.reason,
          statusCode: null,
          durationMs: 0,
          excerpt: null,
        };
      case 'live': {
        const webhook = entry.webhook;
        return this.limiter.run(endpoint, () => this.http.send(this.buildCall(record, webhook)));
      }
    }
  }

  buildCall(record: DeliveryRecord, webhook: ResolvedWebhook): CallbackRequest {
    const body = JSON.stringify(record.payload);
    const now = this.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = signatureHeader(
      liveKeys(webhook, now.getTime()),
      record.delivery_id,
      timestamp,
      body,
    );
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': this.options.userAgent,
      'webhook-id': record.delivery_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };
    for (const [name, value] of webhook.headers) headers[name] = value;
    const sensitive = [...webhook.sensitive, ...signatureParts(signature)];
    return { url: webhook.url, method: webhook.method, headers, body, sensitive };
  }

  private observe(
    record: DeliveryRecord,
    { outcome, action }: HandOver,
    result: AttemptResult,
    log: () => Logger,
  ): void {
    this.metrics.attempts.inc({ status: outcome.status, error_kind: outcome.error_kind ?? 'none' });
    if (result.status !== 'cancelled')
      this.metrics.attemptDuration.observe({ status: result.status }, result.durationMs / 1000);
    if (result.status === 'succeeded') {
      const since = Date.parse(record.payload.timestamp);
      const origin = Number.isNaN(since) ? Date.parse(record.created_at) : since;
      if (!Number.isNaN(origin))
        this.metrics.eventToDelivery.observe(Math.max(0, this.now().getTime() - origin) / 1000);
    }
    const fields = {
      status: outcome.status,
      status_code: outcome.status_code,
      error_kind: outcome.error_kind,
      duration_ms: outcome.duration_ms,
      next: outcome.next,
    };
    switch (action.step) {
      case 'done':
        if (this.logger.isLevelEnabled('debug')) log().debug(fields, 'delivered');
        return;
      case 'dropped':
        log().info({ ...fields, reason: outcome.error }, 'delivery cancelled: webhook gone');
        return;
      case 'retry':
        this.metrics.retries.inc({ attempt: String(action.attempt) });
        log().info(
          { ...fields, next_attempt_at: outcome.next_attempt_at },
          'attempt failed; retry scheduled',
        );
        return;
      case 'dead_letter':
        this.metrics.deadLetters.inc();
        log().warn(fields, 'last attempt failed; delivery dead-lettered');
        return;
    }
  }

  /** Retries an operation on a dependency until it succeeds or the sender stops. */
  private async persist<T>(
    what: string,
    log: () => Logger,
    operation: () => Promise<T>,
  ): Promise<T> {
    for (let wait = 200; ; wait = Math.min(wait * 2, 5000)) {
      try {
        return await operation();
      } catch (error) {
        if (this.stopping) throw new StoppedError();
        log().warn(
          { err: (error as Error).message, retry_in_ms: wait },
          `${what} failed; retrying`,
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.stopping) throw new StoppedError();
      }
    }
  }
}
