/**
 * Replay benchmark: a replay of REPLAY_EVENTS domain events (100,000 by default) for one
 * webhook, run by the matcher (a separate process, built as in production) while live
 * traffic goes on. Prints, from one run:
 *   - the matcher's live rate: a burst of live events as fast as they can be published;
 *   - steady live traffic (BENCH_LIVE_RATE events/s) without a replay: p50/p95/p99 from
 *     produce to delivery record;
 *   - the same steady traffic while the replay runs: the live p50/p95/p99 then, the replay's
 *     events scanned per second and its deliveries (counted by distinct delivery id against
 *     the expected matches: lost and duplicated are reported).
 *   npm run bench:replay   (BENCH_REPLAY_EVENTS, BENCH_LIVE_EVENTS, BENCH_LIVE_RATE,
 *                           BENCH_STEADY_SECONDS, MATCHER_REPLAY_MAX_EVENTS_PER_SECOND, BENCH_SEED)
 */
import { randomUUID } from 'node:crypto';
import { type Message, type Producer } from 'kafkajs';
import {
  EVENT_CATALOG,
  EVENT_TYPES,
  resolveTopics,
  STREAM_TOPIC,
  topicSpecs,
  type DeliveryRecord,
  type DomainEvent,
  type ReplayProgress,
  type ReplayRequest,
  type Topics,
} from '@app/contracts';
import { ensureTopics, createKafkaClientFromEnv } from '@app/kafka';
import { appMetric } from '../test/support/app-metric';
import { AppProcess } from '../test/support/app-process';
import { withLocalServices } from '../test/support/local-services';
import { freePort } from '../test/support/pipeline';
import { publishRoutes } from '../test/support/route-publisher';
import { TEST_BROKERS, uniqueName } from '../test/support/test-env';
import { sleep, waitFor } from '../test/support/wait-for';
import { reportProgress } from './support/progress';
import { writeResults } from './support/results';
import { seededRandom } from './support/seeded-random';
import { fmt, printTable, summarise } from './support/stats';

const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 100_000);
const LIVE_EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 20_000);
const LIVE_RATE = Number(process.env.BENCH_LIVE_RATE ?? 500);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 15);
const REPLAY_CAP = process.env.MATCHER_REPLAY_MAX_EVENTS_PER_SECOND;
const LIVE_ORGS = 100;
const LIVE_WEBHOOKS = 1_000;
/** The replayed webhook's organisation owns this share of the replayed window's events. */
const REPLAY_ORG_SHARE = 0.1;
const REPLAY_EVENT_TYPES = ['contact.created', 'conversation.inbound', 'form_submission.completed'];
const PUBLISH_BATCH = 500;

const kafka = createKafkaClientFromEnv('bench-replay');

function event(organisationId: string, type: (typeof EVENT_TYPES)[number]): DomainEvent {
  return {
    id: randomUUID(),
    type,
    organisation_id: organisationId,
    occurred_at: new Date().toISOString(),
    data: EVENT_CATALOG[type].example,
  };
}

function message(e: DomainEvent): Message {
  return { key: String(EVENT_CATALOG[e.type].aggregateIdOf(e.data)), value: JSON.stringify(e) };
}

async function publish(
  producer: Producer,
  topics: Topics,
  events: DomainEvent[],
  sentAt?: Map<string, number>,
): Promise<void> {
  for (let i = 0; i < events.length; i += PUBLISH_BATCH) {
    const byTopic = new Map<string, Message[]>();
    const now = Date.now();
    for (const e of events.slice(i, i + PUBLISH_BATCH)) {
      sentAt?.set(e.id, now);
      const topic = topics[STREAM_TOPIC[EVENT_CATALOG[e.type].stream]];
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message(e)]);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
}

/** Live records by distinct delivery id with their latency; replayed ones by distinct id. */
class DeliveryLedger {
  readonly sentAt = new Map<string, number>();
  readonly live = new Map<string, number>();
  readonly replayed = new Set<string>();
  replayRecords = 0;
  liveRecords = 0;

