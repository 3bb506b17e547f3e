import type { AttemptOutcome } from '@app/contracts';
import { disableDecision, observeStreaks } from './failure-streak';

const t = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, seconds));

function outcome(
  webhookId: string,
  seconds: number,
  kind: 'succeeded' | 'retry' | 'dead_letter' | 'cancelled',
): AttemptOutcome {
  return {
    delivery_id: `d-${seconds}`,
    webhook_id: webhookId,
    organisation_id: 'o1',
    event_id: 'e1',
    event_type: 'contact.created',
    trigger: 'event',
    series_id: `d-${seconds}`,
    attempt: kind === 'dead_letter' ? 4 : 1,
    status: kind === 'succeeded' ? 'succeeded' : kind === 'cancelled' ? 'cancelled' : 'failed',
    status_code: kind === 'succeeded' ? 200 : null,
    error_kind: null,
    error: null,
    duration_ms: 1,
    response_excerpt: null,
    attempted_at: t(seconds).toISOString(),
    next: kind === 'succeeded' ? 'done' : kind === 'cancelled' ? 'dropped' : kind,
    next_attempt_at: null,
    payload: { id: 'e1', type: 'contact.created', timestamp: '', organisation_id: 'o1', data: {} },
  };
}

describe('observeStreaks', () => {
  it('keeps the first and the newest dead letter, in attempt order whatever the batch order', () => {
    const [w] = observeStreaks([
      outcome('w', 9, 'dead_letter'),
      outcome('w', 3, 'dead_letter'),
      outcome('w', 5, 'retry'),
    ]);
    expect(w).toMatchObject({
      lastSuccessAt: null,
      firstDeadLetterAt: t(3),
      lastDeadLetterAt: t(9),
    });
  });

  it('lets a success reset the streak: only dead letters after it count', () => {
    const [w] = observeStreaks([
      outcome('w', 1, 'dead_letter'),
      outcome('w', 2, 'succeeded'),
      outcome('w', 4, 'dead_letter'),
    ]);
    expect(w).toMatchObject({
      lastSuccessAt: t(2),
      firstDeadLetterAt: t(4),
      lastDeadLetterAt: t(4),
    });
  });

  it('ignores retries and cancellations, and webhooks with nothing else', () => {
    expect(observeStreaks([outcome('w', 1, 'retry'), outcome('v', 2, 'cancelled')])).toEqual([]);
  });
});

describe('disableDecision', () => {
  const window = 5000;

  it('disables an active webhook once its first dead letter is the window old', () => {
    const state = { active: true, failing_since: t(0) };
    expect(disableDecision(state, t(4), window)).toEqual({ action: 'none' });
    expect(disableDecision(state, t(5), window)).toEqual({ action: 'disable', failingSince: t(0) });
  });

  it('does nothing without a streak', () => {
    expect(disableDecision({ active: true, failing_since: null }, t(60), window)).toEqual({
      action: 'none',
    });
  });

  it('announces again a disable of the same streak (a replayed batch), not a later one', () => {
    const state = {
      active: false,
      failing_since: t(0),
      disabled_reason: 'failing',
      disabled_at: t(6),
    };
    expect(disableDecision(state, t(5), window)).toEqual({
      action: 'announce_again',
      failingSince: t(0),
      disabledAt: t(6),
    });
    expect(disableDecision(state, t(7), window)).toEqual({ action: 'none' });
  });

  it('leaves a webhook the admin switched off alone', () => {
    expect(disableDecision({ active: false, failing_since: t(0) }, t(60), window)).toEqual({
      action: 'none',
    });
  });
});
