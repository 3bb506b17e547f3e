import pino from 'pino';
import { RetryScheduler } from './retry-scheduler';

describe('RetryScheduler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('pauses the partition, then seeks back to the waiting offset and resumes when due', () => {
    const calls: string[] = [];
    const consumer = {
      pause: jest.fn(() => calls.push('pause')),
      resume: jest.fn(() => calls.push('resume')),
      seek: jest.fn(() => calls.push('seek')),
    };
    const scheduler = new RetryScheduler(consumer, pino({ level: 'silent' }));
    scheduler.hold('retry-1', 2, '41', 1000);
    scheduler.hold('retry-1', 2, '41', 1000);
    expect(scheduler.isHeld('retry-1', 2)).toBe(true);
    jest.advanceTimersByTime(999);
    expect(consumer.resume).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(consumer.seek).toHaveBeenCalledWith({ topic: 'retry-1', partition: 2, offset: '41' });
    expect(consumer.resume).toHaveBeenCalledWith([{ topic: 'retry-1', partitions: [2] }]);
    expect(calls).toEqual(['pause', 'pause', 'seek', 'resume']);
    expect(scheduler.isHeld('retry-1', 2)).toBe(false);
  });
});
