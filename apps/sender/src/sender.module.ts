import { Module, type DynamicModule } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Registry } from 'prom-client';
import { KafkaConnection } from '@app/kafka';
import { RuntimeModule, type AppContext } from '@app/runtime';
import {
  TargetPolicy,
  WEBHOOK_MODEL,
  WebhooksDataModule,
  type WebhookDocument,
} from '@app/webhooks';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { senderConsumers } from './consumers';
import { ConsumersController } from './consumers.controller';
import {
  DELIVERY_CONSUMER_OPTIONS,
  DeliveryConsumer,
  type DeliveryConsumerOptions,
} from './delivery-consumer';
import { DeliveryService } from './delivery.service';
import { HttpDeliveryClient } from './http-delivery.client';
import { OutcomeProducer } from './outcome-producer';
import { platformVersion } from './platform-version';
import { RoutedDirectory } from './routed-directory';
import type { Resolver } from './safe-lookup';
import type { SenderConfig } from './sender.config';
import { SenderLifecycle } from './sender-lifecycle';
import { SenderMetrics } from './sender.metrics';
import { WebhookRepository } from './webhook.repository';

/** Tests and benchmarks: extra trusted CAs for local HTTPS receivers, a fake resolver, faster commits. */
export interface SenderOverrides {
  ca?: Array<string | Buffer>;
  resolver?: Resolver;
  commitIntervalMs?: number;
}

/**
 * The sender: the deliveries consumer (KafkaBatchTransport, consumers.ts) hands each record
 * to the DeliveryService, which resolves the webhook through the routed directory, calls it
 * within the concurrency limits and hands the outcome on with the OutcomeProducer.
 */
@Module({})
export class SenderModule {
  static forRoot(
    context: AppContext<SenderConfig>,
    overrides: SenderOverrides = {},
  ): DynamicModule {
    const { config, topics } = context;
    const logger = context.logger.child({ component: 'sender' });
    return {
      module: SenderModule,
      imports: [RuntimeModule.forRoot({ name: 'sender', ...context }), WebhooksDataModule],
      controllers: [ConsumersController],
      providers: [
        {
          provide: SenderMetrics,
          inject: [Registry],
          useFactory: (registry: Registry) => new SenderMetrics(registry),
        },
        {
          provide: RoutedDirectory,
          inject: [KafkaConnection, getModelToken(WEBHOOK_MODEL)],
          useFactory: (kafka: KafkaConnection, model: Model<WebhookDocument>) =>
            new RoutedDirectory(kafka.kafka, topics, config, new WebhookRepository(model), logger),
        },
        {
          provide: HttpDeliveryClient,
          useFactory: () =>
            new HttpDeliveryClient({
              timeoutMs: config.WEBHOOK_TIMEOUT_MS,
              policy: new TargetPolicy({
                allowHttp: config.WEBHOOK_ALLOW_HTTP,
                allowedPrivateCidrs: config.WEBHOOK_ALLOWED_PRIVATE_CIDRS,
              }),
              connectionsPerOrigin: config.SENDER_MAX_PER_ENDPOINT,
              ca: overrides.ca,
              resolver: overrides.resolver,
            }),
        },
        {
          provide: OutcomeProducer,
          inject: [KafkaConnection],
          useFactory: (kafka: KafkaConnection) => new OutcomeProducer(kafka.kafka, topics),
        },
        {
          provide: DeliveryService,
          inject: [RoutedDirectory, HttpDeliveryClient, OutcomeProducer, SenderMetrics],
          useFactory: (
            routed: RoutedDirectory,
            http: HttpDeliveryClient,
            producer: OutcomeProducer,
            metrics: SenderMetrics,
          ) =>
            new DeliveryService(
              routed.directory,
              http,
              producer,
              new ConcurrencyLimiter(
                config.SENDER_MAX_IN_FLIGHT,
                config.SENDER_MAX_PER_ENDPOINT,
                http.connections,
              ),
              metrics,
              logger,
              {
                retryDelaysMs: config.retryDelaysMs,
                endpointBacklog: config.SENDER_ENDPOINT_BACKLOG,
                timeoutMs: config.WEBHOOK_TIMEOUT_MS,
                userAgent: `webhook-platform/${platformVersion()}`,
              },
            ),
        },
        {
          provide: DELIVERY_CONSUMER_OPTIONS,
          useValue: {
            // Waiting records cost little memory; a deep backlog keeps fast endpoints busy
            // while a slow one works through its own queue.
            maxPending: config.SENDER_MAX_IN_FLIGHT * 10,
            orderedBacklog: config.SENDER_ENDPOINT_BACKLOG,
            commitIntervalMs: overrides.commitIntervalMs ?? 500,
            drainTimeoutMs: config.WEBHOOK_TIMEOUT_MS * 3 + 5_000,
          } satisfies DeliveryConsumerOptions,
        },
        DeliveryConsumer,
        SenderLifecycle,
        senderConsumers(context),
      ],
    };
  }
}
