import type { Kafka } from 'kafkajs';
import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Topics } from '@app/contracts';
import type { ConsumerWatch } from '@app/kafka';
import { SecretBox, TargetPolicy, WebhookRouteFollower, type WebhookDocument } from '@app/webhooks';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { DeliveryConsumer } from './delivery-consumer';
import { DeliveryService } from './delivery.service';
import { HttpDeliveryClient } from './http-delivery.client';
import { OutcomeProducer } from './outcome-producer';
import { platformVersion } from './platform-version';
import type { Resolver } from './safe-lookup';
import type { SenderConfig } from './sender.config';
import { SenderMetrics } from './sender.metrics';
import { WebhookDirectory } from './webhook-directory';
import { WebhookRepository } from './webhook.repository';

export interface SenderDependencies {
  config: SenderConfig;
  kafka: Kafka;
  webhookModel: Model<WebhookDocument>;
  registry: Registry;
  logger: Logger;
  topics: Topics;
  /** What to do when the deliveries consumer is stopped for good (the app: shut down). */
  onFatal?: (error: Error) => void;
  /** Tests: extra trusted CAs for local HTTPS receivers, a fake resolver, faster timers. */
  ca?: Array<string | Buffer>;
  resolver?: Resolver;
  commitIntervalMs?: number;
}

/**
 * The sender, wired from its config and its connections: the same object runs in the Nest
 * app (sender.module.ts) and in-process in the integration tests and the benchmark.
 */
export class Sender {
  readonly routes: WebhookRouteFollower;
  readonly directory: WebhookDirectory;
  readonly metrics: SenderMetrics;
  private readonly http: HttpDeliveryClient;
  private readonly producer: OutcomeProducer;
  private readonly consumer: DeliveryConsumer;
  private readonly logger: Logger;
  private started = false;

  constructor(deps: SenderDependencies) {
    const { config } = deps;
    this.logger = deps.logger.child({ component: 'sender' });
    this.metrics = new SenderMetrics(deps.registry);
    // The routing topic tells which webhooks changed; the directory reads the rest by id.
    this.routes = new WebhookRouteFollower(
      deps.kafka,
      deps.topics.webhookRoutes,
      (changes) => this.directory.apply(changes),
      this.logger,
      {
        groupPrefix: config.SENDER_CONSUMER_GROUP,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      },
    );
    this.directory = new WebhookDirectory(
      new SecretBox(config.DATA_ENCRYPTION_KEY),
      new WebhookRepository(deps.webhookModel),
      this.routes,
      this.logger,
    );
    this.http = new HttpDeliveryClient({
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      policy: new TargetPolicy({
        allowHttp: config.WEBHOOK_ALLOW_HTTP,
        allowedPrivateCidrs: config.WEBHOOK_ALLOWED_PRIVATE_CIDRS,
      }),
      connectionsPerOrigin: config.SENDER_MAX_PER_ENDPOINT,
      ca: deps.ca,
      resolver: deps.resolver,
    });
    this.producer = new OutcomeProducer(deps.kafka, deps.topics);
    const deliveries = new DeliveryService(
      this.directory,
      this.http,
      this.producer,
      new ConcurrencyLimiter(config.SENDER_MAX_IN_FLIGHT, config.SENDER_MAX_PER_ENDPOINT),
      this.metrics,
      this.logger,
      {
        retryDelaysMs: config.retryDelaysMs,
        endpointBacklog: config.SENDER_ENDPOINT_BACKLOG,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        userAgent: `webhook-platform/${platformVersion()}`,
      },
    );
    this.consumer = new DeliveryConsumer(
      deps.kafka,
      deps.topics,
      deliveries,
      this.producer,
      this.metrics,
      this.logger,
      {
        groupId: config.SENDER_CONSUMER_GROUP,
        // Waiting records cost little memory; a deep backlog keeps fast endpoints busy
        // while a slow one works through its own queue.
        maxPending: config.SENDER_MAX_IN_FLIGHT * 10,
        orderedBacklog: config.SENDER_ENDPOINT_BACKLOG,
        commitIntervalMs: deps.commitIntervalMs,
        drainTimeoutMs: config.WEBHOOK_TIMEOUT_MS * 3 + 5_000,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        onFatal: deps.onFatal,
      },
    );
  }

  async start(): Promise<void> {
    await this.routes.start();
    await this.producer.connect();
    await this.consumer.start();
    this.started = true;
    this.logger.info('sender consuming deliveries');
  }

  /** Graceful: stop fetching, finish or hand on in-flight work, commit, disconnect. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.consumer.stop();
    await this.producer.disconnect();
    await this.routes.stop();
    await this.http.close();
    this.logger.info('sender stopped');
  }

  /** Crash simulation: leave the group without committing more, drop what is in flight. */
  async abort(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.producer.close();
    await this.consumer.abort();
    await this.routes.stop();
    await this.http.destroy();
    await this.producer.disconnect();
  }

  get consumerWatch(): ConsumerWatch {
    return this.consumer.watch;
  }

  get inFlight(): number {
    return this.consumer.inFlight;
  }
}
