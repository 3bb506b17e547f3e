/*
 * The management API on a full store, alone and while the pipeline runs:
 *
 *   npm run bench:api   (BENCH_ORGS, BENCH_WEBHOOKS, BENCH_LOG_ROWS, BENCH_API_RATE,
 *                        BENCH_SECONDS, BENCH_BASELINE_SECONDS, BENCH_EVENT_RATE)
 *
 * 1. Fills a database of its own with BENCH_WEBHOOKS webhooks (100,000) across BENCH_ORGS
 *    organisations (1,000), an API key each, and BENCH_LOG_ROWS delivery-log rows
 *    (1,000,000) written through the repository management uses: the attempt-log write rate.
 * 2. Starts management, matcher and sender from dist/ (Pipeline) on it.
 * 3. Baseline: BENCH_API_RATE requests/s (100) of list, get and deliveries in turn for
 *    BENCH_BASELINE_SECONDS (20), with no events flowing.
 * 4. The same API load for BENCH_SECONDS (60) while BENCH_EVENT_RATE events/s (400) flow
 *    through the pipeline to local HTTPS receivers (each event matches one webhook: every
 *    organisation's first webhook takes the load's event types, the others other types).
 * Prints per route latency percentiles and errors, the CPU of each process (the store is
 * FerretDB plus the PostgreSQL under it), the callbacks made and the attempt-log rows
 * written meanwhile, and writes the same tables to bench/results/api.txt.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CATALOG, type EventType } from '@app/contracts';
import { selfSignedCert } from '../test/support/https-receiver';
import { appMetric, matcherTableHolds } from '../test/support/app-metric';
import { APP_NAMES, Pipeline } from '../test/support/pipeline';
import { publishRoutes } from '../test/support/route-publisher';
import { withLocalServices } from '../test/support/local-services';
import { treeCpuSecondsOf } from '../test/support/proc-stats';
import { sleep } from '../test/support/wait-for';
import { ROUTES, runApiLoad, type Route, type RouteResult } from './api/api-load';
import { fillStore, type FilledStore } from './api/fill';
import { Receivers } from './support/receivers';
import { fmt, summarise } from './support/stats';

const ORGS = Number(process.env.BENCH_ORGS ?? 1_000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 100_000);
const LOG_ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const API_RATE = Number(process.env.BENCH_API_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 20);
const EVENT_RATE = Number(process.env.BENCH_EVENT_RATE ?? 400);
const LOAD_TYPES: EventType[] = [
  'contact.created',
  'conversation.inbound',
  'form_submission.completed',
];
const RECEIVERS = 8;
const ROOT = join(__dirname, '..');
const RESULTS = join(__dirname, 'results', 'api.txt');

const tls = selfSignedCert();
const output: string[] = [];
const say = (line = '') => {
  console.log(line);
  output.push(line);
};

/** Rows as an aligned text table, printed and kept for the results file. */
function table(rows: Array<Record<string, string>>): void {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  say(line(columns));
  for (const row of rows) say(line(columns.map((c) => row[c] ?? '')));
}

function measuredProcesses(pipeline: Pipeline) {
  // The store's state folder (scripts/ferretdb.sh): a second instance's when one is named.
  const storeDir = process.env.LOCAL_FERRETDB_STATE_DIR ?? join(ROOT, '.local', 'ferretdb');
  const pidFile = (...path: string[]) => {
    try {
      return Number(readFileSync(join(...path), 'utf8'));
    } catch {
      return undefined;
    }
  };
  return [
    ...APP_NAMES.map((name) => ({ name, pid: pipeline.apps[name].pid })),
    { name: 'kafka (local broker)', pid: pidFile(ROOT, '.local', 'kafka', 'kafka.pid') },
    { name: 'ferretdb (store)', pid: pidFile(storeDir, 'ferretdb.pid') },
    { name: 'postgres (store)', pid: pidFile(storeDir, 'postgres', 'postgres.pid') },
    { name: 'benchmark + receivers', pid: process.pid },
  ];
}

