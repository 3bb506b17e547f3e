/*
 * `npm run demo`: the platform end to end in about a minute, for a newcomer.
 *
 * Starts local Kafka and FerretDB if they are not running, runs management, matcher and
 * sender as processes (the test harness's Pipeline: free ports, topics and a database of
 * their own, so it never clashes with `npm start`), creates an organisation's API key and
 * two webhooks pointed at a local HTTPS receiver (one healthy, one that answers 503 for the
 * first DEMO_FAIL_SECONDS and then recovers), publishes events of all 15 types for
 * DEMO_SECONDS, shows what the sender does with them, and prints a summary.
 *
 *   DEMO_SECONDS=30   how long to publish (0: one event of each type, done in seconds)
 *   DEMO_RATE=4       events per second
 *   --keep            keep the platform running after the summary, until Ctrl-C
 *
 * Ctrl-C at any point stops everything it started (and nothing else).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Receiver, selfSignedCert } from '../test/support/https-receiver';
import { APP_NAMES, Pipeline, type ManagementClient } from '../test/support/pipeline';
import { matcherTableHolds } from '../test/support/app-metric';
import { uniqueName } from '../test/support/test-env';
import { sleep } from '../test/support/wait-for';
import { printTable } from '../bench/support/stats';
import { AttemptTally } from './demo/attempt-tally';
import { streamEvents } from './demo/event-stream';
import { LocalServices } from '../test/support/local-services';

const SECONDS = Number(process.env.DEMO_SECONDS ?? 30);
const RATE = Number(process.env.DEMO_RATE ?? 4);
/** The flaky receiver's outage: long enough that early events run out of retries. */
const FAIL_SECONDS = Number(process.env.DEMO_FAIL_SECONDS ?? Math.min(20, (SECONDS * 2) / 3));
/** Short retry delays, so a retry series fits in the demo (production: 10s,1m,5m). */
const RETRY_DELAYS = '2s,5s,10s';
/** Time for the last retries to finish after publishing stops. */
const SETTLE_SECONDS = 60;
const KEEP = process.argv.includes('--keep') || process.env.DEMO_KEEP === '1';

interface DemoWebhook {
  label: string;
  path: string;
  id: string;
}

const services = new LocalServices();
const tls = selfSignedCert();
let failUntil = Number.POSITIVE_INFINITY;
const receiver = new Receiver(tls, (path) =>
  path === '/flaky' && Date.now() < failUntil ? { status: 503, body: 'down for the demo' } : {},
);
let pipeline: Pipeline | undefined;
let tally: AttemptTally | undefined;
let stopping = false;

async function createWebhook(
  api: ManagementClient,
  events: string[],
  label: string,
  path: string,
): Promise<DemoWebhook> {
  const body = await api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
    name: `demo: ${label}`,
    target_url: receiver.url(path),
    events,
  });
  return { label, path, id: body.id };
}

function progressLine(published: number, startedAt: number): string {
  const t = tally!.total;
  return (
    `[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] published ${published}, ` +
    `delivered ${t.delivered}, failed attempts ${t.failedAttempts}, retried ${t.retried}, ` +
    `dead-lettered ${t.deadLettered}` +
    (Date.now() < failUntil ? '   (flaky receiver answering 503)' : '')
  );
}

