/*
 * The whole pipeline under load: management, matcher and sender as separate processes from
 * dist/ (Pipeline), on the real local broker and FerretDB, with local HTTPS receivers.
 *
 *   npm run bench      (BENCH_ORGS, BENCH_EVENTS, BENCH_RATE, BENCH_SLOW_EVERY, BENCH_RECEIVERS, BENCH_DRAIN_SECONDS)
 *
 * 1. baseline: plain undici POSTs straight to the same receivers, as many as the healthy
 *    webhooks should get, with the sender's concurrency: the ceiling for this machine.
 * 2. BENCH_ORGS organisations, each with 1-3 webhooks made through the REST API, subscribed
 *    to random subsets of the event types; 5 % of them point at receivers that never answer
 *    within the 2 s timeout, so they go through every retry and into the dead-letter topic.
 * 3. BENCH_EVENTS events of all 15 types published as fast as the DomainEventPublisher goes
 *    (or at BENCH_RATE events/s, for latency at a steady load);
 *    then the healthy webhooks' callbacks are counted (expected from the subscriptions) until
 *    all are in or BENCH_DRAIN_SECONDS pass. Exits 1 if any is missing.
 * The receivers run on worker threads, so they do not share the measuring thread.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { selfSignedCert } from '../test/support/https-receiver';
import { APP_NAMES, Pipeline } from '../test/support/pipeline';
import { withLocalServices } from '../test/support/local-services';
import { appMetric, matcherTableHolds } from '../test/support/app-metric';
import { cpuSecondsOf, peakRssMiBOf, treeCpuSecondsOf } from '../test/support/proc-stats';
import { sleep, waitFor } from '../test/support/wait-for';
import { DeliveryLedger } from './pipeline/delivery-ledger';
import {
  domainEventOf,
  expectedHealthyCount,
  expectedHealthyDeliveries,
  planFanOut,
  type FanOut,
} from './pipeline/fan-out';
import { provision } from './pipeline/provision';
import { readRequestCounts, requestRows } from './pipeline/request-counts';
import { reportProgress } from './support/progress';
import { rawPosts, type RawPostResult } from './support/raw-posts';
import { Receivers } from './support/receivers';
import { writeResults } from './support/results';
import { fmt, printTable, summarise } from './support/stats';

const ORGS = Number(process.env.BENCH_ORGS ?? 1_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const HEALTHY_RECEIVERS = Number(process.env.BENCH_RECEIVERS ?? 16);
const SLOW_RECEIVERS = 4;
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 300);
/** Seconds of measured idleness (webhooks stored, no events) before the load. */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
/** Events per second to publish at; 0 = as fast as the publisher goes (a burst). */
const RATE = Number(process.env.BENCH_RATE ?? 0);
const ROOT = join(__dirname, '..');
const PUBLISH_BATCH = 500;
/** The sender's defaults, used by the baseline too. */
const MAX_IN_FLIGHT = 200;
const PER_ENDPOINT = 10;
/** Short, so the slow webhooks' retries happen during the run. */
const RETRY_DELAYS = '1s,2s,3s';
/** Beyond the sender's 2 s timeout. */
const NEVER_ANSWER_MS = 3_000;

const tls = selfSignedCert();

interface PipelineRun {
  publishSeconds: number;
  /** First publish to the last healthy first receipt. */
  deliverySeconds: number;
  ledger: DeliveryLedger;
  slowRequests: number;
  /** The apps' Kafka requests and store commands before and after the load, by kind. */
  requests: {
    before: Awaited<ReturnType<typeof readRequestCounts>>;
    after: Awaited<ReturnType<typeof readRequestCounts>>;
  };
  apps: Array<{ app: string; cpuSeconds: number | null; peakRssMiB: number | null }>;
}

async function baseline(healthy: Receivers, total: number, fanOut: FanOut) {
  console.log(`baseline: ${total} undici POSTs straight to the receivers...`);
  const event = fanOut.events[0];
  return rawPosts({
    urlOf: (i) => healthy.url(i, '/raw'),
    total,
    concurrency: Math.min(MAX_IN_FLIGHT, healthy.size * PER_ENDPOINT),
    connectionsPerOrigin: PER_ENDPOINT,
    ca: tls.cert,
    // The size and shape of a real callback body.
    body: JSON.stringify({ ...domainEventOf(fanOut, event), timestamp: new Date() }),
  });
}

