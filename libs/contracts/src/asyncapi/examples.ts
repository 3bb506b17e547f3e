import { v5 as uuidv5 } from 'uuid';
import type { AttemptOutcome } from '../attempt-outcome';
import {
  EVENT_CATALOG,
  EXAMPLE_ORGANISATION_ID,
  type DomainEvent,
  type EventType,
} from '@webhook-platform/events';
import {
  deliveryIdFor,
  type AttemptSummary,
  type CallbackPayload,
  type DeadLetterRecord,
  type DeliveryRecord,
} from '../delivery-record';
import type { RejectedEvent } from '../rejected-event';
import type { ReplayProgress, ReplayRequest } from '../replay';
import { DEFAULT_RETRY_DELAYS_MS } from '../retry-ladder';
import { TOPIC_DEFAULTS } from '../topics';
import type { WebhookRoute } from '../webhook-route';

/*
 * Examples for the AsyncAPI document. Everything is derived from the catalog and fixed
 * constants, so a generation is reproducible byte for byte. The records are typed with the
 * contract's interfaces: a field added to or removed from one fails to compile here.
 */

/** Namespace of the example event ids (any fixed uuid; it must only never change). */
const EXAMPLE_EVENT_NAMESPACE = 'a4d5f0e2-6c1b-4f3a-9e87-2d0c5b7a1f63';

/** The webhook of the record examples (the id management's OpenAPI examples use). */
export const EXAMPLE_WEBHOOK_ID = '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The latest ISO timestamp anywhere in a payload: an event occurs no earlier than its data says. */
function latestTimestamp(value: unknown): string | null {
  if (typeof value === 'string') return ISO_TIMESTAMP.test(value) ? value : null;
  if (typeof value !== 'object' || value === null) return null;
  let latest: string | null = null;
  for (const child of Object.values(value)) {
    const candidate = latestTimestamp(child);
    if (candidate && (latest === null || Date.parse(candidate) > Date.parse(latest)))
      latest = candidate;
  }
  return latest;
}

/** The envelope example of one event type: the catalog's `data` with a stable id and time. */
export function envelopeExample(type: EventType): DomainEvent {
  const data = EVENT_CATALOG[type].example;
  return {
    id: uuidv5(`example:${type}`, EXAMPLE_EVENT_NAMESPACE),
    type,
    organisation_id: EXAMPLE_ORGANISATION_ID,
    occurred_at: latestTimestamp(data) ?? '2026-11-23T10:00:00.000Z',
    data,
  };
}

/** `iso` moved by `ms` milliseconds. */
function plus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

// ---------------------------------------------------------------- one delivery's story

/*
 * A `form_submission.aborted` event matched for one webhook whose endpoint then fails four
 * times (a timeout, a 503, a refused connection, a 500) and is dead-lettered; an admin
 * redelivers it later and it succeeds.
 */
const EVENT = envelopeExample('form_submission.aborted');
const DELIVERY_ID = deliveryIdFor(EVENT.id, EXAMPLE_WEBHOOK_ID);
const MATCHED_AT = plus(EVENT.occurred_at, 51);

const PAYLOAD: CallbackPayload = {
  id: EVENT.id,
  type: EVENT.type,
  timestamp: EVENT.occurred_at,
  organisation_id: EVENT.organisation_id,
  data: EVENT.data,
};

interface Failure extends AttemptSummary {
  response_excerpt: string | null;
  /** When the sender handed the attempt on: the next retry's delay counts from here. */
  finished_at: string;
}

/** What each attempt ran into, and how many ms after it was due it started. */
const ATTEMPTS: Array<{
  lateMs: number;
  result: Pick<AttemptSummary, 'status_code' | 'error_kind' | 'error' | 'duration_ms'>;
  excerpt: string | null;
}> = [
  {
    lateMs: 22,
    result: {
      status_code: null,
      error_kind: 'timeout',
      error: 'no response within the timeout (UND_ERR_HEADERS_TIMEOUT)',
      duration_ms: 2001,
    },
    excerpt: null,
  },
  {
    lateMs: 45,
    result: { status_code: 503, error_kind: 'http_status', error: 'HTTP 503', duration_ms: 35 },
    excerpt: 'Service Unavailable',
  },
  {
    lateMs: 25,
    result: {
      status_code: null,
      error_kind: 'connection',
      error: 'connection failed (ECONNREFUSED)',
      duration_ms: 12,
    },
    excerpt: null,
  },
  {
    lateMs: 16,
    result: { status_code: 500, error_kind: 'http_status', error: 'HTTP 500', duration_ms: 41 },
    excerpt: '{"error":"internal"}',
  },
];

