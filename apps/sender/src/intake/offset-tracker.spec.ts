import { OffsetTracker } from './offset-tracker';

describe('OffsetTracker', () => {
  it('commits up to the lowest unfinished record of each partition', () => {
    const tracker = new OffsetTracker();
    for (const offset of ['10', '11', '12']) tracker.take('t', 0, offset);
    tracker.take('t', 1, '5');
    expect(tracker.pendingCommits()).toEqual([
      { topic: 't', partition: 0, offset: '10' },
      { topic: 't', partition: 1, offset: '5' },
    ]);
    tracker.finish('t', 0, '11');
    tracker.finish('t', 0, '12');
    tracker.finish('t', 1, '5');
    expect(tracker.pendingCommits()).toEqual([
      { topic: 't', partition: 0, offset: '10' },
      { topic: 't', partition: 1, offset: '6' },
    ]);
    tracker.finish('t', 0, '10');
    expect(tracker.pendingCommits()).toContainEqual({ topic: 't', partition: 0, offset: '13' });
  });

  it('reports only offsets that moved since the last commit', () => {
    const tracker = new OffsetTracker();
    tracker.take('t', 0, '1');
    tracker.finish('t', 0, '1');
    const commits = tracker.pendingCommits();
    tracker.markCommitted(commits);
    expect(tracker.pendingCommits()).toEqual([]);
    tracker.take('t', 0, '2');
    expect(tracker.pendingCommits()).toEqual([]);
    tracker.finish('t', 0, '2');
    expect(tracker.pendingCommits()).toEqual([{ topic: 't', partition: 0, offset: '3' }]);
    expect(tracker.inFlight).toBe(0);
  });

  it('forgets a revoked partition', () => {
    const tracker = new OffsetTracker();
    tracker.take('t', 0, '1');
    tracker.forget('t', 0);
    expect(tracker.pendingCommits()).toEqual([]);
  });
});
