/*
 * Sender benchmark against the real local broker and FerretDB, with local HTTPS receivers.
 *
 *   npm run bench:sender            (BENCH_WEBHOOKS, BENCH_BURST, BENCH_STEADY_SECONDS to change)
 *
 * 1. raw undici: POSTs straight to the receiver with the sender's limits (same pool per
 *    origin, same global concurrency): the ceiling for this machine.
 * 2. burst: BENCH_BURST deliveries produced at once for BENCH_WEBHOOKS webhooks; throughput
 *    from first produce to last receipt (Kafka in, signed HTTPS out, outcome produced).
 * 3. steady: deliveries produced at half the burst rate; event-to-receipt latency.
 * 4. steady with one extra webhook whose receiver never answers within the timeout: the
 *    healthy receivers' latency.
 * The sender and the raw client run on the main thread, the receivers on a worker thread of
 * the same process; peak RSS is the whole process's.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Registry } from 'prom-client';
import { Agent, request } from 'undici';
import type { DeliveryRecord } from '@app/contracts';
import { Harness, selfSignedCert } from '../apps/sender/test/sender-support';
import { waitFor } from '../test/support/wait-for';

const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 5000);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 10);
const MAX_IN_FLIGHT = 200;
const PER_ENDPOINT = 10;

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Row {
  run: string;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  /** A throughput run (as fast as possible), compared with the raw rate. */
  throughput?: boolean;
}
const rows: Row[] = [];

/*
 * The receivers run in a worker thread (their own event loop), so the raw undici client and
 * the sender are measured against the same receivers without sharing a thread with them.
 */
const RECEIVER_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const https = require('node:https');
const servers = [];
let pending = [];
(async () => {
  const ports = [];
  for (let i = 0; i < workerData.count; i++) {
    const server = https.createServer({ key: workerData.key, cert: workerData.cert }, (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        let ts = NaN;
        try { ts = Date.parse(JSON.parse(Buffer.concat(chunks).toString()).timestamp); } catch {}
        pending.push([String(req.headers['webhook-id']), at, ts]);
        const answer = () => { if (!res.destroyed) { res.writeHead(204); res.end(); } };
        if (workerData.delayMs) setTimeout(answer, workerData.delayMs); else answer();
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports.push(server.address().port);
  }
  parentPort.postMessage({ ports });
  setInterval(() => {
    if (pending.length) { parentPort.postMessage({ receipts: pending }); pending = []; }
  }, 20);
  parentPort.on('message', (m) => {
    if (m === 'stop') { for (const s of servers) { s.closeAllConnections(); s.close(); } process.exit(0); }
  });
})();
`;

interface Receipt {
  id: string;
  at: number;
  eventAt: number;
}

/** `count` HTTPS receivers, one origin each (as N webhooks of N customers would be). */
class Receivers {
  readonly receipts: Receipt[] = [];
  private ports: number[] = [];
  private worker!: Worker;

  constructor(
    private readonly count: number,
    private readonly delayMs = 0,
  ) {}

  async start(): Promise<this> {
    this.worker = new Worker(RECEIVER_WORKER, {
      eval: true,
      workerData: { count: this.count, delayMs: this.delayMs, ...tlsMaterial },
    });
    this.ports = await new Promise<number[]>((resolve) => {
      this.worker.on(
        'message',
        (message: { ports?: number[]; receipts?: Array<[string, number, number]> }) => {
          if (message.ports) resolve(message.ports);
          for (const [id, at, eventAt] of message.receipts ?? [])
            this.receipts.push({ id, at, eventAt });
        },
      );
    });
    return this;
  }

  url(index: number, path: string): string {
    return `https://127.0.0.1:${this.ports[index % this.ports.length]}${path}`;
  }

  get size(): number {
    return this.ports.length;
  }

  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await new Promise((resolve) => this.worker.once('exit', resolve));
  }
}

function latencies(receivers: Receivers, ids: Set<string>): number[] {
  return receivers.receipts.filter((r) => ids.has(r.id)).map((r) => r.at - r.eventAt);
}

async function rawUndici(receivers: Receivers, total: number): Promise<void> {
  const agent = new Agent({ connections: PER_ENDPOINT, connect: { ca: [tlsMaterial.cert] } });
  const body = JSON.stringify({
    id: 'x',
    type: 'contact.created',
    timestamp: new Date().toISOString(),
    organisation_id: 'o',
    data: { full_name: 'Zoë Example', id: 'c' },
  });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const res = await request(receivers.url(i, '/raw'), {
        dispatcher: agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': `raw-${i}` },
        body,
      });
      await res.body.text();
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(MAX_IN_FLIGHT, receivers.size * PER_ENDPOINT) }, worker),
  );
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    throughput: true,
    run: 'raw undici POST (ceiling)',
    requests: total,
    seconds,
    perSecond: total / seconds,
    p50: null,
    p99: null,
    max: null,
  });
  await agent.close();
}

