import type { Message, Producer } from 'kafkajs';
import { EVENT_CATALOG } from './catalog';
import {
  buildDomainEvent,
  type CheckedInput,
  type DomainEvent,
  type DomainEventInput,
} from './domain-event';
import { DomainEventValidator, type DomainEventValidatorOptions } from './domain-event-validator';
import { STREAM_TOPIC, type DomainTopics } from './domain-topics';

/**
 * The helper producers use to publish domain events correctly: validated against the
 * contract before it leaves (size included), on the topic of its stream, keyed by the
 * aggregate id so one aggregate's events stay in order. The producer should be the one
 * createEventProducer makes (idempotent, acks from all in-sync replicas, murmur2 keys).
 */
export class DomainEventPublisher {
  private readonly validator: DomainEventValidator;

  constructor(
    private readonly producer: Producer,
    private readonly topics: DomainTopics,
    options: DomainEventValidatorOptions = {},
  ) {
    this.validator = new DomainEventValidator(options);
  }

  /**
   * Publishes events (one produce request per topic) and returns them as sent, ids filled
   * in. An input with a literal `type` must carry that type's `data` (checked by the
   * compiler); every input is checked by the validator before anything is sent, and one that
   * breaks the contract refuses the whole batch.
   */
  async publish<I extends DomainEventInput>(
    inputs: readonly (I & CheckedInput<I>)[],
  ): Promise<DomainEvent[]> {
    const byTopic = new Map<string, Message[]>();
    const events = inputs.map((input: DomainEventInput) => {
      const { event, topic, message } = this.toMessage(input);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
      return event;
    });
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    return events;
  }

  /** The event with its defaults, its topic and its message; throws, naming what is wrong, when it breaks the contract. */
  private toMessage(input: DomainEventInput): {
    event: DomainEvent;
    topic: string;
    message: Message;
  } {
    const event = buildDomainEvent(input);
    const refuse = (reason: string) => new Error(`refusing to publish ${event.type}: ${reason}`);
    const result = this.validator.validate(event);
    if (!result.ok) throw refuse(result.reason);
    const { stream, aggregateIdOf } = EVENT_CATALOG[event.type];
    if (stream === 'operational') throw refuse('only the platform publishes it');
    const value = JSON.stringify(event);
    const tooLarge = this.validator.sizeProblem(Buffer.byteLength(value));
    if (tooLarge) throw refuse(tooLarge);
    return {
      event,
      topic: this.topics[STREAM_TOPIC[stream]],
      message: {
        key: aggregateIdOf(event.data),
        value,
        headers: { 'event-type': event.type },
      },
    };
  }
}
