import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for 127.0.0.1 / localhost, made with openssl at test time. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sender-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ReceivedRequest {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Behaviour = (
  path: string,
  request: ReceivedRequest,
) => {
  status?: number;
  delayMs?: number;
  headers?: Record<string, string>;
  body?: string;
  reset?: boolean;
};

/** A local HTTPS receiver that records every request and answers as `behaviour` says. */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  connections = 0;
  private server!: Server;
  port = 0;

  constructor(
    private readonly tls: { key: string; cert: string },
    private readonly behaviour: Behaviour = () => ({}),
  ) {}

  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer({ ...this.tls, keepAlive: true }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const request: ReceivedRequest = {
          path,
          method: req.method ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        this.requests.push(request);
        const answer = this.behaviour(path, request);
        if (answer.reset) {
          req.socket.destroy();
          return;
        }
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(answer.status ?? 200, answer.headers ?? { 'content-type': 'text/plain' });
          res.end(answer.body ?? 'ok');
        }, answer.delayMs ?? 0);
      });
    });
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `https://${host}:${this.port}${path}`;
  }

  on(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
