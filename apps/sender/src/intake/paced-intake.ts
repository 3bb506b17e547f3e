import type { KafkaMessage } from 'kafkajs';
import type { SenderLimits } from '../flow-control/sender-limits';

/** How a test call's record says so (`JSON.stringify` of a DeliveryRecord), encoded once. */
const TEST_TRIGGER = Buffer.from('"trigger":"test"');

/** A record put aside, with where it came from. */
export interface ParkedRecord {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export interface PacedIntakeOptions {
  /** The consumer's pending bound, how many per pending record are put aside, the turns. */
  limits: Pick<SenderLimits, 'maxPending' | 'parkedPerPending' | 'intakePerTurn' | 'intakeTurnMs'>;
  /** Whether a webhook's endpoint is crowded now (the delivery service would defer). */
  crowded: (webhookId: string) => boolean;
  /** Whether the consumer holds all it may: a turn stops there. */
  full: () => boolean;
  /** Takes a record in through the consumer's usual path. */
  takeIn: (record: ParkedRecord) => void;
  /** Told how many are put aside after every change (the `sender_parked` gauge). */
  onSize: (size: number) => void;
}

/**
 * The paced intake (docs/design.md, "A flooded endpoint"). A record of `webhooks.deliveries`
 * whose endpoint is crowded is put aside unparsed, and such records are taken in a few
 * (`intakePerTurn`) every `intakeTurnMs`, oldest first. Taking one in costs about 0.2 ms of the thread (validation,
 * plan, serialisation and produce of its deferral): a dead endpoint's flood of thousands
 * taken in at once held every other endpoint's callbacks for a second
 * (docs/notes/2026-12-03-paced-intake.md).
 *
 * The consumer counts a record put aside as taken and unfinished, so no commit passes it:
 * a stop leaves it for redelivery.
 */
export class PacedIntake {
  private parked: ParkedRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: PacedIntakeOptions) {}

  /**
   * Puts the record aside if its endpoint is crowded; false when it is to be taken in now
   * (endpoint not crowded or not known yet, a test call, or enough put aside).
   */
  offer(topic: string, partition: number, message: KafkaMessage): boolean {
    const { maxPending, parkedPerPending } = this.options.limits;
    if (this.parked.length >= maxPending * parkedPerPending) return false;
    const webhookId = message.key?.toString();
    if (!webhookId || !this.options.crowded(webhookId)) return false;
    // A test call is never put off: somebody waits for its result. (The same text inside
    // the payload only makes a record taken in at once, as before.)
    if (message.value?.includes(TEST_TRIGGER)) return false;
    this.parked.push({ topic, partition, message: ownCopy(message) });
    this.options.onSize(this.parked.length);
    if (!this.stopped)
      this.timer ??= setTimeout(() => this.turn(), this.options.limits.intakeTurnMs);
    return true;
  }

  /** Drops the records of partitions given up on a rebalance: their new owner reads them. */
  keepOnly(owned: (topic: string, partition: number) => boolean): void {
    this.parked = this.parked.filter(({ topic, partition }) => owned(topic, partition));
    this.options.onSize(this.parked.length);
  }

  /** Takes nothing more in; what is put aside stays unfinished and comes back after a restart. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private turn(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const { intakePerTurn, intakeTurnMs } = this.options.limits;
    for (let taken = 0; taken < intakePerTurn && !this.options.full(); taken += 1) {
      const next = this.parked.shift();
      if (!next) break;
      this.options.takeIn(next);
    }
    this.options.onSize(this.parked.length);
    if (this.parked.length > 0) this.timer = setTimeout(() => this.turn(), intakeTurnMs);
  }
}

/**
 * The message with its own copies of key, value and headers: kafkajs hands out slices of the
 * whole fetch response, which a record put aside would otherwise keep alive (up to 1 MiB).
 */
function ownCopy(message: KafkaMessage): KafkaMessage {
  const own = <T>(value: T): T => (Buffer.isBuffer(value) ? (Buffer.from(value) as T) : value);
  const headers: NonNullable<KafkaMessage['headers']> = {};
  for (const [name, value] of Object.entries(message.headers ?? {}))
    headers[name] = Array.isArray(value) ? value.map(own) : own(value);
  return { ...message, key: own(message.key), value: own(message.value), headers } as KafkaMessage;
}
