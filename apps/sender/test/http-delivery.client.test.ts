import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TargetPolicy } from '@app/webhooks';
import { HttpDeliveryClient } from '../src/http-delivery.client';
import type { Resolver } from '../src/safe-lookup';
import { Receiver, selfSignedCert } from './sender-support';

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
      ca: [tls.cert],
      resolver,
    });
  const call = (url: string) => ({
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    sensitive: [],
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
    const quick = new HttpDeliveryClient({
      timeoutMs: 150,
      policy: new TargetPolicy({ allowHttp: false, allowedPrivateCidrs: ['127.0.0.0/8'] }),
      connectionsPerOrigin: 2,
      ca: [tls.cert],
    });
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