async function steady(
  harness: Harness,
  webhookIds: string[],
  receiver: Receivers,
  rate: number,
  label: string,
  healthy = new Set(webhookIds),
): Promise<void> {
  const ids = new Set<string>();
  const startCount = receiver.receipts.length;
  const from = Date.now();
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const ticks = Math.round((STEADY_SECONDS * 1000) / tickMs);
  let n = 0;
  for (let t = 0; t < ticks; t += 1) {
    const started = Date.now();
    const batch: DeliveryRecord[] = [];
    for (let i = 0; i < perTick; i += 1)
      batch.push(harness.record(webhookIds[n++ % webhookIds.length]));
    batch.filter((r) => healthy.has(r.webhook_id)).forEach((r) => ids.add(r.delivery_id));
    await harness.produce(batch);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, tickMs - (Date.now() - started))),
    );
  }
  const target = startCount + ids.size;
  await waitFor(`${label} deliveries`, () => receiver.receipts.length >= target, 60_000);
  const values = latencies(receiver, ids);
  const seconds = (Date.now() - from) / 1000;
  rows.push({
    run: label,
    requests: ids.size,
    seconds,
    perSecond: ids.size / seconds,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: Math.max(...values),
  });
}

const tlsMaterial = selfSignedCert();
const registry = new Registry();

/** Mean attempt duration (HTTP only) so far, from the sender's own histogram. */
async function meanAttemptMs(): Promise<number> {
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
  const receiver = new Receivers(WEBHOOKS);
  const blackHole = new Receivers(1, 3000);
  await Promise.all([receiver.start(), blackHole.start()]);
  const harness = await new Harness().start();
  try {
    await rawUndici(receiver, BURST);

    const hooks = await Promise.all(
      Array.from({ length: WEBHOOKS }, (_, i) =>
        harness.addWebhook({ url: receiver.url(i, '/hook') }),
      ),
    );
    const ids = hooks.map((h) => h.id);
    await harness.startSender(
      harness.config({
        LOG_LEVEL: 'silent',
        WEBHOOK_RETRY_DELAYS: '10s,1m,5m',
        SENDER_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
        SENDER_MAX_PER_ENDPOINT: String(PER_ENDPOINT),
      }),
      { ca: [tlsMaterial.cert], registry },
    );
    // Warm-up: the group has joined and connections are open.
    const warm = ids.map((id) => harness.record(id));
    await harness.produce(warm);
    await waitFor('warm-up', () => receiver.receipts.length >= BURST + warm.length, 30_000);

    // Burst.
    const burst = Array.from({ length: BURST }, (_, i) => harness.record(ids[i % ids.length]));
    const burstIds = new Set(burst.map((r) => r.delivery_id));
    const target = receiver.receipts.length + BURST;
    const from = Date.now();
    await harness.produce(burst);
    await waitFor('burst', () => receiver.receipts.length >= target, 90_000);
    const burstValues = latencies(receiver, burstIds);
    const lastReceipt = Math.max(
      ...receiver.receipts.filter((r) => burstIds.has(r.id)).map((r) => r.at),
    );
    const burstSeconds = (lastReceipt - from) / 1000;
    rows.push({
      throughput: true,
      run: `sender burst (${WEBHOOKS} webhooks)`,
      requests: BURST,
      seconds: burstSeconds,
      perSecond: BURST / burstSeconds,
      p50: percentile(burstValues, 50),
      p99: percentile(burstValues, 99),
      max: Math.max(...burstValues),
    });

    console.log(
      `mean HTTP attempt duration during warm-up + burst: ${(await meanAttemptMs()).toFixed(1)} ms`,
    );
    const rate = Math.round(BURST / burstSeconds / 2);
    await steady(harness, ids, receiver, rate, `sender steady @${rate}/s`);

    // One more webhook whose receiver never answers in time; healthy receivers measured.
    const slow = await harness.addWebhook({ url: blackHole.url(0, '/never') });
    const slowBefore = blackHole.receipts.length;
    await steady(
      harness,
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
      p50: null,
      p99: null,
      max: null,
    });
  } finally {
    printTable();
    await harness.stop();
    await Promise.all([receiver.stop(), blackHole.stop()]);
    clearInterval(rssTimer);
  }
}

function printTable(): void {
  const raw = rows[0]?.perSecond ?? NaN;
  const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(0));
  const lines = [
    '| run | deliveries | seconds | per second | vs raw | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.run} | ${r.requests} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.throughput ? (r.perSecond / raw).toFixed(2) : '-'} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} |`,
    ),
  ];
  console.log(
    `\nsender benchmark: ${WEBHOOKS} webhooks, SENDER_MAX_IN_FLIGHT=${MAX_IN_FLIGHT}, SENDER_MAX_PER_ENDPOINT=${PER_ENDPOINT}, node ${process.version}`,
  );
  console.log(lines.join('\n'));
  console.log(
    `peak RSS (whole process: sender, Kafka clients, receiver thread): ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MB`,
  );
  console.log(
    'latency = receipt at the receiver - event timestamp (set when the delivery record was produced)',
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
