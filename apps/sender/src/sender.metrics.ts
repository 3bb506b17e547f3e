import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The sender's Prometheus metrics, registered on the app's registry. */
export class SenderMetrics {
  readonly attempts: Counter<'status' | 'error_kind'>;
  readonly attemptDuration: Histogram<'status'>;
  readonly eventToDelivery: Histogram;
  readonly inFlight: Gauge;
  readonly parked: Gauge;
  readonly retries: Counter<'attempt'>;
  readonly deadLetters: Counter;
  readonly deferrals: Counter;
  readonly rateLimited: Counter<'outcome'>;
  readonly invalidRecords: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.attempts = new Counter({
      name: 'sender_attempts_total',
      help: 'Callback attempts by status (succeeded, failed, cancelled) and error kind',
      labelNames: ['status', 'error_kind'],
      registers,
    });
    this.attemptDuration = new Histogram({
      name: 'sender_attempt_duration_seconds',
      help: 'Duration of one callback attempt (connect to response headers and excerpt)',
      labelNames: ['status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5],
      registers,
    });
    this.eventToDelivery = new Histogram({
      name: 'sender_event_to_delivery_seconds',
      help: 'From the event (payload timestamp, else record created_at) to a successful delivery',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'sender_in_flight',
      help: 'Delivery records taken on and not yet handed on',
      registers,
    });
    this.parked = new Gauge({
      name: 'sender_parked',
      help: "Records of crowded endpoints taken and waiting for the consumer's paced intake",
      registers,
    });
    this.retries = new Counter({
      name: 'sender_retries_total',
      help: 'Deliveries sent to a retry topic, by the attempt number they will make',
      labelNames: ['attempt'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'sender_dead_letters_total',
      help: 'Deliveries parked in the dead-letter topic after their last attempt',
      registers,
    });
    this.deferrals = new Counter({
      name: 'sender_deferrals_total',
      help: 'Records put off to a later retry stage without an attempt: their endpoint was crowded',
      registers,
    });
    this.rateLimited = new Counter({
      name: 'sender_rate_limited_total',
      help: "Records held by their webhook's rate limit: waited in memory for their turn, or deferred to a later retry stage without an attempt",
      labelNames: ['outcome'],
      registers,
    });
    this.invalidRecords = new Counter({
      name: 'sender_invalid_records_total',
      help: 'Records that failed validation and were set aside to the dead-letter topic',
      registers,
    });
  }
}
