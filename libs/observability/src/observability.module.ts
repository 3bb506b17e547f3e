import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
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
          pinoHttp: { logger },
          // Probes and scrapes would drown the log, and they need no request context: its
          // AsyncLocalStorage, once run, puts promise hooks on every promise of the process,
          // which in the sender and the matcher (no other routes) cost a few % of each callback.
          exclude: [
            { path: 'health', method: RequestMethod.ALL },
            { path: 'metrics', method: RequestMethod.ALL },
          ],
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
      ],
      controllers: [MetricsController],
      providers: [{ provide: Registry, useValue: registry }, HealthChecks],
      exports: [Registry, TerminusModule, HealthChecks],
    };
  }
}
