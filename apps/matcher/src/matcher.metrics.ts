import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The matcher's Prometheus metrics. */
@Injectable()
export class MatcherMetrics {
  readonly eventsConsumed: Counter<'type'>;
  readonly deliveriesMatched: Counter<'type'>;
  readonly eventsRejected: Counter;
  readonly processingSeconds: Histogram;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly viewSize: Gauge;
  readonly replayEventsScanned: Counter;
  readonly replayDeliveries: Counter;
  readonly replaysFinished: Counter<'outcome'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.eventsConsumed = new Counter({
      name: 'matcher_events_consumed_total',
      help: 'Valid domain events consumed, by type',
      labelNames: ['type'],
      registers,
    });
    this.deliveriesMatched = new Counter({
      name: 'matcher_deliveries_matched_total',
      help: 'Delivery records emitted, by event type',
      labelNames: ['type'],
      registers,
    });
    this.eventsRejected = new Counter({
      name: 'matcher_events_rejected_total',
      help: 'Messages sent to the rejected-events topic',
      registers,
    });
    this.processingSeconds = new Histogram({
      name: 'matcher_processing_seconds',
      help: 'From the event entering Kafka to its delivery records being acknowledged',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'matcher_consumer_lag',
      help: 'Messages behind the end of each domain partition',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.viewSize = new Gauge({
      name: 'matcher_webhook_view_size',
      help: 'Live webhooks in the in-memory view',
      registers,
    });
    this.replayEventsScanned = new Counter({
      name: 'matcher_replay_events_scanned_total',
      help: 'Domain events read by replays',
      registers,
    });
    this.replayDeliveries = new Counter({
      name: 'matcher_replay_deliveries_total',
      help: 'Delivery records emitted by replays',
      registers,
    });
    this.replaysFinished = new Counter({
      name: 'matcher_replays_total',
      help: 'Replays run to an end, by outcome (completed, failed, interrupted)',
      labelNames: ['outcome'],
      registers,
    });
  }
}
