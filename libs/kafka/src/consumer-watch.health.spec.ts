import { EventEmitter } from 'node:events';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Consumer } from 'kafkajs';
import { ConsumerWatch } from './consumer-watch';
import { checkConsumer } from './consumer-watch.health';

/** A watch of a consumer that has joined its group. */
function runningWatch(): ConsumerWatch {
  const consumer = Object.assign(new EventEmitter(), {
    events: { GROUP_JOIN: 'join', REBALANCING: 'rebalancing', STOP: 'stop', CRASH: 'crash' },
  });
  const watch = new ConsumerWatch(consumer as unknown as Consumer, () => undefined);
  consumer.emit('join');
  return watch;
}

describe('checkConsumer', () => {
  const indicators = new HealthIndicatorService();

  it('is up while the consumer runs and reads every record', () => {
    expect(checkConsumer(indicators, 'c', runningWatch())).toEqual({
      c: { status: 'up', state: 'running', last_error: null },
    });
  });

  it('is down, naming the partitions and the version, while a partition is stopped at a newer format', () => {
    const format = {
      reads_format: '1.x',
      unreadable_partitions: [{ topic: 't', partition: 2, offset: '9', format_version: '2.0' }],
    };
    expect(checkConsumer(indicators, 'c', runningWatch(), format)).toEqual({
      c: {
        status: 'down',
        state: 'running',
        last_error: null,
        ...format,
        message: 'partitions stopped at records of a newer format: upgrade this app',
      },
    });
  });
});
