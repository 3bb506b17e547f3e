import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import {
  KafkaBatchConsumer,
  RESOLVED_COMMIT_INTERVAL_MS,
  type BatchConsumerOptions,
  type BatchHandler,
} from './batch-consumer';

const EVENTS = {
  GROUP_JOIN: 'group_join',
  REBALANCING: 'rebalancing',
  STOP: 'stop',
  CRASH: 'crash',
};

/** A kafkajs consumer that records what is done to it, in order. */
class FakeConsumer extends EventEmitter {
  readonly events = EVENTS;
  readonly calls: string[] = [];
  settings: unknown;
  runOptions: Record<string, unknown> | undefined;

  connect = () => this.record('connect');
  subscribe = () => this.record('subscribe');
  run = (options: Record<string, unknown>) => {
    this.runOptions = options;
    return this.record('run');
  };
  disconnect = () => this.record('disconnect');
  readonly committed: unknown[] = [];
  commitOffsets = (offsets: unknown) => {
    this.committed.push(offsets);
    return this.record('commit');
  };
  readonly paused: unknown[] = [];
  pause = (topicPartitions: unknown) => {
    this.paused.push(topicPartitions);
  };
  resume = () => undefined;
  readonly seeks: unknown[] = [];
  seek = (position: unknown) => {
    this.seeks.push(position);
  };

  private record(call: string): Promise<void> {
    this.calls.push(call);
    return Promise.resolve();
  }
}

function runner(
  options: Partial<BatchConsumerOptions> = {},
  onFatal = jest.fn(),
  handler: BatchHandler = () => Promise.resolve(),
) {
  const fake = new FakeConsumer();
  const kafka = {
    consumer: (settings: unknown) => {
      fake.settings = settings;
      return fake;
    },
  } as unknown as Kafka;
  const consumer = new KafkaBatchConsumer(
    kafka,
    {
      name: 'test_consumer',
      groupId: 'group',
      topics: ['a', 'b'],
      sessionTimeoutMs: 10_000,
      commits: 'resolved',
      ...options,
    },
    handler,
    pino({ level: 'silent' }),
    onFatal,
  );
  return { consumer, fake, onFatal };
}