/** When attempt `attempt` is due: at once, or the retry delay after the previous one ended. */
function dueAt(attempt: number, failures: readonly Failure[]): string {
  if (attempt === 1) return MATCHED_AT;
  return plus(failures[attempt - 2].finished_at, DEFAULT_RETRY_DELAYS_MS[attempt - 2]);
}

const FAILURES = ATTEMPTS.reduce<Failure[]>((done, { lateMs, result, excerpt }, index) => {
  const attemptedAt = plus(dueAt(index + 1, done), lateMs);
  const failed: Failure = {
    attempt: index + 1,
    attempted_at: attemptedAt,
    ...result,
    response_excerpt: excerpt,
    finished_at: plus(attemptedAt, result.duration_ms + 2),
  };
  return [...done, failed];
}, []);

const summary = ({ response_excerpt: _excerpt, finished_at: _finished, ...rest }: Failure) =>
  rest satisfies AttemptSummary;

const FIRST_RECORD: DeliveryRecord = {
  delivery_id: DELIVERY_ID,
  webhook_id: EXAMPLE_WEBHOOK_ID,
  organisation_id: EVENT.organisation_id,
  trigger: 'event',
  series_id: DELIVERY_ID,
  attempt: 1,
  created_at: MATCHED_AT,
  history: [],
  payload: PAYLOAD,
};

const head = ({ history: _history, payload: _payload, ...rest }: DeliveryRecord) => rest;

/** The record consumed for attempt `attempt` (1 to 4). */
export function stageRecordExample(attempt: number): DeliveryRecord {
  if (attempt === 1) return FIRST_RECORD;
  // Built field by field so `not_before` reads next to `created_at`, not after the payload.
  return {
    ...head(FIRST_RECORD),
    attempt,
    not_before: dueAt(attempt, FAILURES),
    history: FAILURES.slice(0, attempt - 1).map(summary),
    payload: FIRST_RECORD.payload,
  };
}

/** The record on `webhooks.deliveries.ordered`: the first record with its entity's key. */
export const ORDERED_RECORD_EXAMPLE: DeliveryRecord = {
  ...head(FIRST_RECORD),
  // Producers key form-submission events by the submission's id (docs/producers.md).
  ordering_key: (EVENT.data as { id: string }).id,
  history: [],
  payload: FIRST_RECORD.payload,
};

const LAST = FAILURES[FAILURES.length - 1];

export const DEAD_LETTER_RECORD_EXAMPLE: DeadLetterRecord = {
  ...stageRecordExample(LAST.attempt),
  history: FAILURES.map(summary),
  dead_lettered_at: LAST.finished_at,
};

function outcomeOf(failed: Failure): AttemptOutcome {
  const retry = failed.attempt < FAILURES.length;
  return {
    delivery_id: DELIVERY_ID,
    webhook_id: EXAMPLE_WEBHOOK_ID,
    organisation_id: EVENT.organisation_id,
    event_id: EVENT.id,
    event_type: EVENT.type,
    trigger: 'event',
    series_id: DELIVERY_ID,
    attempt: failed.attempt,
    status: 'failed',
    status_code: failed.status_code,
    error_kind: failed.error_kind,
    error: failed.error,
    duration_ms: failed.duration_ms,
    response_excerpt: failed.response_excerpt,
    attempted_at: failed.attempted_at,
    next: retry ? 'retry' : 'dead_letter',
    next_attempt_at: retry ? (stageRecordExample(failed.attempt + 1).not_before ?? null) : null,
    payload: PAYLOAD,
  };
}

const REDELIVERED_AT = '2026-11-24T08:02:13.517Z';

