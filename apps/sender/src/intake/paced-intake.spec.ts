import type { KafkaMessage } from 'kafkajs';
import { defaultLimits } from '../flow-control/sender-limits.fixture';
import { PacedIntake, type ParkedRecord } from './paced-intake';

const message = (webhookId: string, offset: number, trigger = 'event'): KafkaMessage =>
  ({
    key: Buffer.from(webhookId),
    value: Buffer.from(JSON.stringify({ webhook_id: webhookId, trigger })),
    offset: String(offset),
    headers: {},
  }) as unknown as KafkaMessage;

describe('PacedIntake', () => {
  let takenIn: ParkedRecord[];
  let size: number;
  let full: boolean;
  const intakeFor = (maxPending: number) =>
    new PacedIntake({
      limits: defaultLimits({ maxPending }),
      crowded: (webhookId) => webhookId === 'crowded',
      full: () => full,
      takeIn: (record) => takenIn.push(record),
      onSize: (n) => (size = n),
    });

  beforeEach(() => {
    jest.useFakeTimers();
    takenIn = [];
    size = 0;
    full = false;
  });
  afterEach(() => jest.useRealTimers());

  it('puts aside only records of a crowded endpoint that are not test calls, up to its bound', () => {
    const intake = intakeFor(1); // 5 put aside at most
    expect(intake.offer('t', 0, message('fine', 0))).toBe(false);
    expect(intake.offer('t', 0, message('crowded', 1, 'test'))).toBe(false);
    for (let offset = 2; offset < 7; offset += 1)
      expect(intake.offer('t', 0, message('crowded', offset))).toBe(true);
    expect(intake.offer('t', 0, message('crowded', 7))).toBe(false);
    expect(size).toBe(5);
    intake.stop();
  });

  it('takes records in oldest first, 25 a turn, and stops a turn when the consumer is full', async () => {
    const intake = intakeFor(100);
    for (let offset = 0; offset < 60; offset += 1) intake.offer('t', 0, message('crowded', offset));
    await jest.advanceTimersByTimeAsync(20);
    expect(takenIn.map((r) => r.message.offset)).toEqual(
      Array.from({ length: 25 }, (_, i) => String(i)),
    );
    full = true;
    await jest.advanceTimersByTimeAsync(20);
    expect(takenIn).toHaveLength(25);
    full = false;
    await jest.advanceTimersByTimeAsync(40);
    expect(takenIn).toHaveLength(60);
    expect(size).toBe(0);
  });

  it('drops what partitions given up put aside, and takes nothing in once stopped', async () => {
    const intake = intakeFor(100);
    intake.offer('t', 0, message('crowded', 0));
    intake.offer('t', 1, message('crowded', 0));
    intake.offer('t', 1, message('crowded', 1));
    intake.keepOnly((_topic, partition) => partition === 0);
    expect(size).toBe(1);
    intake.stop();
    await jest.advanceTimersByTimeAsync(100);
    expect(takenIn).toEqual([]);
  });

  it('keeps copies of its own, not slices of the fetched response', () => {
    const intake = intakeFor(100);
    const fetched = message('crowded', 0);
    intake.offer('t', 0, fetched);
    fetched.value!.fill(0);
    full = false;
    jest.advanceTimersByTime(20);
    expect(JSON.parse(takenIn[0].message.value!.toString())).toMatchObject({
      webhook_id: 'crowded',
    });
  });
});
