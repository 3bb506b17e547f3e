import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TargetPolicy } from '@app/webhooks';
import { ConnectionRamp } from '../src/flow-control/connection-ramp';
import { HttpDeliveryClient } from '../src/http/http-delivery.client';
import type { Resolver } from '../src/http/safe-lookup';
import { waitFor } from '../../../test/support/wait-for';
import { Receiver, selfSignedCert } from './sender-support';

/** A POST of an empty JSON object to `url`. */
function call(url: string) {
  return {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    sensitive: [],
  };
}

/** A client for the local test receivers (loopback allowed, their certificate trusted). */
function localClient(
  tls: { cert: string },
  timeoutMs: number,
  connectionsPerOrigin: number,
  connections = new ConnectionRamp(4),
): HttpDeliveryClient {
  return new HttpDeliveryClient({
    timeoutMs,
    policy: new TargetPolicy({ allowHttp: false, allowedPrivateCidrs: ['127.0.0.0/8'] }),
    connectionsPerOrigin,
    connections,
    ca: [tls.cert],
  });
}

/** Connect-time address checks: the resolved address decides, and a refused one is never dialled. */
describe('HttpDeliveryClient connect-time safety', () => {
  const tls = selfSignedCert();
  const receiver = new Receiver(tls);
  // A DNS that answers like a rebinding attacker: a public-looking name, private addresses.
  const resolver: Resolver = (hostname, callback) => {
    const answers: Record<string, string> = {
      'rebind.example.com': '127.0.0.1',
      'metadata.example.com': '169.254.169.254',
    };
    const address = answers[hostname];
    if (!address) return callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
    callback(null, [{ address, family: 4 }]);
  };
  const client = (allowedPrivateCidrs: string[], allowHttp = false) =>
    new HttpDeliveryClient({
      timeoutMs: 2000,
      policy: new TargetPolicy({ allowHttp, allowedPrivateCidrs }),
      connectionsPerOrigin: 2,
      connections: new ConnectionRamp(4),
      ca: [tls.cert],
      resolver,
    });

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('refuses a host name that resolves to a non-public address, without a connection', async () => {
    const strict = client([]);
    const result = await strict.send(call(`https://rebind.example.com:${receiver.port}/x`));
    const metadata = await strict.send(call(`https://metadata.example.com:${receiver.port}/x`));
    await strict.close();
    expect(result).toMatchObject({ status: 'failed', errorKind: 'blocked_address' });
    expect(metadata).toMatchObject({ status: 'failed', errorKind: 'blocked_address' });
    expect(receiver.connections).toBe(0);
  });

  it('connects to the checked address when its range is explicitly allowed', async () => {
    const relaxed = client(['127.0.0.0/8']);
    // The certificate names 127.0.0.1/localhost, not rebind.example.com: the TLS check still applies.
    const result = await relaxed.send(call(`https://rebind.example.com:${receiver.port}/x`));
    await relaxed.close();
    expect(result).toMatchObject({ status: 'failed', errorKind: 'tls' });
    expect(receiver.connections).toBe(1);
  });

  it('reports a name that does not resolve as dns, and http without WEBHOOK_ALLOW_HTTP as invalid_target', async () => {
    const relaxed = client(['127.0.0.0/8']);
    expect(await relaxed.send(call('https://nowhere.example.com/x'))).toMatchObject({
      errorKind: 'dns',
    });
    expect(await relaxed.send(call(`http://127.0.0.1:${receiver.port}/x`))).toMatchObject({
      errorKind: 'invalid_target',
    });
    await relaxed.close();
  });

  it('gives up on a TLS handshake that never ends at the attempt deadline', async () => {
    // Accepts the connection and never says a word: the handshake hangs.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const quick = localClient(tls, 150, 2);
    try {
      const results = await Promise.all(
        [0, 1, 2].map(() => quick.send(call(`https://127.0.0.1:${port}/hook`))),
      );
      for (const result of results)
        expect(result).toMatchObject({ status: 'failed', errorKind: 'timeout' });
      // The connect timeout of undici alone ticks in half seconds and let this run past 500 ms.
      expect(Math.max(...results.map((r) => r.durationMs))).toBeLessThan(450);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await quick.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/**
 * TLS sessions are kept per origin and dropped when a connect fails (callback-connector.ts):
 * offering a session costs the sender about 0.6 ms a connection, wasted on an endpoint that
 * never completes a handshake. What the client offers is read from its ClientHello.
 */
describe('HttpDeliveryClient TLS sessions', () => {
  const tls = selfSignedCert();
  const call = (port: number) => ({
    url: `https://127.0.0.1:${port}/hook`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    sensitive: [],
  });

  /** Listens on `port` (0: any), keeps each connection's first bytes, never answers. */
  async function silentListener(port = 0) {
    const hellos: Buffer[] = [];
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      const index = hellos.push(Buffer.alloc(0)) - 1;
      socket.on('data', (chunk: Buffer) => (hellos[index] = Buffer.concat([hellos[index], chunk])));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return {
      port: (server.address() as AddressInfo).port,
      hellos,
      close: async () => {
        sockets.forEach((socket) => socket.destroy());
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it('offers a session only to the origin it came from, and drops it after a failed connect', async () => {
    const receiver = await new Receiver(tls).start();
    const client = localClient(tls, 500, 1);
    let silent: Awaited<ReturnType<typeof silentListener>> | undefined;
    let other: Awaited<ReturnType<typeof silentListener>> | undefined;
    try {
      // A completed handshake: the origin's session is kept (TLS 1.3 sends it after the handshake).
      expect(await client.send(call(receiver.port))).toMatchObject({ status: 'succeeded' });
      expect(await client.send(call(receiver.port))).toMatchObject({ status: 'succeeded' });

      // Another port of the same host is another origin: no session offered to it.
      other = await silentListener();
      expect(await client.send(call(other.port))).toMatchObject({ errorKind: 'timeout' });
      expect(other.hellos.map(offersSession)).toEqual([false]);

      // The origin stops answering: its first connect offers the kept session, and once
      // that connect has failed the next ones offer none.
      const port = receiver.port;
      await receiver.stop();
      silent = await silentListener(port);
      for (let i = 0; i < 3; i += 1)
        expect(await client.send(call(port))).toMatchObject({ errorKind: 'timeout' });
      expect(silent.hellos.map(offersSession)).toEqual([true, false, false]);
    } finally {
      await client.destroy();
      await Promise.all([silent?.close(), other?.close()]);
    }
  });
});

/** Whether a TLS ClientHello offers a session to resume (its pre_shared_key extension). */
function offersSession(hello: Buffer): boolean {
  const PRE_SHARED_KEY = 41;
  let at = 5 + 4 + 2 + 32; // record header, handshake header, version, random
  at += 1 + hello[at]; // session id
  at += 2 + hello.readUInt16BE(at); // cipher suites
  at += 1 + hello[at]; // compression methods
  const end = at + 2 + hello.readUInt16BE(at);
  for (at += 2; at + 4 <= end; at += 4 + hello.readUInt16BE(at + 2))
    if (hello.readUInt16BE(at) === PRE_SHARED_KEY) return true;
  return false;
}

/**
 * Each origin's open connections are counted for the limiter (connection-ramp.ts): only a
 * completed handshake counts, under the key the limiter uses (URL.origin), until it closes.
 * And a stream of calls keeps to one connection.
 */
describe('HttpDeliveryClient connections', () => {
  const tls = selfSignedCert();

  it('counts a connection from its handshake to its close, and none that never completed', async () => {
    const receiver = await new Receiver(tls).start();
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentOrigin = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const origin = new URL(`https://127.0.0.1:${receiver.port}/hook`).origin;
    const ramp = new ConnectionRamp(4);
    const client = localClient(tls, 300, 4, ramp);
    try {
      // No connection yet: nothing held.
      expect(ramp.admits(origin, 3, 1)).toBe(true);
      expect(await client.send(call(`${origin}/hook`))).toMatchObject({ status: 'succeeded' });
      // One open: a request waits for it while it is busy.
      expect(ramp.admits(origin, 0, 1)).toBe(true);
      expect(ramp.admits(origin, 1, 1)).toBe(false);

      expect(await client.send(call(`${silentOrigin}/hook`))).toMatchObject({
        errorKind: 'timeout',
      });
      expect(ramp.admits(silentOrigin, 3, 1)).toBe(true);

      await client.close();
      await waitFor('the closed connection uncounted', () => ramp.admits(origin, 1, 1));
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await client.destroy();
      await receiver.stop();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  // undici reuses a keep-alive connection one event-loop turn after its response ended; a
  // call that returned before that turn made the caller's next call open a second one.
  it('sends a stream of calls to one origin over one connection', async () => {
    const receiver = await new Receiver(tls).start();
    const client = localClient(tls, 2000, 10);
    try {
      for (let i = 0; i < 8; i += 1)
        expect(await client.send(call(`https://127.0.0.1:${receiver.port}/hook`))).toMatchObject({
          status: 'succeeded',
        });
      expect(receiver.connections).toBe(1);
    } finally {
      await client.destroy();
      await receiver.stop();
    }
  });
});
