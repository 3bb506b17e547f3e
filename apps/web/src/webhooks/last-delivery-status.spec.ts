import type { LastDelivery } from '../api/types';
import { describeLastDelivery, timeAgo } from './last-delivery-status';

const now = new Date('2026-11-23T10:40:00.000Z');

function last(overrides: Partial<LastDelivery> = {}): LastDelivery {
  return {
    delivery_id: '1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f',
    status: 'succeeded',
    status_code: 200,
    error_kind: null,
    error: null,
    attempt: 1,
    attempted_at: '2026-11-23T10:38:00.000Z',
    duration_ms: 120,
    next: 'done',
    next_attempt_at: null,
    ...overrides,
  };
}

const failed = (overrides: Partial<LastDelivery>) =>
  last({ status: 'failed', status_code: 500, error_kind: 'http_status', ...overrides });

describe('the last delivery, in words', () => {
  it('says "Never sent" before the first attempt', () => {
    expect(describeLastDelivery(null, now)).toEqual({ text: 'Never sent', tone: 'none' });
  });

  it('says delivered, with the status code and how long ago', () => {
    expect(describeLastDelivery(last(), now)).toEqual({
      text: 'Delivered 200 · 2 min ago',
      tone: 'delivered',
    });
  });

  it('says when a failed delivery will be retried, on the wall clock', () => {
    const status = describeLastDelivery(
      failed({ next: 'retry', next_attempt_at: '2026-11-23T10:42:10.000Z' }),
      now,
      'UTC',
    );
    expect(status).toEqual({ text: 'Failed 500 · retrying at 10:42', tone: 'retrying' });
  });

  it('uses the viewer time zone for the retry time', () => {
    const status = describeLastDelivery(
      failed({ next: 'retry', next_attempt_at: '2026-11-23T10:42:10.000Z' }),
      now,
      'Europe/Berlin',
    );
    expect(status.text).toBe('Failed 500 · retrying at 11:42');
  });

  it('says it gave up after the last attempt went to the dead-letter topic', () => {
    expect(describeLastDelivery(failed({ attempt: 4, next: 'dead_letter' }), now)).toEqual({
      text: 'Failed · gave up after 4 attempts',
      tone: 'failed',
    });
  });

  it('names a failure that got no HTTP answer', () => {
    const status = describeLastDelivery(
      failed({ status_code: null, error_kind: 'timeout', next: 'retry', next_attempt_at: null }),
      now,
    );
    expect(status.text).toBe('Failed (timed out) · retrying');
  });

  it('says a failure that will not be retried is final, with how long ago', () => {
    expect(describeLastDelivery(failed({ next: 'done' }), now).text).toBe('Failed 500 · 2 min ago');
    expect(describeLastDelivery(failed({ next: 'dropped' }), now).text).toBe(
      'Failed 500 · not retried: the webhook is off · 2 min ago',
    );
  });

  it('reads records kept before the retry plan was recorded', () => {
    expect(describeLastDelivery(failed({ next: null }), now).text).toBe('Failed 500 · 2 min ago');
  });

  it('says a cancelled delivery was not sent', () => {
    const status = describeLastDelivery(
      last({ status: 'cancelled', status_code: null, next: 'dropped' }),
      now,
    );
    expect(status).toEqual({
      text: 'Not sent · the webhook was deleted or switched off · 2 min ago',
      tone: 'none',
    });
  });
});

describe('time ago', () => {
  it.each([
    ['2026-11-23T10:39:30.000Z', 'just now'],
    ['2026-11-23T10:39:00.000Z', '1 min ago'],
    ['2026-11-23T09:40:00.000Z', '1 h ago'],
    ['2026-11-21T10:40:00.000Z', '2 d ago'],
    ['2026-11-23T10:41:00.000Z', 'just now'],
  ])('%s is %s', (at, words) => {
    expect(timeAgo(new Date(at), now)).toBe(words);
  });
});