/**
 * The apps, and what shares the machine with them: the local broker and store (when
 * started by the scripts, which leave a pid file) and this process (publisher, ledger,
 * baseline client; the receivers are its worker threads).
 */
interface MeasuredProcess {
  name: string;
  pid: number | undefined;
  /** CPU of the process and its children (PostgreSQL's backends), or of the process alone. */
  cpuSeconds: () => number | null;
}

function measuredProcesses(pipeline: Pipeline): MeasuredProcess[] {
  const pidFile = (...path: string[]) => {
    try {
      return Number(readFileSync(join(ROOT, '.local', ...path), 'utf8'));
    } catch {
      return undefined;
    }
  };
  // The benchmark process is the parent of the three apps: its own CPU only, or they would
  // be counted twice.
  const alone = (name: string, pid: number | undefined) => ({
    name,
    pid,
    cpuSeconds: () => cpuSecondsOf(pid),
  });
  const postgres = pidFile('ferretdb', 'postgres', 'postgres.pid');
  return [
    ...APP_NAMES.map((name) => alone(name, pipeline.apps[name].pid)),
    alone('kafka (local broker)', pidFile('kafka', 'kafka.pid')),
    alone('ferretdb (local store)', pidFile('ferretdb', 'ferretdb.pid')),
    {
      name: 'postgres (under ferretdb)',
      pid: postgres,
      cpuSeconds: () => treeCpuSecondsOf(postgres),
    },
    alone(BENCHMARK_PROCESS, process.pid),
  ];
}

/** This process: the load and the receivers, not the platform. */
const BENCHMARK_PROCESS = 'benchmark + receivers';
/** The apps, the broker and the store together: what the platform costs. */
const PLATFORM_ROW = 'platform: apps, broker, store';

/** CPU of every process while the webhooks are stored and no event flows (nothing polls). */
async function measureIdle(
  pipeline: Pipeline,
  webhooks: number,
  provisionedAt: number,
): Promise<Array<Record<string, string>>> {
  const processes = measuredProcesses(pipeline);
  // First let the relay finish publishing the provisioned webhooks (a start-up cost), as
  // the store tells: no webhook is left with its routing marker.
  const store = await mongoose.createConnection(pipeline.mongoUri).asPromise();
  try {
    await waitFor(
      'every webhook route published',
      async () =>
        (await store.collection('webhooks').countDocuments({ routing_pending: true })) === 0,
      120_000,
      250,
    );
  } finally {
    await store.close();
  }
  relaySeconds = (Date.now() - provisionedAt) / 1000;
  console.log(`every webhook route published ${fmt(relaySeconds, 1)} s after the last was created`);
  console.log(`idle for ${IDLE_SECONDS} s with ${webhooks} webhooks stored and no events...`);
  const before = processes.map((p) => p.cpuSeconds());
  const requestsBefore = await readRequestCounts(pipeline);
  await sleep(IDLE_SECONDS * 1000);
  idleRequestRows = requestRows(
    requestsBefore,
    await readRequestCounts(pipeline),
    IDLE_SECONDS,
    'per second, idle',
  );
  const column = `CPU % of one core, idle with ${webhooks} webhooks`;
  const used = processes.map(({ cpuSeconds }, i) => {
    const now = cpuSeconds();
    return now === null || before[i] === null ? null : now - before[i];
  });
  const rows = processes.map(({ name }, i) => ({
    process: name,
    [column]: fmt(used[i] === null ? null : (100 * used[i]) / IDLE_SECONDS, 1),
  }));
  const platform = processes.reduce(
    (sum, { name }, i) => (name === BENCHMARK_PROCESS ? sum : sum + (used[i] ?? 0)),
    0,
  );
  rows.push({ process: PLATFORM_ROW, [column]: fmt((100 * platform) / IDLE_SECONDS, 1) });
  printTable(rows);
  console.log('');
  printTable(idleRequestRows);
  return rows;
}

