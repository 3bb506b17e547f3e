/*
 * Sender benchmark against the real local broker and FerretDB, with local HTTPS receivers.
 *
 *   npm run bench:sender            (BENCH_WEBHOOKS, BENCH_BURST, BENCH_STEADY_SECONDS to change)
 *
 * 1. raw undici: POSTs straight to the receiver with the sender's limits (same pool per
 *    origin, same global concurrency): the ceiling for this machine.
 * 2. burst: BENCH_BURST deliveries produced at once for BENCH_WEBHOOKS webhooks; throughput
 *    from first produce to last receipt (Kafka in, signed HTTPS out, outcome produced).
 *    1 and 2 alternate for BENCH_ROUNDS rounds (3) and the fastest round of each is the row:
 *    on a shared machine one round of a few seconds moves by half its rate.
 * 3. steady: deliveries produced at half the burst rate; event-to-receipt latency.
 * 4. steady with one extra webhook whose receiver never answers within the timeout: the
 *    healthy receivers' latency.
 * The sender and the raw client run on the main thread, the receivers and the burst's
 * producer on worker threads of the same process; peak RSS is the whole process's.
 */
import 'reflect-metadata';
import type { Registry } from 'prom-client';
import { Harness, selfSignedCert } from '../apps/sender/test/sender-support';
import { waitFor } from '../test/support/wait-for';
import { deliveryMessage } from '@app/contracts';
import { withLocalServices } from '../test/support/local-services';
import { TEST_BROKERS } from '../test/support/test-env';
import { ProducerThread } from './support/producer-thread';
import { rawPosts } from './support/raw-posts';
import { Receivers } from './support/receivers';
import { writeResults } from './support/results';
import { fmt, printTable, summarise, type LatencySummary } from './support/stats';
import { firstReceiptLatencies, produceSteadily } from './support/steady-deliveries';

const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 5000);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 10);
const MAX_IN_FLIGHT = 200;
const PER_ENDPOINT = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

interface Row {
  run: string;
  requests: number;
  seconds: number;
  perSecond: number;
  latency: LatencySummary | null;
  /** A throughput run (as fast as possible), compared with the raw rate. */
  throughput?: boolean;
}
const rows: Row[] = [];
/** CPU of this process (sender, producer, receivers' thread) per callback, fastest burst. */
let burstCpuMsPerCallback = Number.NaN;
/** The rate of every round, to show how far they spread. */
const roundRates = { raw: [] as number[], sender: [] as number[] };

/** Latency of the first receipt of each of `ids` (a duplicate is not a second sample). */
function latencies(receivers: Receivers, ids: Set<string>): number[] {
  return firstReceiptLatencies(receivers.receipts, ids);
}

/**
 * A check that every one of `ids` has arrived at least once. It reads only the receipts
 * that came since its last call: checking all 5,000 burst ids every 20 ms took about 1 % of
 * the thread the sender runs on, in the middle of the burst it measures.
 */
function allArrived(receivers: Receivers, ids: ReadonlySet<string>): () => boolean {
  const waiting = new Set(ids);
  let read = 0;
  return () => {
    for (; read < receivers.receipts.length; read += 1) waiting.delete(receivers.receipts[read].id);
    return waiting.size === 0;
  };
}

async function rawUndici(receivers: Receivers, total: number): Promise<Row> {
  const { seconds, latenciesMs } = await rawPosts({
    urlOf: (i) => receivers.url(i, '/raw'),
    total,
    concurrency: Math.min(MAX_IN_FLIGHT, receivers.size * PER_ENDPOINT),
    connectionsPerOrigin: PER_ENDPOINT,
    ca: tlsMaterial.cert,
    body: JSON.stringify({
      id: 'x',
      type: 'contact.created',
      timestamp: new Date().toISOString(),
      organisation_id: 'o',
      data: { full_name: 'Zoë Example', id: 'c' },
    }),
  });
  return {
    throughput: true,
    run: 'raw undici POST (ceiling)',
    requests: total,
    seconds,
    perSecond: total / seconds,
    latency: summarise(latenciesMs),
  };
}