interface Phase {
  name: string;
  seconds: number;
  routes: Record<Route, RouteResult>;
  cpu: Array<{ name: string; seconds: number | null }>;
  callbacks: number;
  logRows: number;
  lagAtEnd: number;
  /** Batches the attempts consumer wrote during the phase, and the seconds they took. */
  logBatches: number;
  logBatchSeconds: number;
}

/** Runs the API load (and, with `events`, the pipeline load) and measures both. */
async function phase(
  name: string,
  pipeline: Pipeline,
  store: FilledStore,
  seconds: number,
  events: boolean,
): Promise<Phase> {
  const processes = measuredProcesses(pipeline);
  const cpuBefore = processes.map(({ pid }) => treeCpuSecondsOf(pid));
  const sent = () => appMetric(pipeline.apps.sender.port, 'sender_attempts_total');
  const persisted = () =>
    appMetric(pipeline.apps.management.port, 'management_attempts_persisted_total');
  // How the attempts consumer spent the phase: how many batches, and how long each took.
  const batches = () =>
    Promise.all([
      appMetric(pipeline.apps.management.port, 'management_attempt_batch_seconds_count'),
      appMetric(pipeline.apps.management.port, 'management_attempt_batch_seconds_sum'),
    ]);
  const [sentBefore, persistedBefore] = [await sent(), await persisted()];
  const [batchesBefore, batchSecondsBefore] = await batches();
  const started = Date.now();
  const publishing = events ? publish(pipeline, store, seconds) : Promise.resolve();
  const progress = setInterval(() => {
    void Promise.all([sent(), persisted()]).then(([s, p]) =>
      console.log(
        `  ${name}: ${Math.round((Date.now() - started) / 1000)} s, callbacks ${s - sentBefore}, ` +
          `log rows written ${p - persistedBefore}, behind ${s - p}`,
      ),
    );
  }, 10_000);
  const routes = await runApiLoad(pipeline.managementUrl, store, API_RATE, seconds);
  await publishing;
  clearInterval(progress);
  const elapsed = (Date.now() - started) / 1000;
  const cpu = processes.map(({ name: process, pid }, i) => {
    const now = treeCpuSecondsOf(pid);
    const before = cpuBefore[i];
    return { name: process, seconds: now === null || before === null ? null : now - before };
  });
  const [sentAfter, persistedAfter] = [await sent(), await persisted()];
  const [batchesAfter, batchSecondsAfter] = await batches();
  return {
    logBatches: batchesAfter - batchesBefore,
    logBatchSeconds: batchSecondsAfter - batchSecondsBefore,
    name,
    seconds: elapsed,
    routes,
    cpu,
    callbacks: sentAfter - sentBefore,
    logRows: persistedAfter - persistedBefore,
    lagAtEnd: sentAfter - persistedAfter,
  };
}

/** EVENT_RATE events/s in batches every 50 ms, of the load's types, for random organisations. */
async function publish(pipeline: Pipeline, store: FilledStore, seconds: number): Promise<void> {
  const perBatch = Math.max(1, Math.round(EVENT_RATE / 20));
  const started = Date.now();
  for (let i = 0; i < (EVENT_RATE * seconds) / perBatch; i += 1) {
    await sleep(started + i * 50 - Date.now());
    await pipeline.publisher.publish(
      Array.from({ length: perBatch }, (_, j) => {
        const type = LOAD_TYPES[(i + j) % LOAD_TYPES.length];
        const organisation = store.organisations[Math.floor(Math.random() * ORGS)];
        return {
          id: randomUUID(),
          type,
          organisation_id: organisation.id,
          data: EVENT_CATALOG[type].example,
        };
      }),
    );
  }
}

