import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RESPONSE_EXCERPT_BYTES, type AttemptOutcome } from '@app/contracts';
import { Clock } from '../common/clock';
import { hourOf } from '../common/hour-buckets';
import { ManagementMetrics } from '../common/metrics';
import { WebhookDeliveryStatus } from '../webhooks/store/webhook-delivery-status';
import type { LastDelivery } from '../webhooks/store/webhook-record';
import type { DeliveryAttemptRecord } from './delivery-attempt.schema';
import { DeliveryAttemptRepository } from './delivery-attempt.repository';

/** Turns attempt outcomes into delivery-log rows and each webhook's `last_delivery`. */
@Injectable()
export class AttemptLogService {
  constructor(
    private readonly attempts: DeliveryAttemptRepository,
    private readonly status: WebhookDeliveryStatus,
    private readonly metrics: ManagementMetrics,
    private readonly clock: Clock,
  ) {}

  /**
   * Persists a batch; idempotent, so the same batch may be given again after a crash.
   * Returns the webhooks whose failure streak the batch's newest success already ended
   * (WebhookDeliveryStatus.recordLastDeliveries), for auto-disable to skip.
   */
  async record(outcomes: AttemptOutcome[]): Promise<ReadonlySet<string>> {
    if (outcomes.length === 0) return new Set();
    const stop = this.metrics.batchSeconds.startTimer();
    const now = this.clock.now();
    await this.attempts.upsertMany(outcomes.map((outcome) => toRecord(outcome, now)));
    const streaksClosed = await this.status.recordLastDeliveries(
      [...newestPerWebhook(outcomes)].map(([id, newest]) => ({
        organisationId: newest.organisation_id,
        id,
        last: toLastDelivery(newest),
      })),
    );
    stop();
    for (const outcome of outcomes) this.metrics.attemptsPersisted.inc({ status: outcome.status });
    return streaksClosed;
  }
}

/** Error messages longer than this are cut (the sender's are short; this is a safety net). */
const MAX_ERROR_LENGTH = 1024;

/** At most `bytes` bytes of UTF-8 text (the sender already cuts; the log never keeps more). */
export function firstBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= bytes) return text;
  // Drop a multi-byte character cut in half rather than keep a replacement character.
  return buffer
    .subarray(0, bytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

function toRecord(outcome: AttemptOutcome, now: Date): DeliveryAttemptRecord {
  const attemptedAt = new Date(outcome.attempted_at);
  return {
    _id: randomUUID(),
    organisation_id: outcome.organisation_id,
    webhook_id: outcome.webhook_id,
    delivery_id: outcome.delivery_id,
    series_id: outcome.series_id,
    attempt: outcome.attempt,
    event_id: outcome.event_id,
    event_type: outcome.event_type,
    trigger: outcome.trigger,
    status: outcome.status,
    status_code: outcome.status_code,
    error_kind: outcome.error_kind,
    error: outcome.error === null ? null : outcome.error.slice(0, MAX_ERROR_LENGTH),
    duration_ms: outcome.duration_ms,
    response_excerpt:
      outcome.response_excerpt === null
        ? null
        : firstBytes(outcome.response_excerpt, RESPONSE_EXCERPT_BYTES),
    attempted_at: attemptedAt,
    attempted_hour: hourOf(attemptedAt),
    next: outcome.next,
    next_attempt_at: outcome.next_attempt_at ? new Date(outcome.next_attempt_at) : null,
    payload_json: JSON.stringify(outcome.payload),
    recorded_at: now,
  };
}

function toLastDelivery(outcome: AttemptOutcome): LastDelivery {
  return {
    delivery_id: outcome.delivery_id,
    status: outcome.status,
    status_code: outcome.status_code,
    error_kind: outcome.error_kind,
    error: outcome.error,
    attempt: outcome.attempt,
    attempted_at: new Date(outcome.attempted_at),
    duration_ms: outcome.duration_ms,
    next: outcome.next,
    next_attempt_at: outcome.next_attempt_at ? new Date(outcome.next_attempt_at) : null,
  };
}

/** The newest outcome of each webhook in a batch (by attempt time). */
export function newestPerWebhook(outcomes: AttemptOutcome[]): Map<string, AttemptOutcome> {
  const newest = new Map<string, AttemptOutcome>();
  for (const outcome of outcomes) {
    const seen = newest.get(outcome.webhook_id);
    if (!seen || Date.parse(outcome.attempted_at) > Date.parse(seen.attempted_at))
      newest.set(outcome.webhook_id, outcome);
  }
  return newest;
}
