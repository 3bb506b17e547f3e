/*
 * A flooded endpoint against the real local broker and store (docs/design.md, "A flooded
 * endpoint"):
 *
 *   npm run bench:flood       (BENCH_FLOOD, BENCH_RATE, BENCH_STEADY_SECONDS, BENCH_ROUNDS to change)
 *   BENCH_TIMEOUT_MS=2000 BENCH_PER_ENDPOINT=10 npm run bench:flood   (the sender's defaults)
 *
 * 20 healthy HTTPS receivers get deliveries in one steady stream: a 2 s lead-in (not
 * measured), a baseline window of BENCH_STEADY_SECONDS, a floor window of the same length
 * at whose start the same burst is produced to a topic the sender does not read (what the
 * burst costs the healthy deliveries on these two cores before the sender sees it), then
 * the flood window, at whose start one webhook whose receiver never answers gets a burst
 * of BENCH_FLOOD records, then a window while the flood comes back from the first retry
 * topic. The four windows run in BENCH_ROUNDS rounds (3; 1 in a full run),
 * each on fresh topics. Figures: the healthy p99 of each window, and whether every
 * flooded delivery ends in the dead-letter topic with its four attempts. Last, the same
 * flood with the per-endpoint share switched off (SENDER_ENDPOINT_BACKLOG=100000), the
 * behaviour before it existed.
 * The never-answering receiver accepts TCP connections and never says a word; the sender
 * runs with a 100 ms timeout and 50 connections per endpoint so the flood's 4 × BENCH_FLOOD
 * attempts end within minutes. That also makes the dead endpoint cost a hundred times the
 * CPU it costs with the defaults (a new connection per timed-out attempt: 500 a second
 * instead of 5). BENCH_TIMEOUT_MS and BENCH_PER_ENDPOINT set both; with other values than
 * these two the run measures the windows only (the flood would take an hour to
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
import {
  firstReceiptLatencies,
  produceSteadily,
  sendSteadily,
  steadyStream,
} from './support/steady-deliveries';

const HEALTHY = 20;
const FLOOD = Number(process.env.BENCH_FLOOD ?? 5000);
const RATE = Number(process.env.BENCH_RATE ?? 400);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 10);
/** Steady load before the baseline window, not measured: the sender going from idle to busy. */
const LEAD_IN_SECONDS = 2;
/**
 * The window after the flood window: the flood's deferrals come due then (the first retry
 * delay, 10 s, plus the pacer's extra wait of up to that delay again), are taken from the
 * retry topic and deferred once more.
 */
const COMEBACK_SECONDS = 20;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 100);
const PER_ENDPOINT = Number(process.env.BENCH_PER_ENDPOINT ?? 50);
/** Whether the flood is waited for to the dead-letter topic, and the run without the share made. */
const FULL_RUN = TIMEOUT_MS === 100 && PER_ENDPOINT === 50;
/**
 * Rounds of the four windows. One 10 s window's p99 moved by more than 2 times between
 * windows of the same load on this machine; several rounds pooled say more. A full run
 * makes one (its flood takes minutes to dead-letter).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (FULL_RUN ? 1 : 3));
const SETTINGS = {
  SENDER_MAX_IN_FLIGHT: '200',
  SENDER_MAX_PER_ENDPOINT: String(PER_ENDPOINT),
  WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
  WEBHOOK_RETRY_DELAYS: '10s,30s,1m',
  LOG_LEVEL: 'silent',
  // The last run's sender continues this group's offsets instead of replaying the topics.
  SENDER_CONSUMER_GROUP: `bench-flood-${process.pid}-${Date.now()}`,
};

/** The four windows of a round, in the order they run. */
const WINDOWS = [
  { kind: 'baseline', run: 'healthy only (baseline)' },
  {
    kind: 'floor',
    run: `healthy + ${FLOOD} records to a topic the sender does not read (floor)`,
  },
  { kind: 'flood', run: `healthy + ${FLOOD} records to a dead endpoint` },
  {
    kind: 'comeback',
    run: `healthy while the flood comes back from the first retry topic`,
  },
] as const;
type WindowKind = (typeof WINDOWS)[number]['kind'];

/** One window of one round: the healthy deliveries' latencies and what the sender did. */
interface Measured {
  latencies: number[];
  /** The event-loop delay of the sender's thread. */
  loop: { p99: number; max: number };
  /** TLS handshakes the healthy receivers completed: connections the sender opened. */
  handshakes: number;
  /** CPU seconds of this process over the window, all threads (sender, receivers, producers). */
  cpuSeconds: number;
}