export const ATTEMPT_OUTCOME_EXAMPLES: Array<{
  name: string;
  summary: string;
  outcome: AttemptOutcome;
}> = [
  {
    name: 'failed-then-retry',
    summary: 'The first attempt timed out; the delivery goes to retry-1.',
    outcome: outcomeOf(FAILURES[0]),
  },
  {
    name: 'failed-then-dead-letter',
    summary: 'The last attempt failed; the delivery goes to the dead-letter topic.',
    outcome: outcomeOf(LAST),
  },
  {
    name: 'redelivered',
    summary: 'An admin redelivered it the next day: a new series, the same delivery id.',
    outcome: {
      ...outcomeOf(FAILURES[0]),
      trigger: 'redeliver',
      series_id: uuidv5(`example:redeliver:${DELIVERY_ID}`, EXAMPLE_EVENT_NAMESPACE),
      attempt: 1,
      status: 'succeeded',
      status_code: 204,
      error_kind: null,
      error: null,
      duration_ms: 87,
      response_excerpt: null,
      attempted_at: REDELIVERED_AT,
      next: 'done',
      next_attempt_at: null,
    },
  },
];

// ---------------------------------------------------------------- rejected records

const UNKNOWN_TYPE_EVENT = {
  id: uuidv5('example:rejected', EXAMPLE_EVENT_NAMESPACE),
  type: 'contact.merged',
  organisation_id: EXAMPLE_ORGANISATION_ID,
  occurred_at: '2026-11-23T11:30:00.000Z',
  data: { id: EVENT_CATALOG['contact.created'].example.id },
};

/** What the matcher writes to `webhooks.rejected-events` for an unknown event type. */
export const REJECTED_EVENT_EXAMPLE: RejectedEvent = {
  reason: 'unknown event type "contact.merged"',
  rejected_at: '2026-11-23T11:30:00.164Z',
  source: {
    topic: TOPIC_DEFAULTS.domainContacts,
    partition: 4,
    offset: '48213',
    key: UNKNOWN_TYPE_EVENT.data.id,
    timestamp: '2026-11-23T11:30:00.112Z',
  },
  raw_value_base64: Buffer.from(JSON.stringify(UNKNOWN_TYPE_EVENT)).toString('base64'),
};

/** What the sender sets aside on the dead-letter topic for a record it cannot read. */
export const REJECTED_RECORD_EXAMPLE: RejectedEvent = {
  reason: 'invalid delivery record: not valid JSON',
  rejected_at: '2026-11-23T12:04:51.309Z',
  source: {
    topic: TOPIC_DEFAULTS.retry1,
    partition: 2,
    offset: '1822',
    key: EXAMPLE_WEBHOOK_ID,
    timestamp: '2026-11-23T12:04:41.287Z',
  },
  raw_value_base64: Buffer.from('{"delivery_id":"0f9').toString('base64'),
};

/**
 * A routing snapshot: the example webhook, subscribed to two contact events, for contacts
 * tagged "Neukunde" only.
 */
export const WEBHOOK_ROUTE_EXAMPLE: WebhookRoute = {
  webhook_id: EXAMPLE_WEBHOOK_ID,
  organisation_id: EXAMPLE_ORGANISATION_ID,
  events: ['contact.created', 'contact.deleted'],
  active: true,
  version: Date.parse('2026-11-23T09:58:00.000Z'),
  ordering: 'none',
  filter: { 'data.tags.name': 'Neukunde' },
};

const EXAMPLE_REPLAY_ID = uuidv5('example:replay', EXAMPLE_EVENT_NAMESPACE);

/** A replay request: the example webhook, one day of events. */
export const REPLAY_REQUEST_EXAMPLE: ReplayRequest = {
  replay_id: EXAMPLE_REPLAY_ID,
  webhook_id: EXAMPLE_WEBHOOK_ID,
  organisation_id: EXAMPLE_ORGANISATION_ID,
  events: ['contact.created', 'contact.deleted'],
  since: '2026-11-22T10:00:00.000Z',
  until: '2026-11-23T10:00:00.000Z',
  requested_at: '2026-11-23T10:05:00.000Z',
};

/** The same replay, finished. */
export const REPLAY_PROGRESS_EXAMPLE: ReplayProgress = {
  replay_id: EXAMPLE_REPLAY_ID,
  webhook_id: EXAMPLE_WEBHOOK_ID,
  organisation_id: EXAMPLE_ORGANISATION_ID,
  state: 'completed',
  events_scanned: 48_210,
  events_matched: 1_312,
  events_total: 48_210,
  error: null,
  started_at: '2026-11-23T10:05:00.412Z',
  reported_at: '2026-11-23T10:05:09.870Z',
};
