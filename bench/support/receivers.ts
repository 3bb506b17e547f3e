import { Worker } from 'node:worker_threads';

/*
 * The receivers run in a worker thread (their own event loop), so the client being measured
 * (raw undici, the in-process sender, or the benchmark's own bookkeeping) does not share a
 * thread with them. Receipts come back in batches every 20 ms.
 */
const RECEIVER_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const https = require('node:https');
const servers = [];
let pending = [];
let handshakes = 0;
(async () => {
  const ports = [];
  for (let i = 0; i < workerData.count; i++) {
    const server = https.createServer({ key: workerData.key, cert: workerData.cert }, (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        const path = req.url || '/';
        let ts = NaN;
        try { ts = Date.parse(JSON.parse(Buffer.concat(chunks).toString()).timestamp); } catch {}
        pending.push([String(req.headers['webhook-id']), at, ts, path]);
        const answer = () => { if (!res.destroyed) { res.writeHead(204); res.end(); } };
        if (workerData.delayMs) setTimeout(answer, workerData.delayMs); else answer();
      });
    });
    server.on('secureConnection', () => { handshakes += 1; });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports.push(server.address().port);
  }
  parentPort.postMessage({ ports });
  setInterval(() => {
    if (pending.length) { parentPort.postMessage({ receipts: pending, handshakes }); pending = []; }
  }, 20);
  parentPort.on('message', (m) => {
    if (m === 'stop') { for (const s of servers) { s.closeAllConnections(); s.close(); } process.exit(0); }
  });
})();
`;

export interface Receipt {
  /** The request's `webhook-id` header (the delivery id). */
  id: string;
  /** When the request body had arrived, ms since the epoch. */
  at: number;
  /** The body's `timestamp` (the event's occurred_at), ms since the epoch, NaN if absent. */
  eventAt: number;
  path: string;
}

export interface ReceiverOptions {
  /** How many receivers, each on a port (an origin) of its own. */
  count: number;
  tls: { key: string; cert: string };
  /** Delay before every 204 answer (beyond the sender's timeout: a receiver that never answers). */
  delayMs?: number;
}

/** `count` HTTPS receivers on a worker thread, one origin each, answering 204. */
export class Receivers {
  readonly receipts: Receipt[] = [];
  /** Distinct `webhook-id`s received: what throughput counts (a duplicate adds nothing). */
  readonly distinctIds = new Set<string>();
  /**
   * TLS handshakes the receivers completed, as of their last batch of receipts: each is a
   * connection a client opened (a keep-alive pool that holds shows few).
   */
  handshakes = 0;
  /** Called for every receipt as it arrives on the main thread. */
  onReceipt: (receipt: Receipt) => void = () => undefined;
  private ports: number[] = [];
  private worker!: Worker;

  constructor(private readonly options: ReceiverOptions) {}

  async start(): Promise<this> {
    const { count, tls, delayMs = 0 } = this.options;
    this.worker = new Worker(RECEIVER_WORKER, {
      eval: true,
      workerData: { count, delayMs, key: tls.key, cert: tls.cert },
    });
    this.ports = await new Promise<number[]>((resolve) => {
      this.worker.on(
        'message',
        (message: {
          ports?: number[];
          receipts?: Array<[string, number, number, string]>;
          handshakes?: number;
        }) => {
          if (message.ports) resolve(message.ports);
          if (message.handshakes !== undefined) this.handshakes = message.handshakes;
          for (const [id, at, eventAt, path] of message.receipts ?? []) {
            const receipt = { id, at, eventAt, path };
            this.receipts.push(receipt);
            this.distinctIds.add(id);
            this.onReceipt(receipt);
          }
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
