import { stat } from 'node:fs';
import { deadline } from './deadline';

/** Keeps the event loop busy, as a burst of records or a collection does. */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('deadline', () => {
  it('lets I/O that completed during a stall win over a deadline that passed during it', async () => {
    const winners: string[] = [];
    const cancel = deadline(10, () => winners.push('deadline'));
    stat(__filename, () => {
      winners.push('io');
      cancel();
    });
    stall(200);
    await settle();
    expect(winners).toEqual(['io']);
  });

  it('where a plain timer fires first (what it replaces)', async () => {
    const winners: string[] = [];
    const timer = setTimeout(() => winners.push('deadline'), 10);
    stat(__filename, () => {
      winners.push('io');
      clearTimeout(timer);
    });
    stall(200);
    await settle();
    expect(winners).toEqual(['deadline', 'io']);
  });

  it('expires when nothing answers, and not once cancelled', async () => {
    const expired: string[] = [];
    deadline(5, () => expired.push('a'));
    const cancel = deadline(5, () => expired.push('b'));
    cancel();
    await settle();
    expect(expired).toEqual(['a']);
  });
});
