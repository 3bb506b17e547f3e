import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HealthChecks } from './health-checks';
import { MetricsController } from './metrics.controller';

/**
 * Logging (nestjs-pino over the app's pino logger), Prometheus metrics (`GET /metrics`,
 * one registry per app, injectable as `Registry`) and terminus for the app's `/health`.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger): DynamicModule {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            // Probes and scrapes would drown the log.
            autoLogging: { ignore: (req) => ['/health', '/metrics'].includes(req.url ?? '') },
          },
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
      ],
      controllers: [MetricsController],
      providers: [{ provide: Registry, useValue: registry }, HealthChecks],
      exports: [Registry, TerminusModule, HealthChecks],
    };
  }
}
