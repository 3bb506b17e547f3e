import { type DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { MongooseHealthIndicator } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { AppConfigModule, type BaseConfig } from '@app/config';
import { topicSpecs, type Topics } from '@app/contracts';
import { KafkaConnection, KafkaHealthIndicator, KafkaModule } from '@app/kafka';
import { HealthChecks, HealthController, ObservabilityModule } from '@app/observability';
import { StoreCommands } from './store-commands';
import { TOPICS } from './tokens';

export interface RuntimeOptions {
  /** Short app name: used as Kafka client id and in every log line. */
  name: string;
  config: BaseConfig;
  logger: Logger;
  topics: Topics;
  /** Whether the app talks to MongoDB (the matcher does not); default true. */
  mongodb?: boolean;
}

/**
 * What every app runs on: typed config, JSON logs and metrics, the Kafka connection (which
 * provisions the platform's topics from the registry's specs, replicated as configured),
 * MongoDB through mongoose (unless `mongodb: false`), and `/health` over them.
 */
@Module({})
export class RuntimeModule {
  static forRoot({ name, config, logger, topics, mongodb = true }: RuntimeOptions): DynamicModule {
    const storeCommands = new StoreCommands();
    const store = mongodb
      ? [
          MongooseModule.forRoot(config.MONGODB_URI, {
            serverSelectionTimeoutMS: 5000,
            appName: `webhooks-${name}`,
            monitorCommands: true,
            connectionFactory: (connection: Connection) => storeCommands.watch(connection),
          }),
        ]
      : [];
    return {
      module: RuntimeModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        ObservabilityModule.forRoot(logger),
        KafkaModule.forRoot({
          settings: config,
          clientId: `webhooks-${name}`,
          logger,
          topics: topicSpecs(topics, undefined, {
            replicationFactor: config.KAFKA_REPLICATION_FACTOR,
            minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS,
          }),
        }),
        ...store,
      ],
      controllers: [HealthController],
      providers: [
        { provide: TOPICS, useValue: topics },
        {
          // Kafka (and MongoDB, where the app uses it) are every app's first checks.
          provide: 'RUNTIME_HEALTH_CHECKS',
          inject: [HealthChecks, KafkaHealthIndicator, KafkaConnection, MongooseHealthIndicator],
          useFactory: (
            checks: HealthChecks,
            kafkaHealth: KafkaHealthIndicator,
            kafka: KafkaConnection,
            mongo: MongooseHealthIndicator,
          ) => {
            checks.register(() => kafkaHealth.check(kafka.admin));
            if (mongodb) checks.register(() => mongo.pingCheck('mongodb', { timeout: 1500 }));
            return true;
          },
        },
        {
          // What the app asks of Kafka and the store, request by request (/metrics).
          provide: 'RUNTIME_METRICS',
          inject: [Registry, KafkaConnection],
          useFactory: (registry: Registry, kafka: KafkaConnection) => {
            registry.registerMetric(kafka.requests.metric);
            if (mongodb) registry.registerMetric(storeCommands.metric);
            return true;
          },
        },
      ],
      exports: [TOPICS],
    };
  }
}
