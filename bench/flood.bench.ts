/*
 * A flooded endpoint against the real local broker and store (docs/design.md, "A flooded
 * endpoint"):
 *
 *   npm run bench:flood       (BENCH_FLOOD, BENCH_RATE, BENCH_STEADY_SECONDS to change)
 *   BENCH_TIMEOUT_MS=2000 BENCH_PER_ENDPOINT=10 npm run bench:flood   (the sender's defaults)
 *
 * 20 healthy HTTPS receivers get deliveries in one steady stream: a 2 s lead-in (not
 * measured), a baseline window of BENCH_STEADY_SECONDS, a floor window of the same length
 * at whose start the same burst is produced to a topic the sender does not read (what the
 * burst costs the healthy deliveries on these two cores before the sender sees it), then
 * the flood window, at whose start one webhook whose receiver never answers gets a burst
 * of BENCH_FLOOD records. Figures: the healthy p99 of the three windows, and whether every
 * flooded delivery ends in the dead-letter topic with its four attempts. Last, the same
 * flood with the per-endpoint share switched off (SENDER_ENDPOINT_BACKLOG=100000), the
 * behaviour before it existed.
 * The never-answering receiver accepts TCP connections and never says a word; the sender
 * runs with a 100 ms timeout and 50 connections per endpoint so the flood's 4 × BENCH_FLOOD
 * attempts end within minutes. That also makes the dead endpoint cost a hundred times the
 * CPU it costs with the defaults (a new connection per timed-out attempt: 500 a second
 * instead of 5). BENCH_TIMEOUT_MS and BENCH_PER_ENDPOINT set both; with other values than
 * these two the run measures the three windows only (the flood would take hours to
 * dead-letter) and writes docs/benchmarks/flood-timeout-<ms>.md.
 */
import 'reflect-metadata';
import { createServer, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import {
  deliveryMessage,
  type AttemptOutcome,
  type DeadLetterRecord,
  type DeliveryRecord,
} from '@app/contracts';
import { Harness, selfSignedCert, type SenderUnderTest } from '../apps/sender/test/sender-support';
import { waitFor } from '../test/support/wait-for';
import { withLocalServices } from '../test/support/local-services';
import { TEST_BROKERS } from '../test/support/test-env';
import { ProducerThread } from './support/producer-thread';
import { Receivers } from './support/receivers';
import { writeResults } from './support/results';
import { fmt, printTable, summarise } from './support/stats';
import { firstReceiptLatencies, produceSteadily } from './support/steady-deliveries';

const HEALTHY = 20;
const FLOOD = Number(process.env.BENCH_FLOOD ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 400);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 10);
/** Steady load before the baseline window, not measured: the sender going from idle to busy. */
const LEAD_IN_SECONDS = 2;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 100);
const PER_ENDPOINT = Number(process.env.BENCH_PER_ENDPOINT ?? 50);
/** Whether the flood is waited for to the dead-letter topic, and the run without the share made. */
const FULL_RUN = TIMEOUT_MS === 100 && PER_ENDPOINT === 50;
const SETTINGS = {
  SENDER_MAX_IN_FLIGHT: '200',
  SENDER_MAX_PER_ENDPOINT: String(PER_ENDPOINT),
  WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
  WEBHOOK_RETRY_DELAYS: '10s,30s,1m',
  LOG_LEVEL: 'silent',
  // The last run's sender continues this group's offsets instead of replaying the topics.
  SENDER_CONSUMER_GROUP: `bench-flood-${process.pid}-${Date.now()}`,
};

interface Row {
  run: string;
  healthy: number;
  p50: number;
  p99: number;
  max: number;
  /** This process's event-loop delay over the window (sender, receivers and producer share it). */
  loop?: { p99: number; max: number };
  flooded: string;
}
const rows: Row[] = [];
const notes: string[] = [];

