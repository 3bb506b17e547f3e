import type { Socket } from 'node:net';
import { LRUCache } from 'lru-cache';
import { buildConnector, errors } from 'undici';
import { deadline } from './deadline';

/** Origins whose connector (and TLS session) is remembered at most; the least recently used go. */
const ORIGINS_KEPT = 10_000;

/**
 * The sender's undici connector: one deadline over connect and TLS, and TLS sessions kept
 * per origin and forgotten when a connect fails.
 *
 * - Deadline: undici's own connect timeout runs on its coarse timers (half-second ticks),
 *   and an aborted request waits for its connection attempt to end: a receiver that
 *   accepts TCP and never finishes the TLS handshake held an attempt (and its slot) for up
 *   to a second past a 2 s timeout. Here the connect gives up at the deadline.
 * - Sessions: undici keeps one TLS session per host name (per IP address when there is
 *   none), whatever the port, and offers it on every new connection. Offering one costs
 *   about 0.6 ms of CPU on OpenSSL 3 (decoding it), which buys nothing when the handshake
 *   never completes: an endpoint that stopped answering paid it on each of its timed-out
 *   attempts, the largest single cost of its flood in the sender
 *   (docs/notes/2026-12-03-dead-endpoint-tls.md). Each origin gets a connector of its own, so its
 *   session is its own, and a failed or timed-out connect drops that connector: the
 *   origin's next connections start without a session until one completes a handshake.
 */
/** Told of each connection that opened, and when it closes (flow-control/connection-ramp.ts). */
export interface ConnectionEvents {
  opened(origin: string): void;
  closed(origin: string): void;
}

export function callbackConnector(
  options: buildConnector.BuildOptions,
  timeoutMs: number,
  connections: ConnectionEvents,
): buildConnector.connector {
  const connectors = new LRUCache<string, buildConnector.connector>({ max: ORIGINS_KEPT });
  return (target, callback) => {
    const origin = `${target.protocol}//${target.hostname}:${target.port}`;
    let connect = connectors.get(origin);
    if (connect === undefined) {
      connect = buildConnector({ ...options, timeout: timeoutMs });
      connectors.set(origin, connect);
    }
    const forget = () => {
      if (connectors.get(origin) === connect) connectors.delete(origin);
    };
    let settled = false;
    const dialed: { socket?: Socket } = {};
    const cancelDeadline = deadline(timeoutMs, () => {
      if (settled) return;
      settled = true;
      forget();
      dialed.socket?.destroy();
      callback(new errors.ConnectTimeoutError(), null);
    });
    // undici's connector returns the socket it dials, though its type says void.
    dialed.socket = connect(target, (error, socket) => {
      if (settled) {
        socket?.destroy();
        return;
      }
      settled = true;
      cancelDeadline();
      if (error) {
        forget();
        callback(error, null);
        return;
      }
      // The limiter's key: URL.origin, which undici's host (with any port) spells out.
      const key = `${target.protocol}//${target.host ?? target.hostname}`;
      connections.opened(key);
      socket.once('close', () => connections.closed(key));
      callback(null, socket);
    }) as unknown as Socket | undefined;
    return dialed.socket;
  };
}