let idleRows: Array<Record<string, string>> = [];
/** Kafka requests and store commands per second of the idle window, by kind. */
let idleRequestRows: Array<Record<string, string>> = [];
/** Seconds from the last webhook created to no routing marker left in the store. */
let relaySeconds = Number.NaN;

async function runPipeline(
  pipeline: Pipeline,
  fanOut: FanOut,
  healthy: Receivers,
  slow: Receivers,
): Promise<PipelineRun> {
  const expected = expectedHealthyDeliveries(fanOut);
  const publishedAt: number[] = [];
  const ledger = new DeliveryLedger(expected, publishedAt);
  healthy.onReceipt = (receipt) => ledger.record(receipt);
  const slowBefore = slow.receipts.length;
  const handshakesBefore = { healthy: healthy.handshakes, slow: slow.handshakes };
  const processes = measuredProcesses(pipeline);
  const cpuBefore = processes.map((p) => p.cpuSeconds());
  const requestsBefore = await readRequestCounts(pipeline);

  // Where the records are, read from the apps' /metrics: matched by the matcher, held by the
  // sender, and put through a retry topic (a healthy record deferred shows here before it
  // shows as latency).
  const counts = { matched: 0, inFlight: 0, deferrals: 0, retries: 0 };
  const readApps = setInterval(() => {
    const { matcher, sender } = pipeline.apps;
    Promise.all([
      appMetric(matcher.port, 'matcher_deliveries_matched_total'),
      appMetric(sender.port, 'sender_in_flight'),
      appMetric(sender.port, 'sender_deferrals_total'),
      appMetric(sender.port, 'sender_retries_total'),
    ]).then(
      ([matched, inFlight, deferrals, retries]) =>
        Object.assign(counts, { matched, inFlight, deferrals, retries }),
      () => undefined,
    );
  }, 1000);
  const stopProgress = reportProgress(
    () =>
      `published ${publishedAt.length}/${fanOut.events.length}, matched ${counts.matched}, ` +
      `received ${ledger.received}/${expected.size} (healthy), duplicates ${ledger.duplicates}, ` +
      `slow-receiver requests ${slow.receipts.length - slowBefore}, TLS handshakes ` +
      `${healthy.handshakes - handshakesBefore.healthy} + ${slow.handshakes - handshakesBefore.slow}; sender in flight ` +
      `${counts.inFlight}, deferrals ${counts.deferrals}, retries ${counts.retries}`,
  );
  const started = Date.now();
  let publishSeconds = 0;
  try {
    // At a set rate, small batches every 50 ms: latency then shows the pipeline, not a queue.
    const batchSize =
      RATE > 0 ? Math.max(1, Math.min(PUBLISH_BATCH, Math.round(RATE / 20))) : PUBLISH_BATCH;
    for (let i = 0; i < fanOut.events.length; i += batchSize) {
      if (RATE > 0) await sleep(started + (i / RATE) * 1000 - Date.now());
      const batch = fanOut.events.slice(i, i + batchSize);
      const now = Date.now();
      batch.forEach((_, j) => (publishedAt[i + j] = now));
      await pipeline.publisher.publish(batch.map((event) => domainEventOf(fanOut, event)));
    }
    publishSeconds = (Date.now() - started) / 1000;
    await waitFor(
      'every healthy callback',
      () => ledger.received >= expected.size,
      DRAIN_SECONDS * 1000,
      100,
    ).catch((error: Error) => console.error(error.message));
  } finally {
    clearInterval(readApps);
    stopProgress();
  }
  return {
    publishSeconds,
    deliverySeconds: ((ledger.lastReceiptAt || Date.now()) - started) / 1000,
    ledger,
    slowRequests: slow.receipts.length - slowBefore,
    requests: { before: requestsBefore, after: await readRequestCounts(pipeline) },
    apps: processes.map(({ name, pid, cpuSeconds }, i) => {
      const cpu = cpuSeconds();
      return {
        app: name,
        cpuSeconds: cpu === null || cpuBefore[i] === null ? null : cpu - cpuBefore[i],
        peakRssMiB: peakRssMiBOf(pid),
      };
    }),
  };
}