describe('KafkaBatchConsumer', () => {
  it('creates its consumer with the session settings and runs eachBatch without auto-resolve', async () => {
    const { consumer, fake } = runner({ commits: 'handler', maxWaitTimeInMs: 250 });
    await consumer.start();
    expect(fake.settings).toMatchObject({
      groupId: 'group',
      sessionTimeout: 10_000,
      heartbeatInterval: 2000,
      maxWaitTimeInMs: 250,
      allowAutoTopicCreation: false,
    });
    expect(fake.calls).toEqual(['connect', 'subscribe', 'run']);
    expect(fake.runOptions).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
  });

  it('commits what the handler resolved itself, on an interval, never kafkajs after each batch', async () => {
    jest.useFakeTimers();
    try {
      const { consumer, fake } = runner({ commits: 'resolved' }, jest.fn(), (payload) => {
        payload.resolveOffset(payload.batch.messages[0].offset);
        return Promise.resolve();
      });
      await consumer.start();
      expect(fake.runOptions).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
      const eachBatch = fake.runOptions!.eachBatch as (payload: unknown) => Promise<void>;
      for (const offset of ['1', '2', '3'])
        await eachBatch({
          batch: { topic: 'a', partition: 0, messages: [{ offset }] },
          resolveOffset: jest.fn(),
        });
      expect(fake.calls.filter((call) => call === 'commit')).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(RESOLVED_COMMIT_INTERVAL_MS);
      expect(fake.committed).toEqual([[{ topic: 'a', partition: 0, offset: '4' }]]);
      await consumer.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('on stop lets the batch in hand finish, commits what it resolved, then leaves; takes no new batch', async () => {
    let finish!: () => void;
    const inHand = new Promise<void>((resolve) => (finish = resolve));
    const { consumer, fake } = runner({ commits: 'resolved' }, jest.fn(), async (payload) => {
      await inHand;
      payload.resolveOffset(payload.batch.messages[0].offset);
    });
    await consumer.start();
    const eachBatch = fake.runOptions!.eachBatch as (payload: unknown) => Promise<void>;
    const batch = (offset: string) => ({
      batch: { topic: 'a', partition: 0, messages: [{ offset }] },
      resolveOffset: jest.fn(),
    });
    const handled = eachBatch(batch('9'));
    const stopped = consumer.stop();
    const late = batch('10');
    await eachBatch(late);
    expect(late.resolveOffset).not.toHaveBeenCalled();
    finish();
    await Promise.all([handled, stopped]);
    expect(fake.calls.slice(-2)).toEqual(['commit', 'disconnect']);
    expect(fake.committed).toEqual([[{ topic: 'a', partition: 0, offset: '10' }]]);
  });

  it('starts only once startAfter resolves', async () => {
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    const { consumer, fake } = runner({ startAfter: () => ready });
    const started = consumer.start();
    await Promise.resolve();
    expect(fake.calls).toEqual([]);
    release();
    await started;
    expect(fake.calls).toEqual(['connect', 'subscribe', 'run']);
  });

  it('drains before it leaves the group on stop', async () => {
    const order: string[] = [];
    const { consumer, fake } = runner({
      hooks: { drain: () => Promise.resolve(void order.push('drain')) },
    });
    await consumer.start();
    fake.disconnect = () => Promise.resolve(void order.push('disconnect'));
    await consumer.stop();
    expect(order).toEqual(['drain', 'disconnect']);
  });

  it('never joins when stopped while it waits to start, and does not drain', async () => {
    const drain = jest.fn(() => Promise.resolve());
    const { consumer, fake } = runner({
      startAfter: () => new Promise(() => undefined),
      hooks: { drain },
    });
    void consumer.start();
    await consumer.stop();
    expect(fake.calls).toEqual(['disconnect']);
    expect(drain).not.toHaveBeenCalled();
  });

  it('reports the first group join and every assignment', async () => {
    const joined = jest.fn();
    const { consumer, fake } = runner({ hooks: { joined } });
    await consumer.start();
    fake.emit(EVENTS.GROUP_JOIN, { payload: { memberAssignment: { a: [0, 1] } } });
    await consumer.whenJoined;
    expect(joined).toHaveBeenCalledWith({ a: [0, 1] });
    expect(consumer.watch.status().state).toBe('running');
  });

  it('goes on after what it resolved in the partitions a rejoin leaves it, and forgets the others', async () => {
    // A handler that hands every batch on and resolves its last offset.
    const { consumer, fake } = runner({ commits: 'resolved' }, jest.fn(), (payload) => {
      payload.resolveOffset(payload.batch.messages[0].offset);
      return Promise.resolve();
    });
    await consumer.start();
    const eachBatch = fake.runOptions!.eachBatch as (payload: unknown) => Promise<void>;
    const batch = (partition: number, offset: string) => ({
      batch: { topic: 'a', partition, messages: [{ offset }] },
      resolveOffset: jest.fn(),
    });
    const zero = batch(0, '41');
    await eachBatch(zero);
    await eachBatch(batch(1, '7'));
    expect(zero.resolveOffset).toHaveBeenCalledWith('41');

    fake.emit(EVENTS.GROUP_JOIN, { payload: { memberAssignment: { a: [0] } } });
    expect(fake.seeks).toEqual([{ topic: 'a', partition: 0, offset: '42' }]);
    // Partition 1 went to another member: a later rejoin that brings it back reads it from
    // the group's commit, not from what this member did before.
    fake.emit(EVENTS.GROUP_JOIN, { payload: { memberAssignment: { a: [0, 1] } } });
    expect(fake.seeks).toEqual([
      { topic: 'a', partition: 0, offset: '42' },
      { topic: 'a', partition: 0, offset: '42' },
    ]);
  });

  it('hands its handler only the records before one of a format it cannot read, and shows the stop', async () => {
    const handled: string[][] = [];
    const resolved: string[] = [];
    const { consumer, fake } = runner(
      {
        commits: 'resolved',
        recordFormat: {
          unreadable: (message) => (message.headers?.v === '2' ? '2.0' : null),
          reads: '1.x',
        },
      },
      jest.fn(),
      (payload) => {
        handled.push(payload.batch.messages.map((message) => message.offset));
        payload.resolveOffset(payload.batch.lastOffset());
        return Promise.resolve();
      },
    );
    await consumer.start();
    const eachBatch = fake.runOptions!.eachBatch as (payload: unknown) => Promise<void>;
    const batch = (partition: number, messages: Array<{ offset: string; headers?: object }>) => ({
      batch: {
        topic: 'a',
        partition,
        messages,
        lastOffset: () => messages[messages.length - 1].offset,
      },
      resolveOffset: (offset: string) => void resolved.push(offset),
    });
    await eachBatch(
      batch(0, [{ offset: '1' }, { offset: '2', headers: { v: '2' } }, { offset: '3' }]),
    );
    // Nothing before it: the handler is not called at all.
    await eachBatch(batch(1, [{ offset: '7', headers: { v: '2' } }]));
    await eachBatch(batch(2, [{ offset: '4' }]));
    expect(handled).toEqual([['1'], ['4']]);
    expect(resolved).toEqual(['1', '4']);
    expect(fake.paused).toEqual([
      [{ topic: 'a', partitions: [0] }],
      [{ topic: 'a', partitions: [1] }],
    ]);
    expect(consumer.formatReport()).toEqual({
      reads_format: '1.x',
      unreadable_partitions: [
        { topic: 'a', partition: 0, offset: '2', format_version: '2.0' },
        { topic: 'a', partition: 1, offset: '7', format_version: '2.0' },
      ],
    });
    // A rebalance that gives both to other members ends the stop here.
    fake.emit(EVENTS.GROUP_JOIN, { payload: { memberAssignment: { a: [2] } } });
    expect(consumer.formatReport()).toBeNull();
  });

  it('applies the one policy when kafkajs stops the consumer for good, not on a restart', async () => {
    const { consumer, fake, onFatal } = runner();
    await consumer.start();
    fake.emit(EVENTS.CRASH, { payload: { error: new Error('retriable'), restart: true } });
    expect(onFatal).not.toHaveBeenCalled();
    const fatal = new Error('a fault in the handler');
    fake.emit(EVENTS.CRASH, { payload: { error: fatal, restart: false } });
    expect(onFatal).toHaveBeenCalledWith(fatal);
    expect(consumer.watch.status()).toMatchObject({ up: false, state: 'failed' });
  });

  it('starts a consumer that lost its broker again, with its hooks started once, and stays up', async () => {
    jest.useFakeTimers();
    try {
      const started = jest.fn();
      const { consumer, fake, onFatal } = runner(
        { commits: 'resolved', hooks: { started } },
        jest.fn(),
        (payload) => {
          payload.resolveOffset(payload.batch.messages[0].offset);
          return Promise.resolve();
        },
      );
      await consumer.start();
      const eachBatch = fake.runOptions!.eachBatch as (payload: unknown) => Promise<void>;
      await eachBatch({
        batch: { topic: 'a', partition: 0, messages: [{ offset: '41' }] },
        resolveOffset: jest.fn(),
      });
      // What kafkajs reports when a stopping broker can no longer name the group's coordinator.
      const lost = Object.assign(new Error('Failed to find group coordinator'), {
        name: 'KafkaJSGroupCoordinatorNotFound',
      });
      fake.emit(EVENTS.CRASH, { payload: { error: lost, restart: false } });
      expect(onFatal).not.toHaveBeenCalled();
      fake.calls.length = 0;
      // As in kafkajs, the group is joined inside run().
      const run = fake.run;
      fake.run = (options) => {
        fake.emit(EVENTS.GROUP_JOIN, { payload: { memberAssignment: { a: [0] } } });
        return run(options);
      };
      await jest.advanceTimersByTimeAsync(3_000);
      // (Its commit timer went on meanwhile.)
      expect(fake.calls.filter((call) => call !== 'commit')).toEqual([
        'disconnect',
        'connect',
        'subscribe',
        'run',
      ]);
      expect(consumer.watch.status()).toMatchObject({ up: true, state: 'running' });
      // The rejoin goes on after what was resolved before the broker went.
      expect(fake.seeks).toEqual([{ topic: 'a', partition: 0, offset: '42' }]);
      expect(started).toHaveBeenCalledTimes(1);
      await consumer.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