/**
 * One burst through the sender: BURST records produced at once from the producer thread (in
 * production the matcher produces them in another process, so producing must not take the
 * sender's thread), timed to the last receipt.
 */
async function senderBurst(
  harness: Harness,
  producer: ProducerThread,
  receiver: Receivers,
  ids: string[],
): Promise<{ row: Row; cpuMsPerCallback: number }> {
  const burst = Array.from({ length: BURST }, (_, i) => harness.record(ids[i % ids.length]));
  const burstIds = new Set(burst.map((r) => r.delivery_id));
  const burstMessages = burst.map(deliveryMessage);
  const cpuBefore = process.cpuUsage();
  const from = Date.now();
  await producer.send(harness.topics.deliveries, burstMessages);
  await waitFor('burst', allArrived(receiver, burstIds), 90_000, 20);
  const cpu = process.cpuUsage(cpuBefore);
  const lastReceipt = Math.max(
    ...receiver.receipts.filter((r) => burstIds.has(r.id)).map((r) => r.at),
  );
  const seconds = (lastReceipt - from) / 1000;
  return {
    row: {
      throughput: true,
      run: `sender burst (${WEBHOOKS} webhooks)`,
      requests: BURST,
      seconds,
      perSecond: BURST / seconds,
      latency: summarise(latencies(receiver, burstIds)),
    },
    cpuMsPerCallback: (cpu.user + cpu.system) / 1000 / BURST,
  };
}

async function steady(
  harness: Harness,
  producer: ProducerThread,
  webhookIds: string[],
  receiver: Receivers,
  rate: number,
  label: string,
  healthy = new Set(webhookIds),
): Promise<void> {
  const from = Date.now();
  const produced = await produceSteadily(producer, harness, webhookIds, rate, STEADY_SECONDS);
  const ids = new Set(produced.filter((r) => healthy.has(r.webhook_id)).map((r) => r.delivery_id));
  await waitFor(`${label} deliveries`, allArrived(receiver, ids), 60_000, 50);
  const values = latencies(receiver, ids);
  const seconds = (Date.now() - from) / 1000;
  rows.push({
    run: label,
    requests: ids.size,
    seconds,
    perSecond: ids.size / seconds,
    latency: summarise(values),
  });
}

const tlsMaterial = selfSignedCert();
/** Mean attempt duration (HTTP only) so far, from the sender's own histogram. */
async function meanAttemptMs(registry: Registry): Promise<number> {
  const values = (await registry.getSingleMetric('sender_attempt_duration_seconds')!.get()).values;
  const sum = values
    .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_sum'))
    .reduce((a, v) => a + v.value, 0);
  const count = values
    .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
    .reduce((a, v) => a + v.value, 0);
  return (1000 * sum) / count;
}

