import { deliveryMessage, type DeliveryRecord } from '@app/contracts';
import type { Harness } from '../../apps/sender/test/sender-support';
import type { ProducerThread, SteadyStream } from './producer-thread';

/** Stands for the send time in a steady record until the producer thread sends it. */
const SEND_TIME = '2000-01-01T00:00:00.000Z';

/**
 * The records of a steady stream at `rate` per second for `seconds`, in 50 ms ticks, the
 * webhooks taken in turn, built ahead of time so that building them does not take the
 * sender's thread while it is measured. Each record's `created_at` and event timestamp are
 * a stand-in that the producer thread replaces with the time its tick is sent.
 */
export function steadyStream(
  harness: Harness,
  webhookIds: readonly string[],
  rate: number,
  seconds: number,
): { records: DeliveryRecord[]; stream: SteadyStream } {
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const count = perTick * Math.round((seconds * 1000) / tickMs);
  const records = Array.from({ length: count }, (_, i) => {
    const record = harness.record(webhookIds[i % webhookIds.length], { created_at: SEND_TIME });
    record.payload.timestamp = SEND_TIME;
    return record;
  });
  const stream = {
    topic: harness.topics.deliveries,
    messages: records.map(deliveryMessage),
    perTick,
    tickMs,
    stamp: SEND_TIME,
  };
  return { records, stream };
}

/**
 * Produces a steady stream (steadyStream) from the producer thread: in production the
 * matcher produces it in another process, so its production must not take the sender's
 * thread, and a sender stall must not delay it either. Returns every record produced (ids
 * and webhooks; their times are the stand-in).
 */
export async function produceSteadily(
  producer: ProducerThread,
  harness: Harness,
  webhookIds: readonly string[],
  rate: number,
  seconds: number,
): Promise<DeliveryRecord[]> {
  return sendSteadily(producer, steadyStream(harness, webhookIds, rate, seconds));
}

/** Sends a steady stream built ahead (steadyStream); returns its records once all are sent. */
export async function sendSteadily(
  producer: ProducerThread,
  { records, stream }: ReturnType<typeof steadyStream>,
): Promise<DeliveryRecord[]> {
  await producer.sendSteadily(stream);
  return records;
}

/** Latency (receipt - event timestamp) of the first receipt of each of `ids`. */
export function firstReceiptLatencies(
  receipts: ReadonlyArray<{ id: string; at: number; eventAt: number }>,
  ids: ReadonlySet<string>,
): number[] {
  const first = new Map<string, number>();
  for (const r of receipts)
    if (ids.has(r.id) && !first.has(r.id)) first.set(r.id, r.at - r.eventAt);
  return [...first.values()];
}
