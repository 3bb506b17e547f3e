import type { Batch, KafkaMessage } from 'kafkajs';
import pino from 'pino';
import { FormatGate, type RecordFormatCheck } from './format-gate';

/** Records whose value says `v2` are in a format this release cannot read. */
const check: RecordFormatCheck = {
  unreadable: (message) => (message.value?.toString() === 'v2' ? '2.0' : null),
  reads: '1.x',
};

function message(offset: number, value = 'v1'): KafkaMessage {
  return { offset: String(offset), value: Buffer.from(value) } as KafkaMessage;
}

/** A batch of kafkajs's shape: its offsets and lag are read from its records. */
function batch(topic: string, partition: number, messages: KafkaMessage[]): Batch {
  return {
    topic,
    partition,
    highWatermark: '100',
    messages,
    isEmpty() {
      return this.messages.length === 0;
    },
    firstOffset() {
      return this.messages[0]?.offset ?? null;
    },
    lastOffset() {
      return this.messages[this.messages.length - 1].offset;
    },
    offsetLag() {
      return String(99 - Number(this.lastOffset()));
    },
    offsetLagLow: () => '0',
  };
}

function gate() {
  const calls: string[] = [];
  const consumer = {
    pause: (tps: Array<{ topic: string; partitions?: number[] }>) =>
      void calls.push(`pause ${tps[0].topic}/${tps[0].partitions?.join()}`),
    resume: (tps: Array<{ topic: string; partitions?: number[] }>) =>
      void calls.push(`resume ${tps[0].topic}/${tps[0].partitions?.join()}`),
  };
  const logged: unknown[] = [];
  const logger = pino(
    { level: 'error' },
    { write: (line: string) => logged.push(JSON.parse(line)) },
  );
  return { gate: new FormatGate('test_consumer', check, consumer, logger), calls, logged };
}

const offsets = (b: Batch) => b.messages.map((m) => Number(m.offset));

describe('FormatGate', () => {
  it('hands on a batch it reads whole, as it is, without pausing', () => {
    const { gate: g, calls } = gate();
    const whole = batch('t', 0, [message(1), message(2)]);
    expect(g.admit(whole)).toBe(whole);
    expect(calls).toEqual([]);
    expect(g.report()).toBeNull();
  });

  it('cuts the batch before the first record it cannot read and pauses that partition', () => {
    const { gate: g, calls } = gate();
    const admitted = g.admit(batch('t', 3, [message(5), message(6), message(7, 'v2'), message(8)]));
    expect(offsets(admitted)).toEqual([5, 6]);
    // What handlers commit from (`lastOffset() + 1`) stops short of the record.
    expect(admitted.lastOffset()).toBe('6');
    expect(admitted.firstOffset()).toBe('5');
    expect(admitted.offsetLag()).toBe('93');
    expect(admitted.highWatermark).toBe('100');
    expect(calls).toEqual(['pause t/3']);
  });

  it('admits nothing when the first record is the one it cannot read', () => {
    const { gate: g } = gate();
    const admitted = g.admit(batch('t', 0, [message(10, 'v2'), message(11)]));
    expect(admitted.messages).toEqual([]);
    expect(admitted.isEmpty()).toBe(true);
    expect(admitted.lastOffset()).toBe('9');
  });

  it('shows the stopped partition with the version it cannot read, and logs it once', () => {
    const { gate: g, logged } = gate();
    g.admit(batch('t', 1, [message(4), message(5, 'v2')]));
    g.admit(batch('t', 1, [message(5, 'v2')])); // fetched again (after a restart)
    expect(g.report()).toEqual({
      reads_format: '1.x',
      unreadable_partitions: [{ topic: 't', partition: 1, offset: '5', format_version: '2.0' }],
    });
    expect(g.isStopped('t', 1)).toBe(true);
    expect(g.isStopped('t', 0)).toBe(false);
    expect(logged).toEqual([
      expect.objectContaining({
        consumer: 'test_consumer',
        topic: 't',
        partition: 1,
        offset: '5',
        format_version: '2.0',
        reads_format: '1.x',
      }),
    ]);
  });

  it('never hands on a record at or after the stop, even one it could read', () => {
    const { gate: g, calls } = gate();
    g.admit(batch('t', 0, [message(1), message(2, 'v2')]));
    // A batch fetched before the pause took effect.
    expect(g.admit(batch('t', 0, [message(3), message(4)])).messages).toEqual([]);
    // The partition read again from an earlier offset (a handler's seek): up to the stop.
    expect(offsets(g.admit(batch('t', 0, [message(1), message(2, 'v2'), message(3)])))).toEqual([
      1,
    ]);
    expect(calls).toEqual(['pause t/0', 'pause t/0', 'pause t/0']);
    // Other partitions flow.
    expect(offsets(g.admit(batch('t', 1, [message(3), message(4)])))).toEqual([3, 4]);
  });

  it('forgets and resumes the partitions a rebalance gave away, and keeps the others', () => {
    const { gate: g, calls } = gate();
    g.admit(batch('a', 0, [message(1, 'v2')]));
    g.admit(batch('a', 1, [message(1, 'v2')]));
    calls.length = 0;
    g.keepOnly({ a: [1] });
    expect(calls).toEqual(['resume a/0']);
    expect(g.isStopped('a', 0)).toBe(false);
    expect(g.isStopped('a', 1)).toBe(true);
    // Back later: read from wherever the group's commit now is.
    expect(offsets(g.admit(batch('a', 0, [message(2), message(3)])))).toEqual([2, 3]);
  });

  it('goes on when kafkajs refuses a pause', () => {
    const logger = pino({ level: 'silent' });
    const refusing = {
      pause: () => {
        throw new Error('Consumer group was not initialized');
      },
      resume: () => undefined,
    };
    const g = new FormatGate('c', check, refusing, logger);
    expect(offsets(g.admit(batch('t', 0, [message(1), message(2, 'v2')])))).toEqual([1]);
    expect(g.isStopped('t', 0)).toBe(true);
  });
});
