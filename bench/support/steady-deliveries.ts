import type { DeliveryRecord } from '@app/contracts';
import type { Harness } from '../../apps/sender/test/sender-support';

/**
 * Produces delivery records at `rate` per second for `seconds`, in 50 ms ticks, the webhooks
 * taken in turn; returns every record produced.
 */
export async function produceSteadily(
  harness: Harness,
  webhookIds: readonly string[],
  rate: number,
  seconds: number,
): Promise<DeliveryRecord[]> {
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const ticks = Math.round((seconds * 1000) / tickMs);
  const produced: DeliveryRecord[] = [];
  for (let t = 0; t < ticks; t += 1) {
    const started = Date.now();
    const batch = Array.from({ length: perTick }, (_, i) =>
      harness.record(webhookIds[(produced.length + i) % webhookIds.length]),
    );
    produced.push(...batch);
    await harness.produce(batch);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, tickMs - (Date.now() - started))),
    );
  }
  return produced;
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
