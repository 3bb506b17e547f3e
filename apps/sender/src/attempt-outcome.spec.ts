import { DomainEventValidator, type DeliveryRecord } from '@app/contracts';
import {
  nextAction,
  planDeferral,
  planHandOver,
  resultForStatus,
  type AttemptResult,
} from './attempt-outcome';

const delays = [10_000, 60_000, 300_000];
const now = new Date('2026-11-23T10:00:00.000Z');
const failed: AttemptResult = {
  status: 'failed',
  errorKind: 'http_status',
  error: 'HTTP 500',
  statusCode: 500,
  durationMs: 12.4,
  excerpt: 'oops',
};

function record(attempt: number): DeliveryRecord {
  return {
    delivery_id: 'd1',
    webhook_id: 'w1',
    organisation_id: 'o1',
    trigger: 'event',
    series_id: 'd1',
    attempt,
    created_at: now.toISOString(),
    history: Array.from({ length: attempt - 1 }, (_, i) => ({
      attempt: i + 1,
      attempted_at: now.toISOString(),
      status_code: 500,
      error_kind: 'http_status' as const,
      error: 'HTTP 500',
      duration_ms: 5,
    })),
    payload: {
      id: 'e1',
      type: 'contact.created',
      timestamp: now.toISOString(),
      organisation_id: 'o1',
      data: {},
    },
  };
}

describe('nextAction', () => {
  it('is done on success and dropped when cancelled', () => {
    expect(
      nextAction(
        { status: 'succeeded', statusCode: 204, durationMs: 1, excerpt: null },
        1,
        delays,
        now,
      ),
    ).toEqual({ step: 'done' });
    expect(
      nextAction({ status: 'cancelled', reason: 'webhook_gone', error: 'gone' }, 2, delays, now),
    ).toEqual({ step: 'dropped' });
  });

  it('climbs the retry ladder with the configured delays, then dead-letters', () => {
    expect(nextAction(failed, 1, delays, now)).toEqual({
      step: 'retry',
      topic: 'retry1',
      attempt: 2,
      notBefore: new Date(now.getTime() + 10_000),
    });
    expect(nextAction(failed, 2, delays, now)).toMatchObject({
      topic: 'retry2',
      attempt: 3,
      notBefore: new Date(now.getTime() + 60_000),
    });
    expect(nextAction(failed, 3, delays, now)).toMatchObject({
      topic: 'retry3',
      attempt: 4,
      notBefore: new Date(now.getTime() + 300_000),
    });
    expect(nextAction(failed, 4, delays, now)).toEqual({ step: 'dead_letter' });
  });
});

describe('resultForStatus', () => {
  it.each([200, 201, 204, 299])('%i succeeds', (code) =>
    expect(resultForStatus(code, 1, null).status).toBe('succeeded'),
  );
  it.each([301, 302, 307, 308])('%i is a redirect failure', (code) =>
    expect(resultForStatus(code, 1, null)).toMatchObject({
      status: 'failed',
      errorKind: 'redirect',
      statusCode: code,
    }),
  );
  it.each([100, 400, 404, 500, 503])('%i is an http_status failure', (code) =>
    expect(resultForStatus(code, 1, null)).toMatchObject({
      status: 'failed',
      errorKind: 'http_status',
    }),
  );
});

describe('planHandOver', () => {
  it('sends a retry record with attempt+1, history and not_before', () => {
    const { outcome, followUp } = planHandOver(record(1), failed, now, delays);
    expect(outcome).toMatchObject({
      status: 'failed',
      next: 'retry',
      attempt: 1,
      status_code: 500,
      error_kind: 'http_status',
      duration_ms: 12,
      next_attempt_at: '2026-11-23T10:00:10.000Z',
      series_id: 'd1',
      trigger: 'event',
    });
    expect(followUp?.topic).toBe('retry1');
    expect(followUp?.value).toMatchObject({ attempt: 2, not_before: '2026-11-23T10:00:10.000Z' });
    expect(followUp?.value.history).toHaveLength(1);
  });

  it('dead-letters the fourth failure with the full history', () => {
    const { outcome, followUp } = planHandOver(record(4), failed, now, delays);
    expect(outcome.next).toBe('dead_letter');
    expect(followUp?.topic).toBe('deadLetter');
    expect(followUp?.value.history.map((h) => h.attempt)).toEqual([1, 2, 3, 4]);
    expect(followUp?.value).toHaveProperty('dead_lettered_at');
  });

  it('starts the next attempt on its own stage, whatever the failed one was deferred', () => {
    const { followUp } = planHandOver({ ...record(1), deferred: 3 }, failed, now, delays);
    expect(followUp?.topic).toBe('retry1');
    expect(followUp?.value).toMatchObject({ attempt: 2 });
    expect(followUp?.value).not.toHaveProperty('deferred');
    const dead = planHandOver({ ...record(4), deferred: 2 }, failed, now, delays).followUp;
    expect(dead?.value).not.toHaveProperty('deferred');
  });

  it('records a cancelled delivery without a follow-up', () => {
    const { outcome, followUp } = planHandOver(
      record(2),
      { status: 'cancelled', reason: 'webhook_gone', error: 'deleted' },
      now,
      delays,
    );
    expect(outcome).toMatchObject({
      status: 'cancelled',
      error_kind: 'webhook_gone',
      next: 'dropped',
      status_code: null,
    });
    expect(followUp).toBeNull();
  });

  it('has no follow-up on success', () => {
    const { outcome, followUp } = planHandOver(
      record(3),
      { status: 'succeeded', statusCode: 200, durationMs: 3, excerpt: 'ok' },
      now,
      delays,
    );
    expect(outcome).toMatchObject({
      status: 'succeeded',
      next: 'done',
      error_kind: null,
      response_excerpt: 'ok',
    });
    expect(followUp).toBeNull();
  });
});

