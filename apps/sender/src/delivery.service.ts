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
import type { DeferDecision, FlowControl, SendDecision } from './flow-control/flow-control';
import type { CallbackRequest, HttpAttemptResult } from './http/http-delivery.client';
import { signatureHeader, signatureParts } from './http/signature';
import type { SenderMetrics } from './sender.metrics';
import {
  liveKeys,
  type DirectoryEntry,
  type ResolvedWebhook,
} from './webhook-lookup/webhook-directory';

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

export interface DeliveryServiceOptions {
  retryDelaysMs: readonly number[];
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
 * One delivery from record to durable hand-over, and nothing else decided here: resolve the
 * webhook → ask the flow control whether to send now, wait, or defer → attempt the signed
 * call → hand the outcome (and the retry or dead letter) on to Kafka. A dependency that is
 * down is retried until it answers or the sender stops; the record then stays uncommitted
 * and is redelivered.
 */
export class DeliveryService {
  private stopping = false;
  /** Aborts the in-memory waits of ordered retries (shutdown, crash simulation). */
  private readonly waits = new AbortController();
  private readonly now: () => Date;

  constructor(
    private readonly webhooks: WebhookLookup,
    private readonly http: CallbackSender,
    private readonly sink: HandOverSink,
    private readonly flow: FlowControl,
    private readonly metrics: SenderMetrics,
    private readonly logger: Logger,
    private readonly options: DeliveryServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    // Every ordered record waiting for its retry listens for the abort.
    setMaxListeners(0, this.waits.signal);
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
    const now = this.now();
    const decision =
      entry.kind === 'live' ? this.flow.decide(record, entry.webhook, now.getTime()) : null;
    if (decision?.kind === 'defer') {
      onDeferring?.();
      return this.defer(record, decision, now, log);
    }
    if (decision) await this.awaitTurn(decision, (ms) => sleep(ms));
    await this.attemptAndHandOn(record, entry, log, 'retry topic');
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
      if (entry.kind === 'live')
        await this.awaitTurn(this.flow.decideInOrder(entry.webhook, this.now().getTime()), (ms) =>
          this.waitInPlace(ms),
        );
      current = await this.attemptAndHandOn(current, entry, log, 'in place');
      if (current?.not_before)
        await this.waitInPlace(Date.parse(current.not_before) - this.now().getTime());
    }
  }

  /**
   * Whether a record of this webhook would now be deferred for its endpoint's crowd, as far
   * as the directory's cache tells without a read (not cached: no). The consumer takes such
   * records in at a measured pace (intake/paced-intake.ts).
   */
  crowdedNow(webhookId: string): boolean {
    const entry = this.webhooks.cached(webhookId);
    return entry?.kind === 'live' && this.flow.crowded(entry.webhook.endpoint);
  }

  /**
   * Waits for a record's turn under its webhook's rate limit, then until its call may start
   * one interval after the webhook's previous one (a stalled event loop fires planned timers
   * together). Real time, not the injected clock: it spaces real timers.
   */
  private async awaitTurn(
    decision: SendDecision,
    wait: (ms: number) => Promise<unknown>,
  ): Promise<void> {
    if (decision.waitMs > 0) {
      this.metrics.rateLimited.inc({ outcome: 'waited' });
      await wait(decision.waitMs);
    }
    if (!decision.spacing) return;
    for (;;) {
      const ms = this.flow.startAfter(decision.spacing, Date.now());
      if (ms <= 0) return;
      await wait(ms);
    }
  }

  /** The one defer path: the record moves one stage down the ladder, without an attempt. */
  private async defer(
    record: DeliveryRecord,
    decision: DeferDecision,
    now: Date,
    log: () => Logger,
  ): Promise<void> {
    const followUp = planDeferral(record, this.options.retryDelaysMs, now, decision.extraWait);
    await this.persist('defer', log, () => this.sink.defer(followUp));
    if (decision.reason === 'crowded') this.metrics.deferrals.inc();
    else this.metrics.rateLimited.inc({ outcome: 'deferred' });
    if (this.logger.isLevelEnabled('debug'))
      log().debug(
        { deferred: followUp.value.deferred, reason: decision.reason },
        decision.reason === 'crowded'
          ? 'endpoint crowded; attempt deferred'
          : 'rate limit reached; attempt deferred',
      );
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
    log: () => Logger,
    retry: 'retry topic' | 'in place',
  ): Promise<DeliveryRecord | null> {
    const attemptedAt = this.now();
    const result = await this.attempt(record, entry);
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

  private async attempt(record: DeliveryRecord, entry: DirectoryEntry): Promise<AttemptResult> {
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
        return this.flow.call(webhook.endpoint, () =>
          this.http.send(this.buildCall(record, webhook)),
        );
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