function report(fanOut: FanOut, raw: RawPostResult, run: PipelineRun): void {
  const rawRate = raw.latenciesMs.length / raw.seconds;
  const outRate = run.ledger.received / run.deliverySeconds;
  const rawLatency = summarise(raw.latenciesMs);
  const latency = summarise(run.ledger.latenciesMs());
  const slowWebhooks = fanOut.webhooks.filter((w) => w.slow).length;
  const load = RATE > 0 ? `at ${RATE} events/s` : 'in a burst';
  const setting =
    `${ORGS} organisations, ${fanOut.webhooks.length} webhooks (${slowWebhooks} never answering), ` +
    `${EVENTS} events ${load}, ${HEALTHY_RECEIVERS} + ${SLOW_RECEIVERS} receiver origins, ` +
    `WEBHOOK_RETRY_DELAYS=${RETRY_DELAYS}, SENDER_MAX_IN_FLIGHT=${MAX_IN_FLIGHT}, ` +
    `SENDER_MAX_PER_ENDPOINT=${PER_ENDPOINT}`;
  console.log(`\npipeline benchmark: ${setting}, node ${process.version}`);
  const throughputRows = [
    {
      run: 'baseline: undici POST to the receivers',
      requests: String(raw.latenciesMs.length),
      'events/s in': '-',
      'requests/s out': fmt(rawRate),
      'vs baseline': '1.00',
      'p50 ms': fmt(rawLatency.p50),
      'p95 ms': fmt(rawLatency.p95),
      'p99 ms': fmt(rawLatency.p99),
      'max ms': fmt(rawLatency.max),
    },
    {
      run: 'pipeline: publish -> healthy receipt',
      requests: String(run.ledger.received),
      'events/s in': fmt(EVENTS / run.publishSeconds),
      'requests/s out': fmt(outRate),
      'vs baseline': fmt(outRate / rawRate, 2),
      'p50 ms': fmt(latency.p50),
      'p95 ms': fmt(latency.p95),
      'p99 ms': fmt(latency.p99),
      'max ms': fmt(latency.max),
    },
  ];
  printTable(throughputRows);
  console.log(
    `latency: baseline = client round trip; pipeline = publish call to the receiver's first receipt. ` +
      `Throughput out: first publish to last healthy receipt (${fmt(run.deliverySeconds, 1)} s); ` +
      `publishing took ${fmt(run.publishSeconds, 1)} s.\n`,
  );
  const countRows = [
    {
      'healthy callbacks': 'count',
      expected: String(run.ledger.received + run.ledger.missing),
      received: String(run.ledger.received),
      duplicated: String(run.ledger.duplicates),
      missing: String(run.ledger.missing),
      unexpected: String(run.ledger.unexpected),
      'requests to never-answering receivers': String(run.slowRequests),
    },
  ];
  printTable(countRows);
  console.log('');
  const callbacks = run.ledger.received + run.slowRequests;
  const totalCpu = run.apps.reduce((sum, app) => sum + (app.cpuSeconds ?? 0), 0);
  const platformCpu = run.apps
    .filter((app) => app.app !== BENCHMARK_PROCESS)
    .reduce((sum, app) => sum + (app.cpuSeconds ?? 0), 0);
  const processRows = [
    ...run.apps.map((app) => ({
      process: app.app,
      'CPU s (load phase)': fmt(app.cpuSeconds, 1),
      'CPU % of one core': fmt(
        app.cpuSeconds === null ? null : (100 * app.cpuSeconds) / run.deliverySeconds,
      ),
      'CPU ms per callback': fmt(
        app.cpuSeconds === null ? null : (1000 * app.cpuSeconds) / callbacks,
        3,
      ),
      'peak RSS MiB': fmt(app.peakRssMiB),
    })),
    {
      process: PLATFORM_ROW,
      'CPU s (load phase)': fmt(platformCpu, 1),
      'CPU % of one core': fmt((100 * platformCpu) / run.deliverySeconds),
      'CPU ms per callback': fmt((1000 * platformCpu) / callbacks, 3),
      'peak RSS MiB': '-',
    },
    {
      process: 'all processes',
      'CPU s (load phase)': fmt(totalCpu, 1),
      'CPU % of one core': fmt((100 * totalCpu) / run.deliverySeconds),
      'CPU ms per callback': fmt((1000 * totalCpu) / callbacks, 3),
      'peak RSS MiB': '-',
    },
  ];
  printTable(processRows);
  console.log('');
  const requestsPerCallback = requestRows(
    run.requests.before,
    run.requests.after,
    callbacks,
    'per callback',
  );
  printTable(requestsPerCallback);
  writeResults(
    RATE > 0 ? `pipeline-rate-${RATE}` : 'pipeline-burst',
    `BENCH_RATE=${RATE} npm run bench`,
    [
      {
        title: `Pipeline ${load}`,
        rows: throughputRows,
        notes: [
          setting,
          "latency: baseline = client round trip; pipeline = publish call to the receiver's first receipt (first receipt of each distinct webhook-id)",
        ],
      },
      { title: 'Callbacks counted by webhook-id', rows: countRows },
      ...(idleRows.length > 0
        ? [
            {
              title: `Idle: webhooks stored, no events, for ${IDLE_SECONDS} s`,
              rows: idleRows,
              notes: [
                `measured once every webhook route was published: ${fmt(relaySeconds, 1)} s after the last webhook was created`,
              ],
            },
            {
              title: `Idle: Kafka requests and store commands per second, by kind`,
              rows: idleRequestRows,
              notes: [
                "from the apps' kafka_client_requests_total and mongodb_commands_total over the idle window",
              ],
            },
          ]
        : []),
      {
        title: 'CPU and memory of every process on the two cores',
        rows: processRows,
        notes: [
          `CPU per callback: CPU seconds of the load phase / callbacks made (${callbacks}: healthy receipts + requests to never-answering receivers)`,
        ],
      },
      {
        title: 'Kafka requests and store commands per callback, by kind',
        rows: requestsPerCallback,
        notes: [
          `the apps' kafka_client_requests_total and mongodb_commands_total over the load phase / callbacks made (${callbacks})`,
        ],
      },
    ],
  );
}