/** A receiver that accepts connections and never answers (not even the TLS handshake). */
async function blackHole(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Read and drop what comes (a ClientHello), so the sender's close is seen and this side
    // closes too: unread, every timed-out connection stayed open here (CLOSE-WAIT) until the
    // process ran out of file descriptors.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/never`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The delay histogram's p99 and max in ms since the last call, which resets it. */
function loopDelay(histogram: ReturnType<typeof monitorEventLoopDelay>): {
  p99: number;
  max: number;
} {
  const figures = { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
  histogram.reset();
  return figures;
}

/** Waits until `produced` have all arrived (or 600 s passed) and adds their row. */
async function measureHealthy(
  receivers: Receivers,
  produced: readonly DeliveryRecord[],
  run: string,
  flooded: () => string,
): Promise<void> {
  const ids = new Set(produced.map((r) => r.delivery_id));
  const arrived = () => [...ids].every((id) => receivers.distinctIds.has(id));
  try {
    await waitFor(`${run}: healthy deliveries`, arrived, 600_000, 100);
  } catch {
    // Starved (the run without the share): the row says how many came in ten minutes.
    const came = [...ids].filter((id) => receivers.distinctIds.has(id)).length;
    rows.push({ run, healthy: came, p50: NaN, p99: NaN, max: NaN, flooded: flooded() });
    console.log(`${run}: ${came} of ${ids.size} healthy deliveries within 600 s`);
    return;
  }
  const latency = summarise(firstReceiptLatencies(receivers.receipts, ids));
  rows.push({ run, healthy: ids.size, ...latency, flooded: flooded() });
  console.log(`${run}: healthy p50 ${fmt(latency.p50)} ms, p99 ${fmt(latency.p99)} ms`);
}

async function main(): Promise<void> {
  const tls = selfSignedCert();
  const receivers = await new Receivers({ count: HEALTHY, tls }).start();
  const hole = await blackHole();
  const harness = await new Harness().start();
  await harness.collect('deadLetter', 'attempts');
  let sender: SenderUnderTest | undefined;
  let floodProducer: ProducerThread | undefined;
  try {
    const hooks = await Promise.all(
      Array.from({ length: HEALTHY }, (_, i) =>
        harness.addWebhook({ url: receivers.url(i, '/h') }),
      ),
    );
    const ids = hooks.map((h) => h.id);
    const dead = await harness.addWebhook({ url: hole.url });
    sender = await harness.startSender(harness.config(SETTINGS), { ca: [tls.cert] });
    const registry = sender.registry;
    const warm = ids.map((id) => harness.record(id));
    await harness.produce(warm);
    await waitFor('warm-up', () => warm.every((r) => receivers.distinctIds.has(r.delivery_id)));

    // One steady stream of healthy deliveries: a lead-in that is not measured (the sender
    // going from idle to busy), the baseline window, the floor window, then the flood window,
    // during which the burst arrives. The measured windows see the same sender in the same
    // steady state.
    // The flood is built and serialized before the stream, and produced from a thread of its
    // own: in production it comes from another process (the matcher), so its production must
    // not be measured as the sender's stall.
    const flood = Array.from({ length: FLOOD }, () => harness.record(dead.id));
    const floodIds = new Set(flood.map((r) => r.delivery_id));
    const floodMessages = flood.map(deliveryMessage);
    floodProducer = await ProducerThread.start(TEST_BROKERS);
    await produceSteadily(harness, ids, RATE, LEAD_IN_SECONDS);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const baseline = await produceSteadily(harness, ids, RATE, STEADY_SECONDS);
    const loops = [loopDelay(loop)];
    // The machine's floor: the same burst produced to a topic the sender does not read. What
    // this window loses against the baseline is the burst's production and the broker's work
    // on the same two cores, which no sender can avoid.
    const [, beside] = await Promise.all([
      floodProducer.send(harness.topics.operationalEvents, floodMessages),
      produceSteadily(harness, ids, RATE, STEADY_SECONDS),
    ]);
    loops.push(loopDelay(loop));
    const floodStart = Date.now();
    const [, duringFlood] = await Promise.all([
      floodProducer.send(harness.topics.deliveries, floodMessages),
      produceSteadily(harness, ids, RATE, STEADY_SECONDS),
    ]);
    loops.push(loopDelay(loop));
    loop.disable();
    const deadLettered = () =>
      harness.output<DeadLetterRecord>('deadLetter').filter((r) => floodIds.has(r.delivery_id));
    await measureHealthy(receivers, baseline, 'healthy only (baseline)', () => '-');
    await measureHealthy(
      receivers,
      beside,
      `healthy + ${FLOOD} records to a topic the sender does not read (floor)`,
      () => '-',
    );
    await measureHealthy(
      receivers,
      duringFlood,
      `healthy + ${FLOOD} records to a dead endpoint`,
      () => `${new Set(deadLettered().map((r) => r.delivery_id)).size} dead-lettered so far`,
    );
    loops.forEach((delay, i) => (rows[i].loop = delay));
    notes.push(
      `flood window p99 ${fmt(rows[2].p99 / rows[0].p99, 2)} × the baseline's, ` +
        `${fmt(rows[2].p99 / rows[1].p99, 2)} × the floor window's; floor window ` +
        `${fmt(rows[1].p99 / rows[0].p99, 2)} × the baseline's`,
    );
    if (!FULL_RUN) {
      notes.push(
        `flood: not waited for to the dead-letter topic (${FLOOD} × 4 attempts at ${PER_ENDPOINT} ` +
          `connections and ${TIMEOUT_MS} ms would take about ` +
          `${fmt((4 * FLOOD * TIMEOUT_MS) / PER_ENDPOINT / 60_000)} min); no run without the share`,
      );
      return;
    }
    let shownAt = Date.now();
    await waitFor(
      'every flooded delivery dead-lettered',
      () => {
        const done = new Set(deadLettered().map((r) => r.delivery_id)).size;
        if (Date.now() - shownAt >= 15_000) {
          shownAt = Date.now();
          const seconds = fmt((shownAt - floodStart) / 1000);
          console.log(`flood: ${done} of ${FLOOD} dead-lettered after ${seconds} s`);
        }
        return done >= FLOOD;
      },
      1_800_000,
      500,
    );
    const drainSeconds = (Date.now() - floodStart) / 1000;
    const attempts = new Map<string, Set<number>>();
    for (const o of harness.output<AttemptOutcome>('attempts'))
      if (floodIds.has(o.delivery_id))
        attempts.set(o.delivery_id, (attempts.get(o.delivery_id) ?? new Set()).add(o.attempt));
    const fourEach = [...attempts.values()].filter(
      (a) => a.size === 4 && [1, 2, 3, 4].every((n) => a.has(n)),
    ).length;
    const histories = deadLettered().filter((r) => r.history.length === 4).length;
    const deferrals = (await registry.getSingleMetric('sender_deferrals_total')!.get()).values[0]
      ?.value;
    rows[rows.length - 1].flooded =
      `${new Set(deadLettered().map((r) => r.delivery_id)).size} of ${FLOOD} dead-lettered after ` +
      `${fmt(drainSeconds)} s; ${fourEach} with attempts 1-4 and no other; ${fmt(deferrals)} deferrals`;
    notes.push(
      `flood: ${histories} dead-letter records carry 4 attempts in their history; ` +
        `${fourEach} of ${FLOOD} deliveries had exactly attempts 1, 2, 3 and 4 on webhooks.attempts`,
    );
    await sender.stop();

    // The same flood without the per-endpoint share: how it was before.
    sender = await harness.startSender(
      harness.config({ ...SETTINGS, SENDER_ENDPOINT_BACKLOG: '100000' }),
      { ca: [tls.cert] },
    );
    await floodProducer.send(
      harness.topics.deliveries,
      Array.from({ length: FLOOD }, () => deliveryMessage(harness.record(dead.id))),
    );
    await measureHealthy(
      receivers,
      await produceSteadily(harness, ids, RATE, STEADY_SECONDS),
      'same flood, no per-endpoint share',
      () => '-',
    );
  } finally {
    printResults();
    await floodProducer?.stop();
    await harness.stop();
    await Promise.all([receivers.stop(), hole.close()]);
  }
}

function printResults(): void {
  const base = rows[0]?.p99 ?? Number.NaN;
  const table = rows.map((r) => ({
    run: r.run,
    'healthy deliveries': String(r.healthy),
    'p50 ms': fmt(r.p50),
    'p99 ms': fmt(r.p99),
    'max ms': fmt(r.max),
    'p99 vs baseline': fmt(r.p99 / base, 2),
    'event-loop delay p99 / max ms': r.loop ? `${fmt(r.loop.p99)} / ${fmt(r.loop.max)}` : '-',
    'flooded webhook': r.flooded,
  }));
  console.log(`\nflood benchmark, node ${process.version}`);
  printTable(table);
  const settings = Object.entries(SETTINGS)
    .filter(([name]) => name.startsWith('SENDER_MAX') || name.startsWith('WEBHOOK_'))
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const all = [
    `${HEALTHY} healthy webhooks at ${RATE} deliveries/s in one stream: ${LEAD_IN_SECONDS} s lead-in (not measured), ${STEADY_SECONDS} s baseline window, ${STEADY_SECONDS} s floor window (the burst produced to a topic the sender does not read), ${STEADY_SECONDS} s window from the flood's start; ${FULL_RUN ? `the run without the share is a separate ${STEADY_SECONDS} s stream; ` : ''}${settings}; SENDER_ENDPOINT_BACKLOG=100 unless stated`,
    ...notes,
    'healthy deliveries are counted by distinct webhook-id; latency = receipt - event timestamp',
    'event-loop delay: of this process over each window (the sender, the healthy receivers and the steady producer share one loop)',
  ];
  for (const note of all) console.log(note);
  const name = FULL_RUN ? 'flood' : `flood-timeout-${TIMEOUT_MS}`;
  const command = FULL_RUN
    ? 'npm run bench:flood'
    : `BENCH_TIMEOUT_MS=${TIMEOUT_MS} BENCH_PER_ENDPOINT=${PER_ENDPOINT} npm run bench:flood`;
  writeResults(name, command, [
    { title: 'Healthy webhooks while one endpoint is flooded', rows: table, notes: all },
  ]);
}

withLocalServices(main).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
