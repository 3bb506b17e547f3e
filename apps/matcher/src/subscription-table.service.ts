import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PinoLogger } from 'nestjs-pino';
import type { Topics } from '@app/contracts';
import { KafkaConnection } from '@app/kafka';
import { HealthChecks, shutDownOnFatal } from '@app/observability';
import { TOPICS } from '@app/runtime';
import { checkRouteTable, WebhookRouteFollower } from '@app/webhooks';
import { MatcherConfig } from './matcher.config';
import { MatcherMetrics } from './matcher.metrics';
import { SubscriptionIndex } from './subscription-index';

/**
 * The matcher's subscription table, built from the compacted routing topic alone (no
 * MongoDB): read from the beginning at start, then followed. /health stays down until it
 * has been read to its end, and the domain-event consumer waits for that too.
 */
@Injectable()
export class SubscriptionTableService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly index = new SubscriptionIndex();
  private readonly follower: WebhookRouteFollower;
  private readonly fatal: (error: Error) => void;

  constructor(
    kafka: KafkaConnection,
    @Inject(TOPICS) topics: Topics,
    config: MatcherConfig,
    metrics: MatcherMetrics,
    logger: PinoLogger,
    health: HealthChecks,
    indicators: HealthIndicatorService,
  ) {
    logger.setContext(SubscriptionTableService.name);
    this.fatal = shutDownOnFatal(logger.logger, 'routing topic follower');
    this.follower = new WebhookRouteFollower(
      kafka.kafka,
      topics.webhookRoutes,
      (changes) => {
        this.index.apply(changes, (webhookId, problems) =>
          logger.warn(
            { webhook_id: webhookId, problems },
            'payload filter does not compile; the webhook matches nothing until it is fixed',
          ),
        );
        metrics.viewSize.set(this.index.size);
      },
      logger.logger,
      {
        groupPrefix: config.MATCHER_CONSUMER_GROUP,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        fetchMaxWaitMs: config.KAFKA_FETCH_MAX_WAIT_MS,
      },
    );
    health.register(() => checkRouteTable(indicators, this.follower));
  }

  /** Resolves once the table holds everything the topic held at start-up. */
  whenCaughtUp(): Promise<void> {
    return this.follower.whenCaughtUp();
  }

  /** In the background, so /health answers (not ready) while the table loads. */
  onApplicationBootstrap(): void {
    this.follower.start().catch(this.fatal);
  }

  onModuleDestroy(): Promise<void> {
    return this.follower.stop();
  }
}
