import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/** How the receiver answers right now: normally, 503, or by dropping the connection. */
export type ReceiverMode = 'ok' | 'unavailable' | 'reset';

/**
 * A local HTTPS receiver for long runs: it keeps only a count per `webhook-id` (not the
 * requests, which would grow without bound) and counts a callback as received only when it
 * answered 200. Its mode can be switched while the pipeline runs (the flapping receiver).
 */
export class CountingReceiver {
  mode: ReceiverMode = 'ok';
  /** Requests refused (503 or reset), for the progress line. */
  refused = 0;
  private readonly receipts = new Map<string, number>();
  /** Every answered delivery id in the order the requests came (for the ordering check). */
  readonly arrivals: string[] = [];
  private server!: Server;
  private port = 0;

  constructor(private readonly tls: { key: string; cert: string }) {}

  async start(): Promise<this> {
    this.server = createServer({ ...this.tls, keepAlive: true }, (req, res) => {
      req.resume(); // the body is not needed: the webhook-id header identifies the delivery
      req.on('end', () => {
        if (this.mode === 'reset') {
          this.refused += 1;
          req.socket.destroy();
          return;
        }
        if (this.mode === 'unavailable') {
          this.refused += 1;
          res.writeHead(503).end('flapping');
          return;
        }
        const id = String(req.headers['webhook-id']);
        this.receipts.set(id, (this.receipts.get(id) ?? 0) + 1);
        this.arrivals.push(id);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `https://127.0.0.1:${this.port}${path}`;
  }

  /** How many times the delivery was answered 200 (0 when never). */
  receiptsOf(deliveryId: string): number {
    return this.receipts.get(deliveryId) ?? 0;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