describe('operational events of an attempt', () => {
  const validator = new DomainEventValidator();
  const succeeded: AttemptResult = {
    status: 'succeeded',
    statusCode: 200,
    durationMs: 3,
    excerpt: null,
  };
  const withUuids = (attempt: number, type = 'contact.created'): DeliveryRecord => {
    const base = record(attempt);
    return {
      ...base,
      delivery_id: '5e0c2d9b-7a41-5c3e-9f1b-2d4a6c8e0f13',
      series_id: '5e0c2d9b-7a41-5c3e-9f1b-2d4a6c8e0f13',
      webhook_id: 'a4d1f1c2-3b5e-4f6a-8b7c-9d0e1f2a3b4c',
      organisation_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
      payload: { ...base.payload, id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11', type },
    };
  };

  it('makes a dead letter known as delivery.dead_lettered, valid against the catalog', () => {
    const { operational } = planHandOver(withUuids(4), failed, now, delays);
    expect(operational).toMatchObject({
      type: 'delivery.dead_lettered',
      organisation_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
      data: {
        webhook_id: 'a4d1f1c2-3b5e-4f6a-8b7c-9d0e1f2a3b4c',
        delivery_id: '5e0c2d9b-7a41-5c3e-9f1b-2d4a6c8e0f13',
        event_type: 'contact.created',
        attempts: 4,
        last_status_code: 500,
        last_error_kind: 'http_status',
      },
    });
    expect(validator.validate(operational)).toMatchObject({ ok: true });
  });

  it('gives the same event id when the same attempt is handed over again (a replayed record)', () => {
    const first = planHandOver(withUuids(4), failed, now, delays).operational;
    const again = planHandOver(
      withUuids(4),
      failed,
      new Date(now.getTime() + 5000),
      delays,
    ).operational;
    expect(again?.id).toBe(first?.id);
  });

  it('makes a success after a failed attempt known as delivery.recovered', () => {
    const { operational } = planHandOver(withUuids(2), succeeded, now, delays);
    expect(operational).toMatchObject({
      type: 'delivery.recovered',
      data: { attempts: 2, status_code: 200 },
    });
    expect(validator.validate(operational)).toMatchObject({ ok: true });
  });

  it('makes nothing known of a first-time success, a retry or a cancellation', () => {
    expect(planHandOver(withUuids(1), succeeded, now, delays).operational).toBeNull();
    expect(planHandOver(withUuids(2), failed, now, delays).operational).toBeNull();
    const cancelled: AttemptResult = { status: 'cancelled', reason: 'webhook_gone', error: 'gone' };
    expect(planHandOver(withUuids(2), cancelled, now, delays).operational).toBeNull();
  });

  it('makes nothing known about deliveries of operational events (no feedback loop)', () => {
    expect(
      planHandOver(withUuids(4, 'delivery.dead_lettered'), failed, now, delays).operational,
    ).toBeNull();
    expect(
      planHandOver(withUuids(2, 'webhook.disabled'), succeeded, now, delays).operational,
    ).toBeNull();
  });
});

describe('planDeferral', () => {
  it("moves the record one stage down the ladder with the same attempt, after that stage's delay", () => {
    const once = planDeferral(record(1), delays, now);
    expect(once.topic).toBe('retry1');
    expect(once.value).toMatchObject({
      attempt: 1,
      deferred: 1,
      not_before: '2026-11-23T10:00:10.000Z',
    });
    expect(once.value.history).toEqual([]);
    const twice = planDeferral(once.value, delays, now);
    expect(once.value.deferred).toBe(1); // the record deferred again is left as it was
    expect(Object.keys(twice.value).at(-1)).toBe('payload');
    expect(twice.topic).toBe('retry2');
    expect(twice.value).toMatchObject({
      attempt: 1,
      deferred: 2,
      not_before: '2026-11-23T10:01:00.000Z',
    });
  });

  it("adds the place in the endpoint's line to the stage delay", () => {
    const asked: number[] = [];
    const paced = planDeferral(record(1), delays, now, (delay) => (asked.push(delay), 2500));
    expect(asked).toEqual([10_000]);
    expect(paced.value.not_before).toBe('2026-11-23T10:00:12.500Z');
  });

  it('keeps a record on the last stage however often it is deferred there', () => {
    const third = planDeferral(record(3), delays, now);
    expect(third).toMatchObject({ topic: 'retry3', value: { attempt: 3, deferred: 1 } });
    const again = planDeferral(third.value, delays, now);
    expect(again).toMatchObject({ topic: 'retry3', value: { attempt: 3, deferred: 2 } });
    expect(again.value.not_before).toBe('2026-11-23T10:05:00.000Z');
    expect(planDeferral(record(4), delays, now).topic).toBe('retry3');
  });
});
