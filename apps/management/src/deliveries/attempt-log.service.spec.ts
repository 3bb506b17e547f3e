import type { AttemptOutcome } from '@app/contracts';
import { firstBytes, newestPerWebhook } from './attempt-log.service';

describe('firstBytes', () => {
  it('keeps short text and cuts long text at a byte budget', () => {
    expect(firstBytes('hello', 10)).toBe('hello');
    expect(firstBytes('x'.repeat(5000), 4096)).toHaveLength(4096);
  });

  it('never leaves half a character', () => {
    const cut = firstBytes('ab€', 4); // € is 3 bytes
    expect(cut).toBe('ab');
  });
});

describe('newestPerWebhook', () => {
  const at = (webhook_id: string, attempted_at: string, attempt: number) =>
    ({ webhook_id, attempted_at, attempt }) as AttemptOutcome;

  it('keeps the newest outcome of each webhook', () => {
    const newest = newestPerWebhook([
      at('a', '2026-11-23T10:00:00Z', 1),
      at('b', '2026-11-23T09:00:00Z', 1),
      at('a', '2026-11-23T10:00:10Z', 2),
      at('a', '2026-11-23T09:59:00Z', 3),
    ]);
    expect(newest.get('a')?.attempt).toBe(2);
    expect(newest.get('b')?.attempt).toBe(1);
  });
});