async function run(): Promise<void> {
  services.ensureRunning();
  await receiver.start();
  pipeline = new Pipeline({
    trustCertificate: tls.cert,
    env: { WEBHOOK_RETRY_DELAYS: RETRY_DELAYS, LOG_LEVEL: 'warn' },
  });
  console.log('starting management, matcher and sender (separate processes from dist/)...');
  await pipeline.start();
  tally = new AttemptTally(pipeline.brokers, pipeline.topics.attempts, uniqueName('demo-tally'));
  await tally.start();

  const organisationId = randomUUID();
  const api = await pipeline.newOrganisation(organisationId);
  // Every type in the catalog, read from the API as a client would.
  const catalog = await api.expect<{ data: Array<{ type: string }> }>(
    200,
    'GET',
    '/v1/event-types',
  );
  const events = catalog.data.map((entry) => entry.type);
  const webhooks: DemoWebhook[] = [
    await createWebhook(api, events, 'healthy receiver', '/healthy'),
    await createWebhook(
      api,
      events,
      `fails for ${FAIL_SECONDS.toFixed(0)} s, then recovers`,
      '/flaky',
    ),
  ];
  console.log(
    `organisation ${organisationId}: API key issued, 2 webhooks subscribed to all event types`,
  );
  // The routing topic carries the new webhooks to the matcher within milliseconds.
  await matcherTableHolds(pipeline.apps.matcher.port, 2);

  const startedAt = Date.now();
  failUntil = startedAt + FAIL_SECONDS * 1000;
  let published = 0;
  const timer = setInterval(() => console.log(progressLine(published, startedAt)), 2000);
  try {
    console.log(
      `publishing ~${RATE} events/s for ${SECONDS} s (retries after ${RETRY_DELAYS}; a 4th failure goes to the dead-letter topic)...`,
    );
    published = await streamEvents(
      pipeline.publisher,
      organisationId,
      { seconds: SECONDS, perSecond: RATE, stopped: () => stopping },
      (count) => (published = count),
    );
    const expected = published * webhooks.length;
    const settleBy = Date.now() + SETTLE_SECONDS * 1000;
    while (!stopping && Date.now() < settleBy) {
      const t = tally.total;
      if (t.delivered + t.deadLettered + t.cancelled >= expected) break;
      await sleep(250);
    }
  } finally {
    clearInterval(timer);
  }
  if (stopping) return;
  console.log(progressLine(published, startedAt));
  await summary(api, webhooks, published);
}

async function summary(
  api: ManagementClient,
  webhooks: DemoWebhook[],
  published: number,
): Promise<void> {
  console.log(`\nsummary: ${published} events published, one delivery per webhook each\n`);
  const rows: Array<Record<string, string>> = [];
  for (const webhook of webhooks) {
    const view = await api.expect<{ last_delivery: { status: string; attempt: number } | null }>(
      200,
      'GET',
      `/v1/webhooks/${webhook.id}`,
    );
    const t = tally!.of(webhook.id);
    rows.push({
      webhook: webhook.label,
      'requests received': String(receiver.on(webhook.path).length),
      delivered: String(t.delivered),
      'failed attempts': String(t.failedAttempts),
      retried: String(t.retried),
      'dead-lettered': String(t.deadLettered),
      'last delivery (REST)': view.last_delivery
        ? `${view.last_delivery.status}, attempt ${view.last_delivery.attempt}`
        : '-',
    });
  }
  printTable(rows);
  const p = pipeline!;
  console.log(
    `\nwhere to look (ports picked at random for this run; they live while the demo runs):`,
  );
  console.log(`  Swagger UI          ${p.managementUrl}/docs`);
  for (const name of APP_NAMES)
    console.log(`  ${`${name} metrics`.padEnd(19)} http://127.0.0.1:${p.apps[name].port}/metrics`);
  console.log(
    `  delivery log        curl -H "authorization: Bearer <the org key>" ${p.managementUrl}/v1/webhooks/${webhooks[1].id}/deliveries`,
  );
  console.log(
    `  topics              ${p.topics.deliveries}, ${p.topics.attempts}, ${p.topics.deadLetter}, ...`,
  );
  console.log(
    `  kafka-ui            http://localhost:8080 when the platform runs with docker compose up`,
  );
  if (KEEP) {
    console.log('\n--keep: the platform keeps running; Ctrl-C stops it.');
    await interruption;
  } else console.log('\n(run with `npm run demo -- --keep` to keep it running and browse them)');
}

/** Stops, in reverse order, everything this script started; safe to call twice. */
async function cleanUp(): Promise<void> {
  stopping = true;
  await tally?.stop().catch(() => undefined);
  await pipeline?.stop().catch((error: Error) => console.error(error.message));
  await receiver.stop().catch(() => undefined);
  services.stopStarted();
}

let interrupt!: () => void;
const interruption = new Promise<void>((resolve) => (interrupt = resolve));
let interruptedAt = 0;
process.on('SIGINT', () => {
  // tsx relays the terminal's SIGINT too: one Ctrl-C can arrive twice.
  if (stopping) {
    if (Date.now() - interruptedAt > 1000) console.log('still stopping...');
    return;
  }
  interruptedAt = Date.now();
  console.log('\nCtrl-C: stopping what the demo started...');
  stopping = true;
  interrupt();
});

run().then(
  async () => {
    await cleanUp();
    process.exit(0);
  },
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  },
);
