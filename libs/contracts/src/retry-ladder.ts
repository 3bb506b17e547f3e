import type { TopicKey } from './topics';

/**
 * The retry ladder (docs/design.md, "The HTTP callback"): a delivery is tried once from
 * `deliveries`, then up to three more times, each retry from its own delayed topic, then
 * parked in the dead-letter topic. Attempt n (1-based) is consumed from LADDER[n - 1].
 */
export const DELIVERY_LADDER = [
  'deliveries',
  'retry1',
  'retry2',
  'retry3',
] as const satisfies readonly TopicKey[];

export type DeliveryStageTopic = (typeof DELIVERY_LADDER)[number];

export const MAX_ATTEMPTS = DELIVERY_LADDER.length;

/** Where a record goes after attempt `attempt` failed: the next retry topic, or the DLQ. */
export function topicAfterFailure(attempt: number): TopicKey {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`invalid attempt ${attempt}`);
  return attempt < MAX_ATTEMPTS ? DELIVERY_LADDER[attempt] : 'deadLetter';
}

/** The stage topic that carries attempt `attempt`. */
export function topicForAttempt(attempt: number): DeliveryStageTopic {
  const topic = DELIVERY_LADDER[attempt - 1];
  if (!topic) throw new RangeError(`invalid attempt ${attempt}`);
  return topic;
}

/**
 * The stage (1-based index into the ladder) a record belongs on: its attempt, moved one
 * stage further for each deferral, at most the last retry stage.
 */
export function stageOf(record: { attempt: number; deferred?: number }): number {
  return Math.min(record.attempt + (record.deferred ?? 0), MAX_ATTEMPTS);
}

/** Default delays before retries 1..3: 10 s, 1 min, 5 min (WEBHOOK_RETRY_DELAYS). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [10_000, 60_000, 300_000];

/**
 * The longest delay WEBHOOK_RETRY_DELAYS accepts for one retry. The retry topics keep their
 * records a fixed time above it (TOPIC_CONFIG in topics.ts), so no accepted setting can
 * outlast them.
 */
export const MAX_RETRY_DELAY_MS = 24 * 3_600_000;

/**
 * Parses WEBHOOK_RETRY_DELAYS such as `10s,1m,5m` (units ms, s, m, h) into milliseconds.
 * Exactly one delay per retry topic, each at most MAX_RETRY_DELAY_MS.
 */
export function parseRetryDelays(text: string): number[] {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== MAX_ATTEMPTS - 1) {
    throw new Error(`expected ${MAX_ATTEMPTS - 1} comma-separated delays, got ${parts.length}`);
  }
  return parts.map((part) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part);
    if (!match) throw new Error(`"${part}" is not a duration like 500ms, 10s, 1m or 2h`);
    const ms = Math.round(Number(match[1]) * units[match[2]]);
    if (ms > MAX_RETRY_DELAY_MS) throw new Error(`"${part}" is longer than 24h`);
    return ms;
  });
}
