import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Model } from 'mongoose';
import { PinoLogger } from 'nestjs-pino';
import { HealthChecks } from '@app/observability';
import {
  checkWebhookView,
  WEBHOOK_MODEL,
  WebhookViewSync,
  type WebhookDocument,
} from '@app/webhooks';
import { MatcherConfig } from './matcher.config';
import { MatcherMetrics } from './matcher.metrics';
import { SubscriptionIndex } from './subscription-index';

/** Keeps the SubscriptionIndex in step with MongoDB and reports it in /health. */
@Injectable()
export class WebhookViewService implements OnModuleInit, OnModuleDestroy {
  readonly index = new SubscriptionIndex();
  private readonly sync: WebhookViewSync;

  constructor(
    @InjectModel(WEBHOOK_MODEL) model: Model<WebhookDocument>,
    config: MatcherConfig,
    metrics: MatcherMetrics,
    logger: PinoLogger,
    health: HealthChecks,
    indicators: HealthIndicatorService,
  ) {
    logger.setContext(WebhookViewService.name);
    this.sync = new WebhookViewSync(
      model,
      (snapshots) => {
        this.index.apply(snapshots);
        metrics.viewSize.set(this.index.size);
        logger.debug({ changed: snapshots.length, live: this.index.size }, 'webhook view updated');
      },
      logger.logger,
      { intervalMs: config.WEBHOOK_VIEW_POLL_MS },
    );
    health.register(() => checkWebhookView(indicators, this.sync));
  }

  /** Resolves once the view has been loaded from MongoDB. */
  whenLoaded(): Promise<void> {
    return this.sync.whenLoaded();
  }

  onModuleInit(): Promise<void> {
    return this.sync.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.sync.stop();
  }
}
