import {
  deadLetteredEvent,
  DELIVERY_LADDER,
  isOperationalEventType,
  recoveredEvent,
  stageOf,
  topicAfterFailure,
  type DomainEvent,
  type AttemptOutcome,
  type AttemptSummary,
  type DeadLetterRecord,
  type DeliveryRecord,
  type ErrorKind,
  type NextStep,
  type TopicKey,
} from '@app/contracts';

/** What one attempt came to: failure is data, not an exception. */
export type AttemptResult =
  | {
      status: 'succeeded';
      statusCode: number;
      durationMs: number;
      excerpt: string | null;
    }
  | {
      status: 'failed';
      errorKind: ErrorKind;
      error: string;
      statusCode: number | null;
      durationMs: number;
      excerpt: string | null;
    }
  | { status: 'cancelled'; reason: 'webhook_gone'; error: string };

/** The result of an HTTP attempt (a call made, or refused before connecting). */
export type HttpAttemptResult = Exclude<AttemptResult, { status: 'cancelled' }>;

/** What happens to the delivery after the attempt. */
export type NextAction =
  | { step: 'done' }
  | { step: 'dropped' }
  | { step: 'retry'; topic: TopicKey; attempt: number; notBefore: Date }
  | { step: 'dead_letter' };

export function assertUnreachable(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

/** How long a record waits on retry stage `stage` (2 to 4) before it is due. */
function stageDelay(retryDelaysMs: readonly number[], stage: number): number {
  return retryDelaysMs[stage - 2] ?? retryDelaysMs[retryDelaysMs.length - 1] ?? 0;
}

/** The one place that maps an attempt's result to the next step (exhaustive). */
export function nextAction(
  result: AttemptResult,
  attempt: number,
  retryDelaysMs: readonly number[],
  now: Date,
): NextAction {
  switch (result.status) {
    case 'succeeded':
      return { step: 'done' };
    case 'cancelled':
      return { step: 'dropped' };
    case 'failed': {
      const topic = topicAfterFailure(attempt);
      if (topic === 'deadLetter') return { step: 'dead_letter' };
      const delay = stageDelay(retryDelaysMs, attempt + 1);
      return {
        step: 'retry',
        topic,
        attempt: attempt + 1,
        notBefore: new Date(now.getTime() + delay),
      };
    }
    default:
      return assertUnreachable(result);
  }
}

function stepName(action: NextAction): NextStep {
  switch (action.step) {
    case 'done':
      return 'done';
    case 'dropped':
      return 'dropped';
    case 'retry':
      return 'retry';
    case 'dead_letter':
      return 'dead_letter';
    default:
      return assertUnreachable(action);
  }
}

/** A status code's verdict: 2xx succeeds, 3xx is a redirect we never follow, the rest fail. */
export function resultForStatus(
  statusCode: number,
  durationMs: number,
  excerpt: string | null,
): HttpAttemptResult {
  if (statusCode >= 200 && statusCode < 300)
    return { status: 'succeeded', statusCode, durationMs, excerpt };
  const redirect = statusCode >= 300 && statusCode < 400;
  return {
    status: 'failed',
    errorKind: redirect ? 'redirect' : 'http_status',
    error: redirect ? `redirect ${statusCode} not followed` : `HTTP ${statusCode}`,
    statusCode,
    durationMs,
    excerpt,
  };
}

/** A record to hand on to another topic besides the outcome. */
export interface FollowUp {
  topic: TopicKey;
  value: DeliveryRecord | DeadLetterRecord;
}

export interface HandOver {
  outcome: AttemptOutcome;
  followUp: FollowUp | null;
  action: NextAction;
  /** The operational event the attempt makes known (docs/design.md, "Operational events"). */
  operational: DomainEvent | null;
}

/**
 * Everything the attempt leads to, as data: the outcome record for `webhooks.attempts`
 * and, on failure, the record for the next retry topic or the dead-letter topic.
 */
export function planHandOver(
  record: DeliveryRecord,
  result: AttemptResult,
  attemptedAt: Date,
  retryDelaysMs: readonly number[],
  now: Date = attemptedAt,
): HandOver {
  const action = nextAction(result, record.attempt, retryDelaysMs, now);
  const statusCode = result.status === 'cancelled' ? null : result.statusCode;
  const outcome: AttemptOutcome = {
    delivery_id: record.delivery_id,
    webhook_id: record.webhook_id,
    organisation_id: record.organisation_id,
    event_id: record.payload.id,
    event_type: record.payload.type,
    trigger: record.trigger,
    series_id: record.series_id,
    attempt: record.attempt,
    status: result.status,
    status_code: statusCode,
    error_kind:
      result.status === 'succeeded'
        ? null
        : result.status === 'failed'
          ? result.errorKind
          : result.reason,
    error: result.status === 'succeeded' ? null : result.error,
    duration_ms: result.status === 'cancelled' ? 0 : Math.round(result.durationMs),
    response_excerpt: result.status === 'cancelled' ? null : result.excerpt,
    attempted_at: attemptedAt.toISOString(),
    next: stepName(action),
    next_attempt_at: action.step === 'retry' ? action.notBefore.toISOString() : null,
    payload: record.payload,
  };

  let followUp: FollowUp | null = null;
  if (result.status === 'failed' && (action.step === 'retry' || action.step === 'dead_letter')) {
    // The next attempt starts on its own stage: deferrals of this one do not carry over.
    // Copied only when handed on: most attempts succeed and need no copy.
    const rest: DeliveryRecord = { ...record };
    delete rest.deferred;
    const summary: AttemptSummary = {
      attempt: record.attempt,
      attempted_at: outcome.attempted_at,
      status_code: result.statusCode,
      error_kind: result.errorKind,
      error: result.error,
      duration_ms: outcome.duration_ms,
    };
    const history = [...record.history, summary];
    followUp =
      action.step === 'retry'
        ? {
            topic: action.topic,
            value: {
              ...rest,
              attempt: action.attempt,
              not_before: action.notBefore.toISOString(),
              history,
            },
          }
        : {
            topic: 'deadLetter',
            value: { ...rest, history, dead_lettered_at: now.toISOString() },
          };
  }
  return {
    outcome,
    followUp,
    action,
    operational: operationalEventOf(record, result, action, now),
  };
}

/**
 * The sender knows first when a delivery gives up (`delivery.dead_lettered`) and when one
 * succeeds after a failed attempt of its series (`delivery.recovered`). Deliveries of
 * operational events make none: two failing webhooks subscribed to each other's dead letters
 * would otherwise feed each other for ever.
 */
export function operationalEventOf(
  record: DeliveryRecord,
  result: AttemptResult,
  action: NextAction,
  now: Date,
): DomainEvent | null {
  if (isOperationalEventType(record.payload.type)) return null;
  const about = {
    organisation_id: record.organisation_id,
    webhook_id: record.webhook_id,
    delivery_id: record.delivery_id,
    event_id: record.payload.id,
    event_type: record.payload.type,
    attempts: record.attempt,
  };
  if (result.status === 'failed' && action.step === 'dead_letter')
    return deadLetteredEvent(record.series_id, {
      ...about,
      last_status_code: result.statusCode,
      last_error_kind: result.errorKind,
      dead_lettered_at: now.toISOString(),
    });
  if (result.status === 'succeeded' && record.attempt > 1)
    return recoveredEvent(record.series_id, {
      ...about,
      status_code: result.statusCode,
      recovered_at: now.toISOString(),
    });
  return null;
}

/**
 * A record put off without an attempt, because its endpoint already has its share of
 * records waiting: it moves one stage down the retry ladder (the last stage keeps it) and
 * comes back after that stage's delay plus `extraWait(delay)` (its place in the line of
 * records deferred for the same endpoint or webhook, see flow-control/deferral-line.ts),
 * with the same attempt number.
 */
export function planDeferral(
  record: DeliveryRecord,
  retryDelaysMs: readonly number[],
  now: Date,
  extraWait: (delayMs: number) => number = () => 0,
): FollowUp {
  const deferred = (record.deferred ?? 0) + 1;
  const stage = stageOf({ attempt: record.attempt, deferred });
  const delay = stageDelay(retryDelaysMs, stage);
  const notBefore = new Date(now.getTime() + delay + extraWait(delay));
  const { payload, ...head } = record;
  return {
    topic: DELIVERY_LADDER[stage - 1],
    // Field by field so the record reads as the others do, payload last. Assigned onto the
    // rest's fresh copy: a spread with added fields cost about 10 µs here, 20 times as much,
    // once for each of a flood's thousands of deferrals.
    value: Object.assign(head, { deferred, not_before: notBefore.toISOString(), payload }),
  };
}
