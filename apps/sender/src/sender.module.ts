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
import { senderConsumers } from './consumers';
import { ConsumersController } from './consumers.controller';
import { DeliveryConsumer } from './intake/delivery-consumer';
import { DeliveryService } from './delivery.service';
import { FlowControl } from './flow-control/flow-control';
import { SENDER_LIMITS, senderLimits, type SenderLimits } from './flow-control/sender-limits';
import { HttpDeliveryClient } from './http/http-delivery.client';
import { OutcomeProducer } from './outcome-producer';
import { platformVersion } from './platform-version';
import { RoutedDirectory } from './webhook-lookup/routed-directory';
import type { Resolver } from './http/safe-lookup';
import type { SenderConfig } from './sender.config';
import { SenderLifecycle } from './sender-lifecycle';
import { SenderMetrics } from './sender.metrics';
import { WebhookReader } from './webhook-lookup/webhook-reader';

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
    const limits: SenderLimits = senderLimits(
      config,
      overrides.commitIntervalMs === undefined
        ? {}
        : { commitIntervalMs: overrides.commitIntervalMs },
    );
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
            new RoutedDirectory(kafka.kafka, topics, config, new WebhookReader(model), logger),
        },
        { provide: FlowControl, useValue: new FlowControl(limits) },
        {
          provide: HttpDeliveryClient,
          inject: [FlowControl],
          useFactory: (flow: FlowControl) =>
            new HttpDeliveryClient({
              timeoutMs: config.WEBHOOK_TIMEOUT_MS,
              policy: new TargetPolicy({
                allowHttp: config.WEBHOOK_ALLOW_HTTP,
                allowedPrivateCidrs: config.WEBHOOK_ALLOWED_PRIVATE_CIDRS,
              }),
              connectionsPerOrigin: limits.maxPerEndpoint,
              connections: flow.connections,
              ca: overrides.ca,
              resolver: overrides.resolver,
            }),
        },
        {
          provide: OutcomeProducer,
          inject: [KafkaConnection],
          useFactory: (kafka: KafkaConnection) =>
            new OutcomeProducer(kafka.kafka, topics, config.KAFKA_PRODUCE_LINGER_MS),
        },
        {
          provide: DeliveryService,
          inject: [
            RoutedDirectory,
            HttpDeliveryClient,
            OutcomeProducer,
            FlowControl,
            SenderMetrics,
          ],
          useFactory: (
            routed: RoutedDirectory,
            http: HttpDeliveryClient,
            producer: OutcomeProducer,
            flow: FlowControl,
            metrics: SenderMetrics,
          ) =>
            new DeliveryService(routed.directory, http, producer, flow, metrics, logger, {
              retryDelaysMs: limits.retryDelaysMs,
              userAgent: `webhook-platform/${platformVersion()}`,
            }),
        },
        { provide: SENDER_LIMITS, useValue: limits },
        DeliveryConsumer,
        SenderLifecycle,
        senderConsumers(context),
      ],
    };
  }
}
