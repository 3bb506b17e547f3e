import { type DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule, type AppContext } from '@app/runtime';
import { WebhooksDataModule } from '@app/webhooks';
import { DomainEventConsumer } from './domain-event-consumer';
import type { MatcherConfig } from './matcher.config';
import { MatcherMetrics } from './matcher.metrics';
import { WebhookViewService } from './webhook-view.service';

@Module({})
export class MatcherModule {
  static forRoot(context: AppContext<MatcherConfig>): DynamicModule {
    return {
      module: MatcherModule,
      imports: [RuntimeModule.forRoot({ name: 'matcher', ...context }), WebhooksDataModule],
      providers: [MatcherMetrics, WebhookViewService, DomainEventConsumer],
    };
  }
}