  latenciesOf(eventIds: ReadonlySet<string>): number[] {
    const samples: number[] = [];
    for (const [key, latencyMs] of this.live)
      if (eventIds.has(key.split('/')[0])) samples.push(latencyMs);
    return samples;
  }

  record(value: Buffer, at: number): void {
    const record = JSON.parse(value.toString()) as DeliveryRecord;
    if (record.trigger === 'replay') {
      this.replayRecords += 1;
      this.replayed.add(record.delivery_id);
      return;
    }
    this.liveRecords += 1;
    const key = `${record.payload.id}/${record.delivery_id}`;
    const sent = this.sentAt.get(record.payload.id);
    if (sent !== undefined && !this.live.has(key)) this.live.set(key, at - sent);
  }
}

/** Publishes `rate` events/s for `seconds` (10 steps a second); returns their ids. */
async function steadyTraffic(
  producer: Producer,
  topics: Topics,
  make: () => DomainEvent,
  rate: number,
  seconds: number,
  sentAt: Map<string, number>,
  until: () => boolean = () => true,
): Promise<Set<string>> {
  const ids = new Set<string>();
  const perStep = Math.max(1, Math.round(rate / 10));
  const started = Date.now();
  for (let step = 0; ; step += 1) {
    if (Date.now() - started >= seconds * 1000 && until()) break;
    const events = Array.from({ length: perStep }, make);
    for (const e of events) ids.add(e.id);
    await publish(producer, topics, events, sentAt);
    const due = started + (step + 1) * 100;
    if (due > Date.now()) await sleep(due - Date.now());
  }
  return ids;
}

