import type { KafkaMessage } from 'kafkajs';
import {
  excludedRecipient,
  replaySeriesIdFor,
  type DeliveryRecord,
  type DomainEventValidator,
  type ReplayRequest,
} from '@app/contracts';
import { compileFilter, type FilterPredicate } from '@app/filters';
import { callbackPayload, eventDelivery } from './delivery-planner';

/** One partition's part of a replay window: offsets [start, end). */
export interface PartitionRange {
  topic: string;
  partition: number;
  start: bigint;
  end: bigint;
}

interface PartitionOffset {
  partition: number;
  offset: string;
}

/**
 * The non-empty offset ranges of one topic for a window: `starts` are the offsets of the
 * window's start time, `ends` those of its end time (Kafka's offsets-for-times: the first
 * offset at or after the time; the log end when there is none).
 */
export function windowRanges(
  topic: string,
  starts: readonly PartitionOffset[],
  ends: readonly PartitionOffset[],
): PartitionRange[] {
  const endOf = new Map(ends.map(({ partition, offset }) => [partition, BigInt(offset)]));
  return starts
    .map(({ partition, offset }) => ({
      topic,
      partition,
      start: BigInt(offset),
      end: endOf.get(partition) ?? BigInt(offset),
    }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.partition - b.partition);
}

/** How many records the ranges hold (an upper bound on the events to scan). */
export function rangeSize(ranges: readonly PartitionRange[]): number {
  return ranges.reduce((sum, range) => sum + Number(range.end - range.start), 0);
}

/**
 * Decides, for one replay, what each domain-event message read in its window turns into:
 * nothing (outside the window by timestamp, another organisation, a type the webhook does not
 * want, not a valid event — the live matcher already set those aside — or an event its
 * payload filter holds back), or the delivery
 * the live matcher would have made, with the same delivery id, marked as a replay with a
 * series of its own. The organisation and type are checked on the parsed JSON before the
 * event's schema, so the events of other organisations cost a JSON parse only. Pure.
 */
export class ReplayPlanner {
  private readonly sinceMs: number;
  private readonly untilMs: number;
  private readonly events: ReadonlySet<string>;
  private readonly filter: FilterPredicate | null;

  /** Throws InvalidFilterError when the request's filter does not compile. */
  constructor(
    private readonly request: ReplayRequest,
    private readonly validator: DomainEventValidator,
  ) {
    this.sinceMs = Date.parse(request.since);
    this.untilMs = Date.parse(request.until);
    this.events = new Set(request.events);
    // Compiled once per replay, as the live table compiles it once per route change.
    this.filter = request.filter ? compileFilter(request.filter) : null;
  }

  plan(message: KafkaMessage, now: Date): DeliveryRecord | null {
    const timestamp = Number(message.timestamp);
    if (!(timestamp >= this.sinceMs && timestamp < this.untilMs)) return null;
    if (!message.value) return null;
    // As live: an event over EVENT_MAX_BYTES was rejected, never delivered.
    if (this.validator.sizeProblem(message.value.length)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value.toString('utf8'));
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const candidate = parsed as { organisation_id?: unknown; type?: unknown };
    if (candidate.organisation_id !== this.request.organisation_id) return null;
    if (typeof candidate.type !== 'string' || !this.events.has(candidate.type)) return null;
    const result = this.validator.validate(parsed);
    if (!result.ok) return null;
    // As live: a webhook's own `webhook.disabled` is never delivered to it.
    if (excludedRecipient(result.event) === this.request.webhook_id) return null;
    const payload = callbackPayload(result.event);
    // As live: the webhook's payload filter, on the body the receiver would get.
    if (this.filter && !this.filter(payload)) return null;
    const delivery = eventDelivery(
      result.event,
      this.request.webhook_id,
      now.toISOString(),
      payload,
    );
    return {
      ...delivery,
      trigger: 'replay',
      series_id: replaySeriesIdFor(delivery.delivery_id, this.request.replay_id),
    };
  }
}
