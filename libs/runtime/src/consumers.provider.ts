import type { InjectionToken, Provider } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { KafkaBatchTransport, KafkaConnection } from '@app/kafka';
import { HealthChecks, shutDownOnFatal } from '@app/observability';

/**
 * The app's KafkaBatchTransport, with the consumers `declare` adds to it (from the
 * injected `inject` tokens). One policy for a consumer kafkajs stops for good, everywhere:
 * shut the app down for a restart (docs/design.md "Consumers").
 */
export function consumersProvider<D extends unknown[]>(
  logger: Logger,
  inject: { [K in keyof D]: InjectionToken },
  declare: (transport: KafkaBatchTransport, ...deps: D) => void,
): Provider {
  return {
    provide: KafkaBatchTransport,
    inject: [KafkaConnection, HealthChecks, HealthIndicatorService, Registry, ...inject],
    useFactory: (
      kafka: KafkaConnection,
      health: HealthChecks,
      indicators: HealthIndicatorService,
      registry: Registry,
      ...deps: D
    ) => {
      const transport = new KafkaBatchTransport({
        kafka: kafka.kafka,
        admin: kafka.admin,
        logger,
        health,
        indicators,
        registry,
        onFatal: (consumer) => shutDownOnFatal(logger, consumer),
      });
      declare(transport, ...deps);
      return transport;
    },
  };
}
