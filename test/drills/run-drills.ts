/*
 * Failure drills (npm run drill): the three apps as processes on a Kafka broker and a
 * FerretDB of the drill's own (ports 9192/9193 and 27117, state under .local/drill-*; the
 * development broker and store are never touched), under steady load, through eight
 * disruptions in turn: kill -9 of each app, a broker restart, a store restart, a
 * flapping receiver, webhook changes made while the broker is down with management
 * killed before it could publish them, and a scale-out (a second matcher and sender join,
 * two instances are killed, one stopped). Each drill counts events published, callbacks expected, received,
 * duplicated and lost; the run ends with a table and exits 1 if anything was lost.
 *
 *   DRILL_EVENTS_PER_SECOND (60)   DRILL_ONLY=4,5 (run some drills only)
 *   DRILL_KAFKA_PORT, DRILL_KAFKA_CONTROLLER_PORT, DRILL_MONGO_PORT (other free ports)
 */
import { selfSignedCert } from '../support/https-receiver';
import { matcherTableHolds } from '../support/app-metric';
import { Pipeline } from '../support/pipeline';
import { AttemptLogProbe } from './attempt-log-probe';
import { CountingReceiver } from './counting-receiver';
import { DEFAULT_DRILL_PORTS, DrillInfra } from './drill-infra';
import { failed, formatTable, type DrillResult } from './drill-report';
import { DrillRunner, type DrillTiming } from './drill-runner';
import { DrillTopology } from './drill-topology';
import { DRILLS } from './drills';

/** Short enough that a receiver outage of a few seconds recovers within the ladder. */
const RETRY_DELAYS = '1s,2s,3s';

const TIMING: DrillTiming = {
  eventsPerSecond: Number(process.env.DRILL_EVENTS_PER_SECOND ?? 60),
  warmupMs: 5_000,
  afterMs: 10_000,
  drainTimeoutMs: 90_000,
  settleMs: 3_000,
  logTimeoutMs: 60_000,
  progressEveryMs: 3_000,
  duplicateWindowSeconds: 3,
};

function selectedDrills() {
  const only = process.env.DRILL_ONLY?.split(',').map(Number);
  return DRILLS.map((drill, i) => ({ drill, number: i + 1 })).filter(
    ({ number }) => !only || only.includes(number),
  );
}

const infra = new DrillInfra({
  kafka: Number(process.env.DRILL_KAFKA_PORT ?? DEFAULT_DRILL_PORTS.kafka),
  kafkaController: Number(
    process.env.DRILL_KAFKA_CONTROLLER_PORT ?? DEFAULT_DRILL_PORTS.kafkaController,
  ),
  mongo: Number(process.env.DRILL_MONGO_PORT ?? DEFAULT_DRILL_PORTS.mongo),
});
const tls = selfSignedCert();
const receiver = new CountingReceiver(tls);
let pipeline: Pipeline | undefined;
let logProbe: AttemptLogProbe | undefined;

/** Stops everything the drill started; runs once, on success, failure or a signal. */
let cleanedUp: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleanedUp ??= (async () => {
    console.log('[drill] stopping the pipeline, the receiver and the drill broker and store');
    await logProbe?.close().catch(() => undefined);
    // The store is wiped at the next run: no need to drop the database (it may be down).
    await pipeline?.stop({ keepDatabase: true }).catch(() => undefined);
    await receiver.stop().catch(() => undefined);
    infra.stop();
  })();
  return cleanedUp;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.log(`\n[drill] ${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });

async function main(): Promise<number> {
  console.log(
    `[drill] own broker ${infra.brokers.join(',')} and store ${infra.mongoBaseUri}; ` +
      `load ${TIMING.eventsPerSecond} events/s; WEBHOOK_RETRY_DELAYS=${RETRY_DELAYS} ` +
      '(short, so a flapping receiver recovers within the retry ladder)',
  );
  await infra.start();
  await receiver.start();
  pipeline = await new Pipeline({
    brokers: infra.brokers,
    mongoBaseUri: infra.mongoBaseUri,
    trustCertificate: tls.cert,
    env: { WEBHOOK_RETRY_DELAYS: RETRY_DELAYS },
  }).start();
  console.log(`[drill] apps running; their logs are in .local/test-logs/<app>-<port>.log`);
  const topology = await DrillTopology.create(pipeline, receiver);
  console.log(
    `[drill] ${topology.organisations.length} organisations, ${topology.webhookCount} webhooks`,
  );
  await matcherTableHolds(pipeline.apps.matcher.port, topology.webhookCount);
  logProbe = new AttemptLogProbe(pipeline.mongoUri);
  const runner = new DrillRunner({ pipeline, infra, receiver }, topology, logProbe, TIMING);

  const results: DrillResult[] = [];
  const drills = selectedDrills();
  for (const [i, { drill, number }] of drills.entries()) {
    const label = `[drill ${number} ${drill.name}]`;
    console.log(`\n${label} starting (${i + 1} of ${drills.length})`);
    const result = await runner.run(drill, label);
    results.push(result);
    console.log(`${label} ${failed(result) ? 'FAILED' : 'passed'}`);
    if (result.error) break; // the pipeline may be broken: later drills would say nothing
  }

  console.log(
    `\n[drill] results (retry delays ${RETRY_DELAYS}, ${TIMING.eventsPerSecond} events/s)`,
  );
  console.log(formatTable(results));
  console.log(
    'duplicated: receipts beyond the first per webhook-id (at-least-once: callbacks in flight ' +
      'or not yet committed when the drill hit); dup bound: the expected callbacks of ' +
      `${TIMING.duplicateWindowSeconds} s of load (the in-flight window; 15 s for the broker ` +
      'restart: commits are refused while the coordinator reloads, and members work on until ' +
      'the session timeout tells them they were dropped); ' +
      'out of order: callbacks of the ordered webhook (ordering per_entity) received before an ' +
      'earlier event of their entity, of all its expected callbacks; ' +
      'log behind: received callbacks without a succeeded attempt in the delivery log',
  );
  const anyFailed = results.some(failed) || results.length < drills.length;
  return anyFailed ? 1 : 0;
}

main()
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error('[drill] failed:', error);
    await cleanUp();
    process.exit(1);
  });
