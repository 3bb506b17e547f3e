import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import { EVENT_CATALOG } from './catalog';
import type { DomainEvent } from './domain-event';
import { DomainEventValidator } from './domain-event-validator';
import type { EventType } from './event-types';
import { STREAM_TOPIC, type Topics } from './topics';

/** An event to publish; `id` and `occurred_at` are filled in when left out. */
export type DomainEventInput<T extends EventType = EventType> = Omit<
  DomainEvent<T>,
  'id' | 'occurred_at'
> &
  Partial<Pick<DomainEvent<T>, 'id' | 'occurred_at'>>;

/**
 * The helper other services use to publish domain events correctly: validated against the
 * contract before it leaves, on the topic of its stream, keyed by the aggregate id so one
 * aggregate's events stay in order. The producer should be idempotent (acks=all).
 */
export class DomainEventPublisher {
  private readonly validator = new DomainEventValidator();

  constructor(
    private readonly producer: Producer,
    private readonly topics: Pick<
      Topics,
      'domainContacts' | 'domainConversations' | 'domainFormSubmissions'
    >,
  ) {}

  /** Publishes events (one produce request per topic) and returns them as sent. */
  async publish(inputs: DomainEventInput[]): Promise<DomainEvent[]> {
    const byTopic = new Map<string, Message[]>();
    const events = inputs.map((input) => {
      const event = this.toEvent(input);
      const definition = EVENT_CATALOG[event.type];
      const { stream } = definition;
      if (stream === 'operational')
        throw new Error(`refusing to publish ${event.type}: only the platform publishes it`);
      const topic = this.topics[STREAM_TOPIC[stream]];
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: definition.aggregateIdOf(event.data),
        value: JSON.stringify(event),
        headers: { 'event-type': event.type },
      });
      byTopic.set(topic, messages);
      return event;
    });
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    return events;
  }

  /** Fills defaults and refuses an event that breaks the contract, naming what is wrong. */
  private toEvent(input: DomainEventInput): DomainEvent {
    const event: DomainEvent = {
      id: input.id ?? randomUUID(),
      type: input.type,
      organisation_id: input.organisation_id,
      occurred_at: input.occurred_at ?? new Date().toISOString(),
      data: input.data,
    };
    const result = this.validator.validate(event);
    if (!result.ok) throw new Error(`refusing to publish ${event.type}: ${result.reason}`);
    return event;
  }
}
