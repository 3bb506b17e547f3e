import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Topics } from '@app/contracts';
import { SecretBox, WebhookRouteFollower } from '@app/webhooks';
import type { SenderConfig } from '../sender.config';
import { WebhookDirectory } from './webhook-directory';
import type { WebhookReader } from './webhook-reader';

/**
 * The webhook directory and the routing-topic follower that keeps it fresh, built together
 * because each needs the other: the topic tells which webhooks changed (the directory
 * forgets them, and reads the live ones again in the background), and the directory checks
 * a webhook's version against the topic's.
 */
export class RoutedDirectory {
  readonly routes: WebhookRouteFollower;
  readonly directory: WebhookDirectory;

  constructor(
    kafka: Kafka,
    topics: Topics,
    config: SenderConfig,
    repository: WebhookReader,
    logger: Logger,
  ) {
    this.routes = new WebhookRouteFollower(
      kafka,
      topics.webhookRoutes,
      (changes) => {
        this.directory.apply(changes);
        // What the catch-up at start replays is read when its records come, as before:
        // reading every webhook at each start would load the store for minutes.
        if (this.routes.status().caughtUp) this.directory.prefetch(changes);
      },
      logger,
      {
        groupPrefix: config.SENDER_CONSUMER_GROUP,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        fetchMaxWaitMs: config.KAFKA_FETCH_MAX_WAIT_MS,
      },
    );
    this.directory = new WebhookDirectory(
      new SecretBox(config.DATA_ENCRYPTION_KEY),
      repository,
      this.routes,
      logger,
    );
  }
}
