import type { DeliveryRecord } from '@app/contracts';
import type { ResolvedWebhook } from '../webhook-lookup/webhook-directory';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { ConnectionRamp } from './connection-ramp';
import { DeferralLine } from './deferral-line';
import { EndpointPace } from './endpoint-pace';
import type { SenderLimits } from './sender-limits';
import { WebhookRateLimiter } from './webhook-rate-limiter';

/** A call spaced under its webhook's rate limit: its start waits for the interval. */
export interface Spacing {
  webhookId: string;
  ratePerSecond: number;
}

/** Send, after `waitMs` (a rate-limit turn) and, if `spacing`, one interval after the last call. */
export interface SendDecision {
  kind: 'send';
  waitMs: number;
  spacing: Spacing | null;
}

/**
 * Put off without an attempt, one stage down the retry ladder: `crowded`, its endpoint has
 * its share of records already; `rate_limited`, its webhook's turn is too far off.
 * `extraWait(delayMs)` is its place in the line of records deferred for the same reason,
 * beyond the stage's delay.
 */
export interface DeferDecision {
  kind: 'defer';
  reason: 'crowded' | 'rate_limited';
  extraWait: (delayMs: number) => number;
}

export type Decision = SendDecision | DeferDecision;

const SEND_NOW: SendDecision = { kind: 'send', waitMs: 0, spacing: null };

/**
 * The sender's flow control in one place: for a resolved record, send now, wait, or defer
 * until when? It owns what the answer depends on (docs/design.md, "A flooded endpoint" and
 * "A rate limit per webhook"), with every bound from one SenderLimits:
 * - the concurrency limits (ConcurrencyLimiter: in flight overall and per endpoint, round
 *   robin) and the connection ramp that gates them (ConnectionRamp);
 * - the share rule: how many records of an endpoint may run or wait in memory, sized by its
 *   pace (EndpointPace);
 * - a webhook's rate limit (WebhookRateLimiter);
 * - the deferral lines (DeferralLine): where each deferred record comes back.
 * Test calls are never put off or held for a rate limit: somebody is waiting for them.
 */
export class FlowControl {
  /** Each origin's open connections, which the HTTP client reports; the limiter's gate. */
  readonly connections: ConnectionRamp;
  private readonly limiter: ConcurrencyLimiter;
  private readonly pace: EndpointPace;
  private readonly rates: WebhookRateLimiter;
  private readonly crowdLine: DeferralLine;
  private readonly rateLine: DeferralLine;

  constructor(private readonly limits: SenderLimits) {
    this.connections = new ConnectionRamp(limits.queuePerConnection);
    this.limiter = new ConcurrencyLimiter(
      limits.maxInFlight,
      limits.maxPerEndpoint,
      this.connections,
    );
    this.pace = new EndpointPace(limits);
    this.rates = new WebhookRateLimiter(limits);
    this.crowdLine = new DeferralLine(limits.remembered);
    this.rateLine = new DeferralLine(limits.remembered);
  }

  /** The one question, for a record of a live webhook at `now` (ms since the epoch). */
  decide(record: DeliveryRecord, webhook: ResolvedWebhook, now: number): Decision {
    const urgent = record.trigger === 'test';
    const { endpoint } = webhook;
    if (!urgent && this.crowded(endpoint))
      return {
        kind: 'defer',
        reason: 'crowded',
        // One record of a dead endpoint drains per slot: spaced by its pace over its slots.
        extraWait: (delayMs) =>
          this.crowdLine.extraWait(
            endpoint,
            now,
            delayMs,
            this.pace.durationMs(endpoint) / this.limits.maxPerEndpoint,
          ),
      };
    const rate = webhook.rateLimit;
    if (rate === null) return SEND_NOW;
    const slot = this.rates.slot(webhook.id, rate, now, urgent);
    if (slot.kind === 'defer')
      return {
        kind: 'defer',
        reason: 'rate_limited',
        // One interval apart, after the calls already waiting for their turn.
        extraWait: (delayMs) =>
          this.rateLine.extraWait(
            webhook.id,
            now,
            delayMs,
            1000 / rate,
            this.rates.nextSlot(webhook.id),
          ),
      };
    if (urgent) return SEND_NOW;
    return {
      kind: 'send',
      waitMs: slot.waitMs,
      spacing: { webhookId: webhook.id, ratePerSecond: rate },
    };
  }

  /**
   * An ordered record's turn (docs/design.md, "Ordered delivery"): never deferred, which
   * would let its entity's next record overtake it, so its rate-limit turn is waited for in
   * memory however far off; its lane and the ordered partition's backlog bound their number.
   */
  decideInOrder(webhook: ResolvedWebhook, now: number): SendDecision {
    const rate = webhook.rateLimit;
    if (rate === null) return SEND_NOW;
    return {
      kind: 'send',
      waitMs: this.rates.reserve(webhook.id, rate, now),
      spacing: { webhookId: webhook.id, ratePerSecond: rate },
    };
  }

  /**
   * Ms still to wait before a spaced call that reached its turn starts, or 0 (its start is
   * then recorded). Real time: it spaces real timers (WebhookRateLimiter.startAfter).
   */
  startAfter({ webhookId, ratePerSecond }: Spacing, now: number): number {
    return this.rates.startAfter(webhookId, ratePerSecond, now);
  }

  /**
   * Whether the endpoint already has its share of records running or waiting. The share is
   * `endpointBacklog`, or more for an endpoint fast enough to work through more of them
   * within the share budget (twice the first retry delay, the longest a deferral makes a
   * record wait, and at least `minShareBudgetMs`): deferring those could only make them
   * later. So a healthy receiver's burst waits in memory, a dead one's is deferred.
   */
  crowded(endpoint: string): boolean {
    const backlog = this.limiter.backlog(endpoint);
    const { endpointBacklog, retryDelaysMs, minShareBudgetMs, shareCapFactor } = this.limits;
    if (backlog < endpointBacklog) return false;
    const budgetMs = Math.max(2 * (retryDelaysMs[0] ?? 0), minShareBudgetMs);
    const drained = Math.floor(
      (budgetMs * this.limits.maxPerEndpoint) / Math.max(1, this.pace.durationMs(endpoint)),
    );
    const share = Math.min(endpointBacklog * shareCapFactor, Math.max(endpointBacklog, drained));
    return backlog >= share;
  }

  /**
   * Runs a call to `endpoint` within the concurrency limits; how long it took paces the
   * endpoint's share and its deferral line.
   */
  async call<T extends { durationMs: number }>(
    endpoint: string,
    send: () => Promise<T>,
  ): Promise<T> {
    const result = await this.limiter.run(endpoint, send);
    this.pace.observe(endpoint, result.durationMs);
    return result;
  }
}