interface Row {
  run: string;
  healthy: number;
  p50: number;
  p99: number;
  max: number;
  /** The window's p99 in each round. */
  perRound: number[];
  /** The event-loop delay of the sender's thread, worst round. */
  loop?: { p99: number; max: number };
  /** Connections the sender opened to the healthy receivers, per round. */
  handshakes?: number[];
  /** CPU seconds of the benchmark process, per round. */
  cpuSeconds?: number[];
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

/** Waits until `produced` have all arrived (or `timeoutMs` passed); their latencies, or null. */
async function healthyLatencies(
  receivers: Receivers,
  produced: readonly DeliveryRecord[],
  label: string,
  timeoutMs = 120_000,
): Promise<number[] | null> {
  const ids = new Set(produced.map((r) => r.delivery_id));
  const arrived = () => [...ids].every((id) => receivers.distinctIds.has(id));
  try {
    await waitFor(`${label}: healthy deliveries`, arrived, timeoutMs, 100);
  } catch {
    const came = [...ids].filter((id) => receivers.distinctIds.has(id)).length;
    console.log(`${label}: ${came} of ${ids.size} healthy deliveries within ${timeoutMs / 1000} s`);
    return null;
  }
  return firstReceiptLatencies(receivers.receipts, ids);
}

/** Everything a round needs that outlives it. */
interface Bench {
  tls: ReturnType<typeof selfSignedCert>;
  receivers: Receivers;
  hole: { url: string };
}

/** A round's producer threads. */
interface Producers {
  floodProducer: ProducerThread;
  steadyProducer: ProducerThread;
}

/**
 * One round on topics, a store and a sender of its own (the topics deleted after it), so
 * no earlier round's flood comes back from a retry topic into this one's windows: the
 * warm-up, the lead-in, then the baseline, floor, flood and comeback windows. In a full run, also
 * waits for the flood to be dead-lettered and runs the same flood without the share.
 */
async function round(bench: Bench, index: number): Promise<Record<WindowKind, Measured>> {
  const { receivers } = bench;
  const harness = await new Harness().start();
  // Producers of this round only: a kafkajs client that produced to a topic since deleted
  // fails every later send ("does not host this topic-partition", kafkajs issue 1146).
  const [floodProducer, steadyProducer] = await Promise.all([
    ProducerThread.start(TEST_BROKERS),
    ProducerThread.start(TEST_BROKERS),
  ]);
  const producers: Producers = { floodProducer, steadyProducer };
  try {
    const ids = (
      await Promise.all(
        Array.from({ length: HEALTHY }, (_, i) =>
          harness.addWebhook({ url: receivers.url(i, '/h') }),
        ),
      )
    ).map((h) => h.id);
    const dead = await harness.addWebhook({ url: bench.hole.url });
    const sender = await harness.startSender(harness.config(SETTINGS), { ca: [bench.tls.cert] });
    const warm = ids.map((id) => harness.record(id));
    await harness.produce(warm);
    await waitFor('warm-up', () => warm.every((r) => receivers.distinctIds.has(r.delivery_id)));

    // One steady stream of healthy deliveries: a lead-in that is not measured (the sender
    // going from idle to busy), then the windows. The flood is built and serialized before
    // the stream. It and the stream are produced from threads of their own: in production
    // they come from another process (the matcher), so their production must not be measured
    // as the sender's stall, and a sender stall must not hold their production back. Nothing
    // else runs on the sender's thread during the windows: outputs are collected after.
    const flood = Array.from({ length: FLOOD }, () => harness.record(dead.id));
    const floodMessages = flood.map(deliveryMessage);
    const [leadIn, ...windows] = [
      LEAD_IN_SECONDS,
      ...WINDOWS.map(({ kind }) => (kind === 'comeback' ? COMEBACK_SECONDS : STEADY_SECONDS)),
    ].map((seconds) => steadyStream(harness, ids, RATE, seconds));
    const steadily = (built: (typeof windows)[number]) => sendSteadily(steadyProducer, built);
    await steadily(leadIn);
    // What the sender's thread and the process did in each window, taken as the window ends.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let handshakesSeen = receivers.handshakes;
    let cpuSeen = process.cpuUsage();
    const windowEnds: Array<Omit<Measured, 'latencies'>> = [];
    const endWindow = () => {
      const used = process.cpuUsage(cpuSeen);
      cpuSeen = process.cpuUsage();
      windowEnds.push({
        loop: loopDelay(loop),
        handshakes: receivers.handshakes - handshakesSeen,
        cpuSeconds: (used.user + used.system) / 1e6,
      });
      handshakesSeen = receivers.handshakes;
    };
    const baseline = await steadily(windows[0]);
    endWindow();
    // The machine's floor: the same burst produced to a topic the sender does not read. What
    // this window loses against the baseline is the burst's production and the broker's work
    // on the same two cores, which no sender can avoid.
    const [, beside] = await Promise.all([
      floodProducer.send(harness.topics.operationalEvents, floodMessages),
      steadily(windows[1]),
    ]);
    endWindow();
    const floodStart = Date.now();
    const [, duringFlood] = await Promise.all([
      floodProducer.send(harness.topics.deliveries, floodMessages),
      steadily(windows[2]),
    ]);
    endWindow();
    const comeback = await steadily(windows[3]);
    endWindow();
    loop.disable();
    const measured = {} as Record<WindowKind, Measured>;
    for (const [i, produced] of [baseline, beside, duringFlood, comeback].entries()) {
      const { kind, run } = WINDOWS[i];
      const latencies = await healthyLatencies(receivers, produced, `round ${index + 1}, ${run}`);
      if (!latencies) throw new Error(`round ${index + 1}: ${run}: healthy deliveries missing`);
      measured[kind] = { latencies, ...windowEnds[i] };
      console.log(`round ${index + 1}, ${run}: healthy p99 ${fmt(summarise(latencies).p99)} ms`);
    }
    if (FULL_RUN)
      await drainFlood(bench, producers, harness, sender, ids, dead.id, flood, floodStart);
    return measured;
  } finally {
    await Promise.all([floodProducer.stop(), steadyProducer.stop()]);
    await harness.stop({ deleteTopics: true });
  }
}

/**
 * The full run's checks: every flooded delivery dead-lettered with attempts 1 to 4, then the
 * same flood without the per-endpoint share, the behaviour before it existed.
 */
async function drainFlood(
  bench: Bench,
  { floodProducer, steadyProducer }: Producers,
  harness: Harness,
  sender: SenderUnderTest,
  ids: string[],
  deadId: string,
  flood: readonly DeliveryRecord[],
  floodStart: number,
): Promise<void> {
  await harness.collect('deadLetter', 'attempts');
  const floodIds = new Set(flood.map((r) => r.delivery_id));
  const deadLettered = () => harness.deliveryIdsOn('deadLetter', floodIds);
  let shownAt = Date.now();
  await waitFor(
    'every flooded delivery dead-lettered',
    () => {
      const done = deadLettered().size;
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
  const histories = harness
    .output<DeadLetterRecord>('deadLetter')
    .filter((r) => floodIds.has(r.delivery_id) && r.history.length === 4).length;
  const deferrals = (await sender.registry.getSingleMetric('sender_deferrals_total')!.get())
    .values[0]?.value;
  floodNote =
    `${deadLettered().size} of ${FLOOD} dead-lettered after ${fmt(drainSeconds)} s; ` +
    `${fourEach} with attempts 1-4 and no other; ${fmt(deferrals)} deferrals`;
  notes.push(
    `flood: ${histories} dead-letter records carry 4 attempts in their history; ` +
      `${fourEach} of ${FLOOD} deliveries had exactly attempts 1, 2, 3 and 4 on webhooks.attempts`,
  );
  await sender.stop();

  // The same flood without the per-endpoint share: how it was before.
  await harness.startSender(harness.config({ ...SETTINGS, SENDER_ENDPOINT_BACKLOG: '100000' }), {
    ca: [bench.tls.cert],
  });
  await floodProducer.send(
    harness.topics.deliveries,
    Array.from({ length: FLOOD }, () => deliveryMessage(harness.record(deadId))),
  );
  const run = 'same flood, no per-endpoint share';
  const produced = await produceSteadily(steadyProducer, harness, ids, RATE, STEADY_SECONDS);
  const latencies = await healthyLatencies(bench.receivers, produced, run, 600_000);
  if (latencies)
    rows.push({
      run,
      healthy: latencies.length,
      ...summarise(latencies),
      perRound: [],
      flooded: '-',
    });
  else {
    // Starved: the row says how many came in ten minutes.
    const came = produced.filter((r) => bench.receivers.distinctIds.has(r.delivery_id)).length;
    rows.push({ run, healthy: came, p50: NaN, p99: NaN, max: NaN, perRound: [], flooded: '-' });
  }
}

/** What the full run found about the flood itself (the flood row's last cell). */
let floodNote = '';

async function main(): Promise<void> {
  const tls = selfSignedCert();
  const receivers = await new Receivers({ count: HEALTHY, tls }).start();
  const hole = await blackHole();
  const bench: Bench = { tls, receivers, hole };
  const rounds: Array<Record<WindowKind, Measured>> = [];
  try {
    for (let i = 0; i < ROUNDS; i += 1) rounds.push(await round(bench, i));
  } finally {
    addRows(rounds);
    printResults(rounds.length);
    await Promise.all([receivers.stop(), hole.close()]);
  }
}

/** One row per window kind, over every round (the no-share row is added by drainFlood). */
function addRows(rounds: ReadonlyArray<Record<WindowKind, Measured>>): void {
  if (rounds.length === 0) return;
  const windowRows = WINDOWS.map(({ kind, run }) => {
    const all = rounds.flatMap((r) => r[kind].latencies);
    const worst = rounds.map((r) => r[kind].loop).sort((a, b) => b.max - a.max)[0];
    return {
      run,
      healthy: all.length,
      ...summarise(all),
      perRound: rounds.map((r) => summarise(r[kind].latencies).p99),
      loop: worst,
      handshakes: rounds.map((r) => r[kind].handshakes),
      cpuSeconds: rounds.map((r) => r[kind].cpuSeconds),
      flooded: kind === 'flood' ? floodNote || 'not waited for (see notes)' : '-',
    };
  });
  rows.unshift(...windowRows);
  const [baseline, floor, flood, comeback] = windowRows;
  notes.push(
    `over all rounds: flood window p99 ${fmt(flood.p99 / baseline.p99, 2)} × the baseline's, ` +
      `${fmt(flood.p99 / floor.p99, 2)} × the floor window's; floor window ` +
      `${fmt(floor.p99 / baseline.p99, 2)} × the baseline's; comeback window ` +
      `${fmt(comeback.p99 / baseline.p99, 2)} × the baseline's`,
    `per round, p99 of one window / another's: ` +
      [
        perRound(rounds, 'flood', 'baseline'),
        perRound(rounds, 'flood', 'floor'),
        perRound(rounds, 'comeback', 'baseline'),
      ].join('; '),
  );
  if (!FULL_RUN)
    notes.push(
      `flood: not waited for to the dead-letter topic (${FLOOD} × 4 attempts at ${PER_ENDPOINT} ` +
        `connections and ${TIMEOUT_MS} ms would take about ` +
        `${fmt((4 * FLOOD * TIMEOUT_MS) / PER_ENDPOINT / 60_000)} min); no run without the share`,
    );
}

/** One window's p99 over another's in each round, and their median: "flood / baseline 1.2, …". */
function perRound(
  rounds: ReadonlyArray<Record<WindowKind, Measured>>,
  of: WindowKind,
  to: WindowKind,
): string {
  const ratios = rounds.map((r) => summarise(r[of].latencies).p99 / summarise(r[to].latencies).p99);
  const median = summarise(ratios).p50;
  return `${of} / ${to} ${ratios.map((x) => fmt(x, 2)).join(', ')} (median ${fmt(median, 2)})`;
}

function printResults(roundCount: number): void {
  const base = rows[0]?.p99 ?? Number.NaN;
  const table = rows.map((r) => ({
    run: r.run,
    'healthy deliveries': String(r.healthy),
    'p50 ms': fmt(r.p50),
    'p99 ms': fmt(r.p99),
    'max ms': fmt(r.max),
    'p99 per round ms': r.perRound.map((p99) => fmt(p99)).join(' / ') || '-',
    'p99 vs baseline': fmt(r.p99 / base, 2),
    'event-loop delay p99 / max ms': r.loop ? `${fmt(r.loop.p99)} / ${fmt(r.loop.max)}` : '-',
    'new connections per round': r.handshakes?.join(' / ') ?? '-',
    'process CPU s per round': r.cpuSeconds?.map((s) => fmt(s, 1)).join(' / ') ?? '-',
    'flooded webhook': r.flooded,
  }));
  console.log(`\nflood benchmark, node ${process.version}`);
  printTable(table);
  const settings = Object.entries(SETTINGS)
    .filter(([name]) => name.startsWith('SENDER_MAX') || name.startsWith('WEBHOOK_'))
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const all = [
    `${roundCount} round(s), each on topics, a store and a sender of its own: ${HEALTHY} healthy webhooks at ${RATE} deliveries/s in one stream: ${LEAD_IN_SECONDS} s lead-in (not measured), ${STEADY_SECONDS} s baseline window, ${STEADY_SECONDS} s floor window (the burst produced to a topic the sender does not read), ${STEADY_SECONDS} s window from the flood's start, ${COMEBACK_SECONDS} s window after it (the flood's first deferrals come due, WEBHOOK_RETRY_DELAYS' first delay plus the pacer's extra wait); percentiles over all rounds' deliveries of a window; ${FULL_RUN ? `the run without the share is a separate ${STEADY_SECONDS} s stream; ` : ''}${settings}; SENDER_ENDPOINT_BACKLOG=100 unless stated`,
    ...notes,
    'healthy deliveries are counted by distinct webhook-id; latency = receipt - event timestamp',
    'event-loop delay: of the thread the sender runs on, over each window, the round with the longest stall (receivers and producers run on threads of their own)',
    'new connections: TLS handshakes the healthy receivers completed in the window (the sender opens one when all its connections to an origin are busy)',
    'process CPU: of the benchmark process over the window, all its threads (the sender, the receivers, the producers)',
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