function report(store: FilledStore, phases: Phase[]): void {
  const rows = store.logWrites.reduce((sum, w) => sum + w.rows, 0);
  const seconds = store.logWrites.reduce((sum, w) => sum + w.seconds, 0);
  const segments = store.logWrites.map((w) => Math.round(w.rows / w.seconds));
  say(
    `\nAPI benchmark: ${ORGS} organisations, ${store.organisations.reduce((s, o) => s + o.webhookIds.length, 0)} webhooks, ` +
      `${rows} delivery-log rows; ${API_RATE} requests/s (list, get, deliveries in turn); node ${process.version}`,
  );
  say(
    `attempt-log writes while filling (DeliveryAttemptRepository.upsertMany, batches of 2000): ` +
      `${Math.round(rows / seconds)} rows/s overall; per tenth of the fill: ${segments.join(', ')}`,
  );
  say('');
  table(
    phases.flatMap((p) =>
      ROUTES.map((route) => {
        const latency = summarise(p.routes[route].latenciesMs);
        return {
          phase: p.name,
          route,
          requests: String(p.routes[route].latenciesMs.length),
          errors: String(p.routes[route].errors),
          'p50 ms': fmt(latency.p50, 1),
          'p95 ms': fmt(latency.p95, 1),
          'p99 ms': fmt(latency.p99, 1),
          'max ms': fmt(latency.max, 1),
        };
      }),
    ),
  );
  say('');
  table(
    phases.map((p) => ({
      phase: p.name,
      seconds: fmt(p.seconds, 1),
      'callbacks made': String(p.callbacks),
      'log rows written': String(p.logRows),
      'log rows/s': fmt(p.logRows / p.seconds),
      'behind at end': String(p.lagAtEnd),
      'log batches': String(p.logBatches),
      'rows per batch': fmt(p.logBatches > 0 ? p.logRows / p.logBatches : null),
      'ms per batch': fmt(p.logBatches > 0 ? (1000 * p.logBatchSeconds) / p.logBatches : null),
    })),
  );
  say('');
  table(
    phases[0].cpu.map((process, i) => ({
      process: process.name,
      ...Object.fromEntries(
        phases.map((p) => [
          `CPU % of one core (${p.name})`,
          fmt(p.cpu[i].seconds === null ? null : (100 * p.cpu[i].seconds) / p.seconds),
        ]),
      ),
    })),
  );
  for (const p of phases)
    for (const route of ROUTES)
      for (const sample of p.routes[route].errorSamples)
        say(`error (${p.name}, ${route}): ${sample}`);
}

async function main(): Promise<number> {
  const receivers = await new Receivers({ count: RECEIVERS, tls }).start();
  const encryptionKey = randomBytes(32).toString('base64');
  const pipeline = new Pipeline({
    trustCertificate: tls.cert,
    env: { DATA_ENCRYPTION_KEY: encryptionKey, LOG_LEVEL: 'warn' },
  });
  try {
    console.log(
      `filling the store: ${WEBHOOKS} webhooks, ${ORGS} organisations, ${LOG_ROWS} log rows...`,
    );
    const filledAt = Date.now();
    const store = await fillStore(pipeline.mongoUri, {
      organisations: ORGS,
      webhooks: WEBHOOKS,
      logRows: LOG_ROWS,
      loadTypes: LOAD_TYPES,
      liveTargetUrl: (organisation) => receivers.url(organisation, `/hook/${organisation}`),
      encryptionKey,
    });
    console.log(
      `filled in ${Math.round((Date.now() - filledAt) / 1000)} s; starting the platform...`,
    );
    await pipeline.start();
    // As management's relay would have when the webhooks were made: their routes on the topic.
    const producer = pipeline.kafka.producer();
    await producer.connect();
    await publishRoutes(producer, pipeline.topics.webhookRoutes, store.routes);
    await producer.disconnect();
    const webhooks = store.organisations.reduce((sum, o) => sum + o.webhookIds.length, 0);
    await matcherTableHolds(pipeline.apps.matcher.port, webhooks, 600_000);
    console.log('warming up...');
    await runApiLoad(pipeline.managementUrl, store, API_RATE, 3);
    const phases = [await phase('API alone', pipeline, store, BASELINE_SECONDS, false)];
    phases.push(await phase(`API + ${EVENT_RATE} events/s`, pipeline, store, SECONDS, true));
    report(store, phases);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(RESULTS, `${output.join('\n')}\n`);
    console.log(`\nwritten to ${RESULTS}`);
    return 0;
  } finally {
    await pipeline.stop();
    await receivers.stop();
  }
}

withLocalServices(main).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
