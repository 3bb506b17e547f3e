import { randomUUID } from 'node:crypto';
import {
  EVENT_CATALOG,
  type DomainEvent,
  type DomainEventInput,
  type DomainEventPublisher,
} from '@app/contracts';
import { sleep } from '../support/wait-for';
import { LOAD_EVENT_TYPES } from './drill-topology';

const TICK_MS = 100;

/**
 * The n-th event: every organisation gets every load type in turn. The id is fixed here so
 * that a retried batch resends the same events.
 */
function nextEvent(organisations: readonly string[], n: number): DomainEventInput {
  const organisationId = organisations[n % organisations.length];
  const type = LOAD_EVENT_TYPES[Math.floor(n / organisations.length) % LOAD_EVENT_TYPES.length];
  const example = EVENT_CATALOG[type].example;
  // Contacts are keyed by their id: fresh ids spread them over the topic's partitions.
  const data = type === 'contact.created' ? { ...example, id: randomUUID() } : example;
  return {
    id: randomUUID(),
    occurred_at: new Date().toISOString(),
    type,
    organisation_id: organisationId,
    data,
  };
}

/**
 * Publishes events at a steady rate, round-robin over the organisations, in small batches
 * every 100 ms. A batch that fails (broker away) is sent again with the same ids until it
 * goes through, and only then reported: an event counts as published once Kafka took it.
 * When sending falls behind, the lost ticks are skipped rather than burst afterwards.
 */
export class SteadyLoad {
  failedSends = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private sequence = 0;

  constructor(
    private readonly publisher: DomainEventPublisher,
    private readonly organisations: readonly string[],
    private readonly eventsPerSecond: number,
    private readonly onPublished: (events: DomainEvent[]) => void,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    const perTick = Math.max(1, Math.round((this.eventsPerSecond * TICK_MS) / 1000));
    let next = Date.now();
    while (this.running) {
      const batch = Array.from({ length: perTick }, () =>
        nextEvent(this.organisations, this.sequence++),
      );
      this.onPublished(await this.publishUntilTaken(batch));
      next += TICK_MS;
      const wait = next - Date.now();
      if (wait > 0) await sleep(wait);
      else next = Date.now();
    }
  }

  private async publishUntilTaken(batch: DomainEventInput[]): Promise<DomainEvent[]> {
    for (;;) {
      try {
        return await this.publisher.publish(batch);
      } catch {
        this.failedSends += 1;
        await sleep(500);
      }
    }
  }
}
