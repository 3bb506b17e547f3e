import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthChecks } from '@app/observability';
import { checkRouteTable } from '@app/webhooks';
import { HttpDeliveryClient } from './http/http-delivery.client';
import { OutcomeProducer } from './outcome-producer';
import { RoutedDirectory } from './webhook-lookup/routed-directory';

/**
 * What the deliveries consumer needs up before it takes a record (the routing topic read to
 * its end, the outcome producer connected), and closed only after it has drained: the
 * transport drains the consumers before `onApplicationShutdown`.
 */
@Injectable()
export class SenderLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly routed: RoutedDirectory,
    private readonly producer: OutcomeProducer,
    private readonly http: HttpDeliveryClient,
    indicators: HealthIndicatorService,
    checks: HealthChecks,
  ) {
    checks.register(() => checkRouteTable(indicators, routed.routes));
  }

  /** The app starts only once these are up, as main.ts and the tests expect. */
  async onApplicationBootstrap(): Promise<void> {
    this.ready = Promise.all([this.routed.routes.start(), this.producer.connect()]).then(
      () => undefined,
    );
    await this.ready;
  }

  /** Resolves once deliveries may be taken (the consumer's `startAfter`). */
  whenReady(): Promise<void> {
    return this.ready ?? Promise.reject(new Error('the sender was not initialised'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.routed.routes.stop();
    await this.http.close();
  }
}
