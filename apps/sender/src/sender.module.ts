import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Model } from 'mongoose';
import { Registry } from 'prom-client';
import { checkConsumer, KafkaConnection } from '@app/kafka';
import { HealthChecks, shutDownOnFatal } from '@app/observability';
import { RuntimeModule, type AppContext } from '@app/runtime';
import {
  checkRouteTable,
  WEBHOOK_MODEL,
  WebhooksDataModule,
  type WebhookDocument,
} from '@app/webhooks';
import { Sender } from './sender';
import type { SenderConfig } from './sender.config';

/** Runs the sender with the app: start after every module is up, stop first on shutdown. */
@Injectable()
class SenderLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly sender: Sender,
    private readonly indicators: HealthIndicatorService,
    private readonly checks: HealthChecks,
  ) {}

  onModuleInit(): void {
    // `/health` = kafka + mongodb (RuntimeModule) + the routing topic + the consumer.
    this.checks.register(() => checkRouteTable(this.indicators, this.sender.routes));
    this.checks.register(() =>
      checkConsumer(this.indicators, 'deliveries_consumer', this.sender.consumerWatch),
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.sender.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.sender.stop();
  }
}

@Module({})
export class SenderModule {
  static forRoot(context: AppContext<SenderConfig>): DynamicModule {
    return {
      module: SenderModule,
      imports: [RuntimeModule.forRoot({ name: 'sender', ...context }), WebhooksDataModule],
      providers: [
        {
          provide: Sender,
          inject: [KafkaConnection, getModelToken(WEBHOOK_MODEL), Registry],
          useFactory: (kafka: KafkaConnection, model: Model<WebhookDocument>, registry: Registry) =>
            new Sender({
              config: context.config,
              kafka: kafka.kafka,
              webhookModel: model,
              registry,
              logger: context.logger,
              onFatal: shutDownOnFatal(context.logger, 'deliveries consumer'),
              topics: context.topics,
            }),
        },
        SenderLifecycle,
      ],
    };
  }
}
