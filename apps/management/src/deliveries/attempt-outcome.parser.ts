import { ERROR_KINDS, type AttemptOutcome } from '@app/contracts';

const STATUSES = ['succeeded', 'failed', 'cancelled'];
const NEXT_STEPS = ['done', 'retry', 'dead_letter', 'dropped'];
const TRIGGERS = ['event', 'test', 'redeliver'];
const ERROR_KINDS_AND_GONE: readonly string[] = [...ERROR_KINDS, 'webhook_gone'];
const ID = /^[A-Za-z0-9-]{1,64}$/;

export type ParsedOutcome = { ok: true; outcome: AttemptOutcome } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/**
 * Checks a record from `webhooks.attempts` against the AttemptOutcome contract before
 * anything is written; the reason names the first bad field.
 */
export function parseAttemptOutcome(value: Buffer | null): ParsedOutcome {
  if (!value) return { ok: false, reason: 'empty record' };
  let record: unknown;
  try {
    record = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!isObject(record)) return { ok: false, reason: 'not a JSON object' };
  const r = record;
  const checks: Array<[string, boolean]> = [
    ['delivery_id', typeof r.delivery_id === 'string' && ID.test(r.delivery_id)],
    ['webhook_id', typeof r.webhook_id === 'string' && ID.test(r.webhook_id)],
    ['organisation_id', typeof r.organisation_id === 'string' && ID.test(r.organisation_id)],
    ['series_id', typeof r.series_id === 'string' && ID.test(r.series_id)],
    ['event_id', typeof r.event_id === 'string' && r.event_id.length > 0],
    ['event_type', typeof r.event_type === 'string' && r.event_type.length > 0],
    ['trigger', typeof r.trigger === 'string' && TRIGGERS.includes(r.trigger)],
    ['attempt', Number.isInteger(r.attempt) && (r.attempt as number) >= 1],
    ['status', typeof r.status === 'string' && STATUSES.includes(r.status)],
    ['status_code', r.status_code === null || Number.isInteger(r.status_code)],
    [
      'error_kind',
      r.error_kind === null ||
        (typeof r.error_kind === 'string' && ERROR_KINDS_AND_GONE.includes(r.error_kind)),
    ],
    ['error', r.error === null || typeof r.error === 'string'],
    ['duration_ms', typeof r.duration_ms === 'number' && r.duration_ms >= 0],
    ['response_excerpt', r.response_excerpt === null || typeof r.response_excerpt === 'string'],
    ['attempted_at', isTime(r.attempted_at)],
    ['next', typeof r.next === 'string' && NEXT_STEPS.includes(r.next)],
    [
      'next_attempt_at',
      r.next_attempt_at === null || r.next_attempt_at === undefined || isTime(r.next_attempt_at),
    ],
    [
      'payload',
      isObject(r.payload) && typeof r.payload.type === 'string' && isObject(r.payload.data),
    ],
  ];
  const bad = checks.find(([, ok]) => !ok);
  if (bad) return { ok: false, reason: `${bad[0]} is missing or invalid` };
  return { ok: true, outcome: record as unknown as AttemptOutcome };
}
