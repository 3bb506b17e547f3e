import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import type { Admin, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  KafkaBatchConsumer,
  type BatchConsumerOptions,
  type ConsumerControl,
} from './batch-consumer';
import { checkConsumer } from './consumer-watch.health';
import { ConsumerLag } from './consumer-lag';

export interface KafkaBatchTransportOptions {
  kafka: Kafka;
  /** The app's admin connection: reads the consumer groups' lag when /metrics is scraped. */
  admin: Admin;
  logger: Logger;
  /** The app's `/health` checks, where each consumer registers its own. */
  health: { register(check: HealthIndicatorFunction): void };
  indicators: HealthIndicatorService;
  registry: Registry;
  /** The one policy for a consumer kafkajs has stopped for good (the apps: shut down). */
  onFatal: (consumer: string) => (error: Error) => void;
}

/**
 * Hosts the app's Kafka consumers as a Nest microservice transport: each `@EventPattern(name)`
 * handler gets one KafkaBatchConsumer, declared here with `consume(...)`. Unlike the Kafka
 * transport of `@nestjs/microservices`, which commits on its own schedule, the handlers
 * decide what is committed (only what Kafka acknowledged), and keep their partitions paused
 * as long as they need. Closing the transport (the app's shutdown) drains every consumer.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private readonly declared = new Map<string, BatchConsumerOptions>();
  private readonly consumers = new Map<string, KafkaBatchConsumer>();
  private readonly joins: Counter;

  constructor(private readonly options: KafkaBatchTransportOptions) {
    super();
    this.joins = new Counter({
      name: 'kafka_consumer_group_joins_total',
      help: 'Group joins of each consumer (the first, then one per rebalance)',
      labelNames: ['consumer'],
      registers: [options.registry],
    });
    new ConsumerLag(
      options.admin,
      () => [...this.declared.values()].map(({ groupId, topics }) => ({ groupId, topics })),
      options.registry,
    );
  }

  /** Declares a consumer; its handler is the `@EventPattern(options.name)` method. */
  consume(options: BatchConsumerOptions): this {
    this.declared.set(options.name, options);
    return this;
  }

  /** A consumer, once the transport listens (tests: abort, joins). */
  consumer(name: string): KafkaBatchConsumer {
    const consumer = this.consumers.get(name);
    if (!consumer) throw new Error(`no consumer named ${name} is running`);
    return consumer;
  }

  /** Resolves once the named consumer has first joined its group (a `startAfter` of another). */
  whenJoined(name: string): Promise<void> {
    return this.consumer(name).whenJoined;
  }

  /** Starts every declared consumer in the background, so `/health` answers while they load. */
  listen(callback: () => void): void {
    const { kafka, logger, health, indicators, onFatal } = this.options;
    for (const pattern of this.getHandlers().keys())
      if (!this.declared.has(pattern))
        throw new Error(`@EventPattern('${pattern}') has no consumer declared to feed it`);
    for (const [name, declared] of this.declared) {
      const handler = this.getHandlerByPattern(name);
      if (!handler) throw new Error(`consumer ${name} has no @EventPattern('${name}') handler`);
      const fatal = onFatal(name);
      const consumer = new KafkaBatchConsumer(
        kafka,
        {
          ...declared,
          hooks: {
            ...declared.hooks,
            joined: (assignment) => {
              this.joins.inc({ consumer: name });
              declared.hooks?.joined?.(assignment);
            },
          },
        },
        (payload, control) => this.dispatch(handler, payload, control),
        logger,
        fatal,
      );
      this.consumers.set(name, consumer);
      health.register(() =>
        checkConsumer(indicators, name, consumer.watch, consumer.formatReport()),
      );
    }
    for (const consumer of this.consumers.values()) consumer.start().catch(onFatal(consumer.name));
    callback();
  }

  /** Drains every consumer: the batch in hand finishes, what was handed on is committed. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.stop()));
  }

  on(): never {
    throw new Error('KafkaBatchTransport has no events; see each consumer');
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }

  /**
   * Calls the handler through Nest (guards, interceptors, filters) and waits for it. The
   * handlers' controllers pass errors through unchanged (BatchConsumers), so kafkajs still
   * tells a retriable Kafka error from a fault.
   */
  private async dispatch(
    handler: (...args: unknown[]) => Promise<unknown>,
    payload: EachBatchPayload,
    control: ConsumerControl,
  ): Promise<void> {
    const result = await handler(payload, control);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
