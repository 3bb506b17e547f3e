/**
 * Grows an origin's connections only for a queue worth a handshake: while it has some open
 * and all are busy, the next connection opens when `queuePerConnection` (SenderLimits)
 * requests per open connection wait, and only one at a time.
 *
 * Why: a new TLS connection costs the sender about 1.5 to 2.4 ms of its one thread (socket,
 * session, handshake). When the thread stalls for a moment, each healthy origin's next few
 * records bunch up, undici opened a connection for every request that found none free,
 * and the handshakes stalled the thread further: in bench:flood a stall opened 30 to 160
 * connections to 20 healthy receivers within a window, and their p99 rose from tens to
 * hundreds of ms (docs/notes/2026-12-03-connection-ramp.md). A few records wait less
 * for a busy connection than for a handshake, on a near receiver and a far one alike (a
 * handshake takes round trips, a request at least one); a deep queue (a real burst) still
 * grows the pool to SENDER_MAX_PER_ENDPOINT, one connection per handshake.
 *
 * An origin with no open connection (new, idle past the keep-alive, or not answering) is not
 * held: its requests connect in parallel up to the per-endpoint cap, as before, so an
 * endpoint that accepts TCP and never completes a handshake still gets that many attempts
 * at once, not one.
 */
export class ConnectionRamp {
  /** Open connections per origin (`URL.origin`); origins with none are absent. */
  private readonly open = new Map<string, number>();
  private listeners: Array<() => void> = [];

  constructor(private readonly queuePerConnection: number) {}

  /**
   * Whether one more request to `origin` may start while `running` of its requests run and
   * `waiting` wait (the one asking included).
   */
  admits(origin: string, running: number, waiting: number): boolean {
    const open = this.open.get(origin) ?? 0;
    if (open === 0 || running < open) return true;
    return running === open && waiting >= this.queuePerConnection * open;
  }

  /** A connection to `origin` completed its handshake. */
  opened(origin: string): void {
    this.open.set(origin, (this.open.get(origin) ?? 0) + 1);
    this.changed();
  }

  /** A connection to `origin` that had opened is closed. */
  closed(origin: string): void {
    const left = (this.open.get(origin) ?? 0) - 1;
    if (left > 0) this.open.set(origin, left);
    else this.open.delete(origin);
    // One fewer open connection can also admit more: none open lifts the hold.
    this.changed();
  }

  /** Calls `listener` whenever an origin may admit more (a connection opened or closed). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
