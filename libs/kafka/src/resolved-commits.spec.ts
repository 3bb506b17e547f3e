import pino from 'pino';
import { ResolvedCommits } from './resolved-commits';

function committer(failures = 0) {
  const commits: unknown[][] = [];
  let failing = failures;
  const consumer = {
    commitOffsets: (offsets: unknown[]) => {
      if (failing-- > 0) return Promise.reject(new Error('coordinator moving'));
      commits.push(offsets);
      return Promise.resolve();
    },
  };
  return { commits, consumer };
}

describe('ResolvedCommits', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('commits what was resolved once an interval, not after each batch', async () => {
    const commits = new ResolvedCommits(500, pino({ level: 'silent' }));
    const { commits: sent, consumer } = committer();
    commits.start(consumer);
    commits.resolved('a', 0, '10');
    commits.resolved('a', 0, '11');
    commits.resolved('a', 1, '3');
    await jest.advanceTimersByTimeAsync(499);
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      [
        { topic: 'a', partition: 0, offset: '12' },
        { topic: 'a', partition: 1, offset: '4' },
      ],
    ]);
    // Nothing new: no request. Then only the partition that moved.
    await jest.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(1);
    commits.resolved('a', 1, '4');
    await jest.advanceTimersByTimeAsync(500);
    expect(sent[1]).toEqual([{ topic: 'a', partition: 1, offset: '5' }]);
    commits.stop();
  });

  it('tries a refused commit again at the next tick', async () => {
    const commits = new ResolvedCommits(500, pino({ level: 'silent' }));
    const { commits: sent, consumer } = committer(1);
    commits.start(consumer);
    commits.resolved('a', 0, '7');
    await jest.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([[{ topic: 'a', partition: 0, offset: '8' }]]);
    commits.stop();
  });

  it('keeps the positions of the partitions a rejoin leaves, and forgets the others', async () => {
    const commits = new ResolvedCommits(500, pino({ level: 'silent' }));
    const { commits: sent, consumer } = committer();
    commits.resolved('a', 0, '41');
    commits.resolved('a', 1, '7');
    expect(commits.keepOnly({ a: [0] })).toEqual([{ topic: 'a', partition: 0, offset: '42' }]);
    await commits.commit(consumer);
    expect(sent).toEqual([[{ topic: 'a', partition: 0, offset: '42' }]]);
  });
});
