/*
 * kafkajs 2.2.4 keeps a 1 ms timer running on every broker connection while nothing waits to
 * be sent: RequestQueue.scheduleCheckPendingRequests arms a timer even when no request is
 * pending and no throttle is in force, with a negative delay, and the check it fires arms the
 * next (tulios/kafkajs#1556 and #1704; the fix proposed in #1667 is not released). Idle, each
 * app spent about 3 % of a core on those timers. This gives the method the same behaviour
 * minus that loop: it schedules a check only while requests are pending or a throttle runs;
 * `push` schedules one again when a request has to wait. Applied once, to the kafkajs
 * version it was written against only.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('kafkajs/package.json') as { version: string };

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

/** kafkajs's own interval for a pending request that waits for an in-flight slot. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

/** The kafkajs release whose RequestQueue this replaces a method of. */
export const KAFKAJS_PATCHED_VERSION = '2.2.4';

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return;
  let scheduleAt = this.throttledUntil - Date.now();
  if (this.pending.length > 0)
    scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL;
  // Nothing pending and no throttle: nothing to check until a request has to wait.
  else if (scheduleAt <= 0) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, scheduleAt);
}

/** Whether the fix is in force (false on another kafkajs version, which is left as it is). */
export const kafkajsIdleFixApplied = ((): boolean => {
  if (version !== KAFKAJS_PATCHED_VERSION) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as {
    prototype: { scheduleCheckPendingRequests: typeof scheduleCheckPendingRequests };
  };
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
})();
