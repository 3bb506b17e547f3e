import { type DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule, type AppContext } from '@app/runtime';
import { matcherConsumers } from './consumers';
import { ConsumersController } from './consumers.controller';
import { DomainEventConsumer } from './domain-event-consumer';
import type { MatcherConfig } from './matcher.config';
import { MatcherMetrics } from './matcher.metrics';
import { ReplayConsumer } from './replay-consumer';
import { SubscriptionTableService } from './subscription-table.service';

@Module({})
export class MatcherModule {
  static forRoot(context: AppContext<MatcherConfig>): DynamicModule {
    return {
      module: MatcherModule,
      imports: [RuntimeModule.forRoot({ name: 'matcher', mongodb: false, ...context })],
      controllers: [ConsumersController],
      providers: [
        MatcherMetrics,
        SubscriptionTableService,
        DomainEventConsumer,
        ReplayConsumer,
        matcherConsumers(context),
      ],
    };
  }
}
