import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from './http-types';
import { Counter, Histogram, Registry } from 'prom-client';

/** The management's own Prometheus metrics, on the app's registry (`GET /metrics`). */
@Injectable()
export class ManagementMetrics {
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly attemptsPersisted: Counter<'status'>;
  readonly attemptsRejected: Counter;
  readonly batchSeconds: Histogram;
  readonly retentionDeleted: Counter<'kind'>;
  readonly deliveriesPublished: Counter<'trigger'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'management_http_requests_total',
      help: 'REST requests answered, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.attemptsPersisted = new Counter({
      name: 'management_attempts_persisted_total',
      help: 'Attempt outcomes written to the delivery log (replays included)',
      labelNames: ['status'],
      registers: [registry],
    });
    this.attemptsRejected = new Counter({
      name: 'management_attempts_rejected_total',
      help: 'Records on the attempts topic that were not valid attempt outcomes and were skipped',
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'management_attempt_batch_seconds',
      help: 'Time to persist one batch of attempt outcomes',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.retentionDeleted = new Counter({
      name: 'management_retention_deleted_total',
      help: 'Documents removed by the retention job',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.deliveriesPublished = new Counter({
      name: 'management_deliveries_published_total',
      help: 'Delivery records published by test and redeliver',
      labelNames: ['trigger'],
      registers: [registry],
    });
  }
}

/** Counts every answered request by its route template (never the raw path: ids would explode it). */
@Injectable()
export class RequestMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ManagementMetrics) {}

  use(request: HttpRequest, response: HttpResponse, next: () => void): void {
    response.on('finish', () => {
      const route = request.route?.path;
      this.metrics.requests.inc({
        method: request.method,
        route: route ?? 'unmatched',
        status: String(response.statusCode),
      });
    });
    next();
  }
}