async function main() {
  const random = seededRandom();
  const prefix = `${uniqueName('bench-replay')}.`;
  const topics = resolveTopics({}, prefix);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicSpecs(topics));
  await admin.disconnect();
  console.log(
    `replay benchmark: ${REPLAY_EVENTS} events to replay, live ${LIVE_RATE} events/s, broker ${TEST_BROKERS.join(',')}`,
  );

  // Live webhooks, as in the matcher benchmark: three event types each, on the routing topic.
  const liveOrgs = Array.from({ length: LIVE_ORGS }, () => randomUUID());
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await publishRoutes(
    producer,
    topics.webhookRoutes,
    Array.from({ length: LIVE_WEBHOOKS }, (_, i) => ({
      webhook_id: randomUUID(),
      organisation_id: liveOrgs[i % LIVE_ORGS],
      events: [0, 5, 10].map((offset) => EVENT_TYPES[(i + offset) % EVENT_TYPES.length]),
      active: true,
      version: Date.now(),
    })),
  );
  const subscribers = new Map<string, number>();
  for (let i = 0; i < LIVE_WEBHOOKS; i += 1)
    for (const offset of [0, 5, 10]) {
      const key = `${liveOrgs[i % LIVE_ORGS]}/${EVENT_TYPES[(i + offset) % EVENT_TYPES.length]}`;
      subscribers.set(key, (subscribers.get(key) ?? 0) + 1);
    }
  let expectedLive = 0;
  const liveEvent = () => {
    const e = event(
      liveOrgs[Math.floor(random() * LIVE_ORGS)],
      EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)],
    );
    expectedLive += subscribers.get(`${e.organisation_id}/${e.type}`) ?? 0;
    return e;
  };
  const matcher = new AppProcess('matcher', await freePort(), {
    KAFKA_BROKERS: TEST_BROKERS.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    MATCHER_CONSUMER_GROUP: uniqueName('bench-replay-matcher'),
    LOG_LEVEL: 'warn',
    ...(REPLAY_CAP ? { MATCHER_REPLAY_MAX_EVENTS_PER_SECOND: REPLAY_CAP } : {}),
  });
  const ledger = new DeliveryLedger();
  const progress: ReplayProgress[] = [];
  const collector = kafka.consumer({
    groupId: uniqueName('bench-replay-collect'),
    maxBytesPerPartition: 4 << 20,
  });
  await collector.connect();
  await collector.subscribe({
    topics: [topics.deliveries, topics.replayProgress],
    fromBeginning: true,
  });
  await collector.run({
    eachBatch: async ({ batch }) => {
      const at = Date.now();
      for (const m of batch.messages) {
        if (batch.topic === topics.replayProgress)
          progress.push(JSON.parse(m.value!.toString()) as ReplayProgress);
        else ledger.record(m.value!, at);
      }
      await Promise.resolve();
    },
  });

  try {
    await matcher.start();

    // The window to replay: events of organisations without live webhooks (so the live
    // consumer, which reads them too as they come, matches none), a share of them the
    // replayed webhook's organisation's. The webhook exists only in the replay request.
    const replayOrg = randomUUID();
    const otherOrgs = Array.from({ length: 100 }, () => randomUUID());
    const historical = Array.from({ length: REPLAY_EVENTS }, () =>
      event(
        random() < REPLAY_ORG_SHARE
          ? replayOrg
          : otherOrgs[Math.floor(random() * otherOrgs.length)],
        EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)],
      ),
    );
    const expectedReplayed = historical.filter(
      (e) => e.organisation_id === replayOrg && REPLAY_EVENT_TYPES.includes(e.type),
    ).length;
    const since = new Date(Date.now() - 1).toISOString();
    console.log(`publishing the ${REPLAY_EVENTS} events of the window...`);
    await publish(producer, topics, historical);
    await sleep(5);
    const until = new Date().toISOString();
    await waitFor(
      'the live matcher to have read the window',
      async () => (await appMetric(matcher.port, 'matcher_events_consumed_total')) >= REPLAY_EVENTS,
      600_000,
      200,
    );

    // 1. The matcher's live rate: a burst as fast as it can be published.
    console.log(`live burst of ${LIVE_EVENTS} events...`);
    const burst = Array.from({ length: LIVE_EVENTS }, liveEvent);
    const consumedBefore = await appMetric(matcher.port, 'matcher_events_consumed_total');
    const burstStarted = Date.now();
    await publish(producer, topics, burst, ledger.sentAt);
    await waitFor(
      'the burst to be matched',
      async () =>
        (await appMetric(matcher.port, 'matcher_events_consumed_total')) >=
        consumedBefore + LIVE_EVENTS,
      600_000,
      100,
    );
    const liveRate = LIVE_EVENTS / ((Date.now() - burstStarted) / 1000);

    // 2. Steady live traffic alone.
    console.log(`steady live traffic, ${LIVE_RATE} events/s for ${STEADY_SECONDS} s, no replay...`);
    const quietIds = await steadyTraffic(
      producer,
      topics,
      liveEvent,
      LIVE_RATE,
      STEADY_SECONDS,
      ledger.sentAt,
    );

    // 3. The same traffic while the replay runs.
    console.log('steady live traffic during the replay...');
    const request: ReplayRequest = {
      replay_id: randomUUID(),
      webhook_id: randomUUID(),
      organisation_id: replayOrg,
      events: REPLAY_EVENT_TYPES,
      since,
      until,
      requested_at: new Date().toISOString(),
    };
    const finished = () =>
      progress.find((p) => p.replay_id === request.replay_id && p.state !== 'running');
    const stopProgress = reportProgress(() => {
      const last = progress.filter((p) => p.replay_id === request.replay_id).pop();
      return `replay ${last?.state ?? 'requested'}: scanned ${last?.events_scanned ?? 0}/${last?.events_total ?? '?'}, matched ${last?.events_matched ?? 0}; replayed records ${ledger.replayed.size}/${expectedReplayed}`;
    });
    const replayStarted = Date.now();
    await producer.send({
      topic: topics.replays,
      acks: -1,
      messages: [{ key: request.webhook_id, value: JSON.stringify(request) }],
    });
    const busyIds = await steadyTraffic(
      producer,
      topics,
      liveEvent,
      LIVE_RATE,
      1,
      ledger.sentAt,
      () => !!finished(),
    );
    const replayWallSeconds = (Date.now() - replayStarted) / 1000;
    await waitFor(
      'the replayed deliveries',
      () => ledger.replayed.size >= expectedReplayed,
      60_000,
      100,
    ).catch(() => undefined);
    stopProgress();
    const end = finished()!;
    await waitFor(
      `${expectedLive} live delivery records`,
      () => ledger.live.size >= expectedLive,
      120_000,
      100,
    );

    const scanSeconds = (Date.parse(end.reported_at) - Date.parse(end.started_at)) / 1000;
    const quiet = summarise(ledger.latenciesOf(quietIds));
    const busy = summarise(ledger.latenciesOf(busyIds));
    const rows = [
      {
        run: `live burst, ${LIVE_EVENTS} events`,
        'events/s': fmt(liveRate),
        'live p50 ms': 'n/a',
        'live p95 ms': 'n/a',
        'live p99 ms': 'n/a',
        'replay deliveries (expected, lost, duplicated)': '',
      },
      {
        run: `live ${LIVE_RATE}/s, no replay (${quietIds.size} events)`,
        'events/s': fmt(LIVE_RATE),
        'live p50 ms': fmt(quiet.p50),
        'live p95 ms': fmt(quiet.p95),
        'live p99 ms': fmt(quiet.p99),
        'replay deliveries (expected, lost, duplicated)': '',
      },
      {
        run: `live ${LIVE_RATE}/s during a replay of ${end.events_scanned} events (${busyIds.size} live events)`,
        'events/s': `${fmt(end.events_scanned / scanSeconds)} scanned`,
        'live p50 ms': fmt(busy.p50),
        'live p95 ms': fmt(busy.p95),
        'live p99 ms': fmt(busy.p99),
        'replay deliveries (expected, lost, duplicated)': `${ledger.replayed.size} (${expectedReplayed}, ${Math.max(0, expectedReplayed - ledger.replayed.size)}, ${ledger.replayRecords - ledger.replayed.size})`,
      },
    ];
    printTable(rows);
    console.log(
      `replay ${end.state}: ${end.events_scanned} scanned in ${fmt(scanSeconds, 1)} s (request to end ${fmt(replayWallSeconds, 1)} s), ${end.events_matched} matched`,
    );
    // One file per cap, so a run with another cap does not replace the default's figures.
    const name = REPLAY_CAP ? `replay-cap-${REPLAY_CAP}` : 'replay';
    const command = REPLAY_CAP
      ? `MATCHER_REPLAY_MAX_EVENTS_PER_SECOND=${REPLAY_CAP} npm run bench:replay`
      : 'npm run bench:replay';
    writeResults(name, command, [
      {
        title: `Replay of ${REPLAY_EVENTS} events for one webhook, next to live traffic`,
        rows,
        notes: [
          `the replay's scan rate is events_scanned over the matcher's own started_at..reported_at of the replay; the cap MATCHER_REPLAY_MAX_EVENTS_PER_SECOND was ${REPLAY_CAP ?? '10000 (default)'}`,
          `the window holds events of 101 organisations without live webhooks; ${Math.round(REPLAY_ORG_SHARE * 100)}% are the replayed webhook's organisation's, which subscribes to 3 of the 15 types`,
          `live traffic: ${LIVE_ORGS} organisations, ${LIVE_WEBHOOKS} webhooks of 3 types each; latency from produce to the delivery record on webhooks.deliveries, per distinct delivery id`,
          'replayed deliveries are counted by distinct delivery id against the expected matches',
        ],
      },
    ]);
  } finally {
    await collector.disconnect();
    await producer.disconnect();
    await matcher.stop();
  }
}

withLocalServices(main).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
