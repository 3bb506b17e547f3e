/** Protocol errors that mean this member no longer owns its partitions (kafkajs `type` names). */
const LOST_MEMBERSHIP = new Set([
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'REBALANCE_IN_PROGRESS',
  'FENCED_INSTANCE_ID',
]);

/**
 * True when an error (or any error it wraps: kafkajs wraps protocol errors in
 * KafkaJSNonRetriableError with a `cause`) says the consumer was removed from its group or
 * the group is rebalancing. A commit failing this way is not a fault: the records go to
 * the partition's next owner, uncommitted, and are processed again there.
 */
export function isLostMembership(error: unknown): boolean {
  for (let e = error as { type?: unknown; cause?: unknown } | undefined; e;) {
    if (typeof e.type === 'string' && LOST_MEMBERSHIP.has(e.type)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Runs `work` while heartbeating the group every `everyMs`, so a slow batch (a slow or
 * restarting database) does not outlast the session timeout and get the member evicted.
 * A failed heartbeat is ignored here: the commit that follows the work reports it.
 */
export async function withHeartbeats<T>(
  heartbeat: () => Promise<void>,
  work: () => Promise<T>,
  everyMs = 1000,
): Promise<T> {
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating.then(() => heartbeat().catch(() => undefined));
  }, everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await beating;
  }
}