async function main(): Promise<number> {
  const healthy = await new Receivers({ count: HEALTHY_RECEIVERS, tls }).start();
  const slow = await new Receivers({
    count: SLOW_RECEIVERS,
    tls,
    delayMs: NEVER_ANSWER_MS,
  }).start();
  const pipeline = new Pipeline({
    trustCertificate: tls.cert,
    env: { WEBHOOK_RETRY_DELAYS: RETRY_DELAYS, LOG_LEVEL: 'warn' },
  });
  try {
    const fanOut = planFanOut(ORGS, EVENTS, { healthy: HEALTHY_RECEIVERS, slow: SLOW_RECEIVERS });
    const raw = await baseline(healthy, expectedHealthyCount(fanOut), fanOut);
    console.log(`starting the platform (three processes from dist/)...`);
    await pipeline.start();
    await provision(pipeline, fanOut, { healthy, slow });
    const provisionedAt = Date.now();
    await matcherTableHolds(pipeline.apps.matcher.port, fanOut.webhooks.length, 60_000);
    idleRows = await measureIdle(pipeline, fanOut.webhooks.length, provisionedAt);
    console.log(
      `publishing ${EVENTS} events (WEBHOOK_RETRY_DELAYS=${RETRY_DELAYS} for the never-answering webhooks)...`,
    );
    const run = await runPipeline(pipeline, fanOut, healthy, slow);
    report(fanOut, raw, run);
    if (run.ledger.missing > 0) {
      console.error(
        `FAIL: ${run.ledger.missing} healthy callbacks missing after ${DRAIN_SECONDS} s`,
      );
      return 1;
    }
    return 0;
  } finally {
    await pipeline.stop();
    await Promise.all([healthy.stop(), slow.stop()]);
  }
}

withLocalServices(main).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