async function main(): Promise<void> {
  const receiver = new Receivers({ count: WEBHOOKS, tls: tlsMaterial });
  const blackHole = new Receivers({ count: 1, tls: tlsMaterial, delayMs: 3000 });
  await Promise.all([receiver.start(), blackHole.start()]);
  const harness = await new Harness().start();
  let producer: ProducerThread | undefined;
  try {
    const hooks = await Promise.all(
      Array.from({ length: WEBHOOKS }, (_, i) =>
        harness.addWebhook({ url: receiver.url(i, '/hook') }),
      ),
    );
    const ids = hooks.map((h) => h.id);
    const sender = await harness.startSender(
      harness.config({
        LOG_LEVEL: 'silent',
        WEBHOOK_RETRY_DELAYS: '10s,1m,5m',
        SENDER_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
        SENDER_MAX_PER_ENDPOINT: String(PER_ENDPOINT),
      }),
      { ca: [tlsMaterial.cert] },
    );
    // Warm-up: the group has joined and connections are open.
    const warm = ids.map((id) => harness.record(id));
    await harness.produce(warm);
    const warmIds = new Set(warm.map((r) => r.delivery_id));
    await waitFor('warm-up', allArrived(receiver, warmIds), 30_000);

    producer = await ProducerThread.start(TEST_BROKERS);
    let raw: Row | undefined;
    let burst: Row | undefined;
    for (let round = 0; round < ROUNDS; round += 1) {
      const rawRound = await rawUndici(receiver, BURST);
      roundRates.raw.push(rawRound.perSecond);
      if (!raw || rawRound.perSecond > raw.perSecond) raw = rawRound;
      const senderRound = await senderBurst(harness, producer, receiver, ids);
      roundRates.sender.push(senderRound.row.perSecond);
      if (!burst || senderRound.row.perSecond > burst.perSecond) {
        burst = senderRound.row;
        burstCpuMsPerCallback = senderRound.cpuMsPerCallback;
      }
    }
    rows.push(raw!, burst!);

    const deferrals = (await sender.registry.getSingleMetric('sender_deferrals_total')!.get())
      .values[0]?.value;
    console.log(
      `mean HTTP attempt duration during warm-up + bursts: ${(await meanAttemptMs(sender.registry)).toFixed(1)} ms; ` +
        `records deferred (endpoint crowded): ${deferrals ?? 0}`,
    );
    const rate = Math.round(burst!.perSecond / 2);
    await steady(harness, producer, ids, receiver, rate, `sender steady @${rate}/s`);

    // One more webhook whose receiver never answers in time; healthy receivers measured.
    const slow = await harness.addWebhook({ url: blackHole.url(0, '/never') });
    const slowBefore = blackHole.receipts.length;
    await steady(
      harness,
      producer,
      [...ids, slow.id],
      receiver,
      rate,
      `steady @${rate}/s + 1 timing-out webhook (healthy only)`,
      new Set(ids),
    );
    rows.push({
      run: '  (timing-out webhook: requests made)',
      requests: blackHole.receipts.length - slowBefore,
      seconds: STEADY_SECONDS,
      perSecond: (blackHole.receipts.length - slowBefore) / STEADY_SECONDS,
      latency: null,
    });
  } finally {
    printResults();
    await producer?.stop();
    await harness.stop();
    await Promise.all([receiver.stop(), blackHole.stop()]);
    clearInterval(rssTimer);
  }
}

function printResults(): void {
  const raw = rows[0]?.perSecond ?? NaN;
  const setting = `${WEBHOOKS} webhooks, SENDER_MAX_IN_FLIGHT=${MAX_IN_FLIGHT}, SENDER_MAX_PER_ENDPOINT=${PER_ENDPOINT}`;
  console.log(`\nsender benchmark: ${setting}, node ${process.version}`);
  const table = rows.map((r) => ({
    run: r.run,
    deliveries: String(r.requests),
    seconds: fmt(r.seconds, 1),
    'per second': fmt(r.perSecond),
    'vs raw': r.throughput ? fmt(r.perSecond / raw, 2) : '-',
    'p50 ms': fmt(r.latency?.p50),
    'p95 ms': fmt(r.latency?.p95),
    'p99 ms': fmt(r.latency?.p99),
    'max ms': fmt(r.latency?.max),
  }));
  printTable(table);
  const peakMb = (Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(
    0,
  );
  const notes = [
    setting,
    `peak RSS (whole process: sender, Kafka clients, receiver thread): ${peakMb} MB`,
    `raw and burst rows: the fastest of ${ROUNDS} rounds each, alternated (per second of every round: raw ${roundRates.raw.map((r) => fmt(r)).join(', ')}; sender ${roundRates.sender.map((r) => fmt(r)).join(', ')})`,
    `CPU per delivered callback in the fastest burst (this whole process, receivers' thread included): ${fmt(burstCpuMsPerCallback, 3)} ms`,
    'deliveries are counted by distinct webhook-id; latency = receipt at the receiver - event timestamp (set when the delivery record was produced); raw row: client round trip',
  ];
  for (const note of notes.slice(1)) console.log(note);
  writeResults('sender', 'npm run bench:sender', [
    { title: 'Sender next to raw undici POSTs to the same receivers', rows: table, notes },
  ]);
}

withLocalServices(main).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
