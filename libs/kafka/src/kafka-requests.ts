import type { Admin, Consumer, Producer } from 'kafkajs';
import { Counter } from 'prom-client';

type Instrumented = Producer | Consumer | Admin;

/**
 * Counts every request the app's Kafka clients send, by client kind and Kafka API (Fetch,
 * Produce, OffsetCommit, Heartbeat, Metadata...), from kafkajs's own instrumentation events:
 * what a delivered callback costs in round trips to the broker, and what an idle app still
 * asks of it. `kafka_client_requests_total{client, api}` on /metrics.
 */
export class KafkaRequests {
  readonly metric = new Counter({
    name: 'kafka_client_requests_total',
    help: 'Requests sent to Kafka by this process, by client kind and Kafka API',
    labelNames: ['client', 'api'],
    // Registered by the app's runtime into its own registry.
    registers: [],
  });

  /** Counts the requests of one producer, consumer or admin client. */
  watch<T extends Instrumented>(client: T, kind: 'producer' | 'consumer' | 'admin'): T {
    // The three client kinds name the event alike (`<kind>.network.request`); their
    // typings do not share an `on`.
    const on = client.on.bind(client) as (
      event: string,
      listener: (event: { payload: { apiName: string } }) => void,
    ) => unknown;
    on(client.events.REQUEST, ({ payload }) =>
      this.metric.inc({ client: kind, api: payload.apiName }),
    );
    return client;
  }
}
