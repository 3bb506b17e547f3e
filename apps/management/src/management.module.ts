import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ReliableProducer } from '@app/kafka';
import { RuntimeModule, type AppContext } from '@app/runtime';
import { SecretBox, TargetPolicy, WebhooksDataModule } from '@app/webhooks';
import { AdminController } from './auth/admin.controller';
import { API_KEY_MODEL, ApiKeySchema } from './auth/api-key.schema';
import { API_KEY_REVOCATION_MODEL, ApiKeyRevocationSchema } from './auth/api-key-revocation.schema';
import { ApiKeyRepository } from './auth/api-key.repository';
import { AuthService } from './auth/auth.service';
import { AdminTokenGuard, ApiKeyGuard } from './auth/guards';
import { Clock } from './common/clock';
import { AllExceptionsFilter } from './common/exception.filter';
import { ManagementMetrics, RequestMetricsMiddleware } from './common/metrics';
import { createValidationPipe } from './common/validation';
import { ConsumersController } from './consumers/consumers.controller';
import { managementConsumers } from './consumers/consumers';
import { AttemptLogService } from './deliveries/attempt-log.service';
import { AttemptsConsumer } from './deliveries/attempts.consumer';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DeliveriesService } from './deliveries/deliveries.service';
import {
  DELIVERY_ATTEMPT_MODEL,
  DeliveryAttemptSchema,
} from './deliveries/delivery-attempt.schema';
import { DeliveryAttemptRepository } from './deliveries/delivery-attempt.repository';
import { DeliveryProducer } from './deliveries/delivery.producer';
import { RecoveryController } from './deliveries/recovery.controller';
import { RecoveryService } from './deliveries/recovery.service';
import { RejectionProducer } from './deliveries/rejection.producer';
import { RetentionJob } from './deliveries/retention.job';
import { EventTypesController } from './event-types/event-types.controller';
import { ManagementConfig } from './management.config';
import { REPLAY_MODEL, ReplaySchema } from './replays/replay.schema';
import { ReplayProgressConsumer } from './replays/replay-progress.consumer';
import { ReplayRepository } from './replays/replay.repository';
import { ReplayRequestProducer } from './replays/replay-request.producer';
import { ReplaysController } from './replays/replays.controller';
import { ReplaysService } from './replays/replays.service';
import { AutoDisableService } from './webhooks/auto-disable.service';
import { OperationalEventProducer } from './webhooks/operational-event.producer';
import { HostResolver, TargetUrlConstraint } from './webhooks/target-url.validator';
import { WebhookRouteRelay } from './webhooks/webhook-route.relay';
import { TenantWebhooks } from './webhooks/store/tenant-webhooks';
import { TombstonePurge } from './webhooks/store/tombstone-purge';
import { WebhookCollection } from './webhooks/store/webhook-collection';
import { WebhookDeliveryStatus } from './webhooks/store/webhook-delivery-status';
import { WebhookRoutingOutbox } from './webhooks/store/webhook-routing-outbox';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/** The management app: REST admin API, delivery log, and what they run on. */
@Module({})
export class ManagementModule implements NestModule {
  static forRoot(context: AppContext<ManagementConfig>): DynamicModule {
    return {
      module: ManagementModule,
      imports: [
        RuntimeModule.forRoot({ name: 'management', ...context }),
        WebhooksDataModule,
        MongooseModule.forFeature([
          { name: API_KEY_MODEL, schema: ApiKeySchema },
          { name: API_KEY_REVOCATION_MODEL, schema: ApiKeyRevocationSchema },
          { name: DELIVERY_ATTEMPT_MODEL, schema: DeliveryAttemptSchema },
          { name: REPLAY_MODEL, schema: ReplaySchema },
        ]),
      ],
      controllers: [
        AdminController,
        WebhooksController,
        DeliveriesController,
        RecoveryController,
        ReplaysController,
        EventTypesController,
        ConsumersController,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        {
          provide: SecretBox,
          inject: [ManagementConfig],
          useFactory: (config: ManagementConfig) => new SecretBox(config.DATA_ENCRYPTION_KEY),
        },
        {
          provide: TargetPolicy,
          inject: [ManagementConfig],
          useFactory: (config: ManagementConfig) =>
            new TargetPolicy({
              allowHttp: config.WEBHOOK_ALLOW_HTTP,
              allowedPrivateCidrs: config.WEBHOOK_ALLOWED_PRIVATE_CIDRS,
            }),
        },
        Clock,
        ManagementMetrics,
        HostResolver,
        TargetUrlConstraint,
        ApiKeyRepository,
        AuthService,
        ApiKeyGuard,
        AdminTokenGuard,
        WebhookCollection,
        TenantWebhooks,
        WebhookDeliveryStatus,
        WebhookRoutingOutbox,
        TombstonePurge,
        WebhooksService,
        WebhookRouteRelay,
        AutoDisableService,
        OperationalEventProducer,
        DeliveryAttemptRepository,
        AttemptLogService,
        AttemptsConsumer,
        DeliveryProducer,
        RejectionProducer,
        ReliableProducer,
        DeliveriesService,
        RecoveryService,
        RetentionJob,
        ReplayRepository,
        ReplayRequestProducer,
        ReplaysService,
        ReplayProgressConsumer,
        managementConsumers(context),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestMetricsMiddleware).forRoutes('*');
  }
}
