import type { SenderConfig } from '../sender.config';

/**
 * Every bound and factor of the sender's flow control, named and explained once. Built
 * from the configuration at start (senderLimits); the mechanisms take what they need from
 * here and keep no constant of their own. docs/design.md ("A flooded endpoint", "A rate
 * limit per webhook") states the rules these bounds serve.
 */
export interface SenderLimits {
  // --- Callbacks in flight -------------------------------------------------------------

  /** Callbacks at once, over all partitions and endpoints (SENDER_MAX_IN_FLIGHT). */
  maxInFlight: number;
  /** Callbacks at once to one endpoint (origin); also its connection pool (SENDER_MAX_PER_ENDPOINT). */
  maxPerEndpoint: number;
  /**
   * Requests waiting per open connection before an origin whose connections are all busy
   * opens another (ConnectionRamp): a few requests wait less for a busy connection than for
   * a TLS handshake, which also costs the sender's thread 1.5 to 2.4 ms.
   */
  queuePerConnection: number;
  /** Deadline of one attempt (WEBHOOK_TIMEOUT_MS): how long a dead endpoint holds a slot. */
  timeoutMs: number;

  // --- An endpoint's share of records in memory ------------------------------------------

  /**
   * Records of one endpoint running or waiting that it always may hold
   * (SENDER_ENDPOINT_BACKLOG); past its share, its records are deferred without an attempt.
   */
  endpointBacklog: number;
  /**
   * A fast endpoint's share grows to what it works through within the share budget, up to
   * this many times `endpointBacklog`, so endpoints that were fast and then die cannot fill
   * the consumer's pending bound.
   */
  shareCapFactor: number;
  /**
   * The least time a share is sized for, however short the first retry delay (the budget is
   * twice that delay, the longest a deferral makes a record wait). A deferral costs a
   * produce and a consume, and may meet the same crowd when it comes back: sized to 1 s,
   * healthy but busy receivers' shares shrank to the floor and a burst of 20,000 records
   * made 34,000 deferrals.
   */
  minShareBudgetMs: number;
  /** Weight of the newest attempt in an endpoint's moving average of attempt durations. */
  paceWeight: number;
  /** Endpoints and webhooks whose pace and lines are remembered; the least recently used go. */
  remembered: number;

  // --- A webhook's own rate limit --------------------------------------------------------

  /**
   * Longest a record waits in memory for its turn under its webhook's rate limit; further
   * off, it is deferred: a waiting record counts against the pending bound and holds back
   * its partition's commit.
   */
  maxRateWaitMs: number;

  // --- Intake: records taken from Kafka ----------------------------------------------------

  /** Records taken and unfinished, at most (memory bound and backpressure). */
  maxPending: number;
  /**
   * Records being deferred, at most, per record of `maxPending`: a deferral costs only its
   * produce, and a dead endpoint's flood counted in the first bound would stop every
   * partition until it was written out again.
   */
  deferringPerPending: number;
  /** Records of crowded endpoints put aside (paced intake), at most, per record of `maxPending`. */
  parkedPerPending: number;
  /**
   * Put-aside records taken in per turn, and the turn: taking one in costs about 0.2 ms of
   * the thread, and a flood of thousands taken in at once held every other endpoint's
   * callbacks for a second.
   */
  intakePerTurn: number;
  intakeTurnMs: number;
  /**
   * How early a retry record may be taken (it then waits in memory until due): one fetch
   * wait. Holding and seeking for each of a line of closely spaced records would cost a
   * fetch round trip per handful of them.
   */
  takeEarlyMs: number;
  /**
   * Unfinished records of one ordered partition, at most: records behind a failing one wait
   * in memory for minutes, and must not fill `maxPending` for everybody.
   */
  orderedBacklog: number;
  /** How long an ordered partition at its backlog bound pauses before looking again. */
  orderedPauseMs: number;
  /** Offsets are committed this often, up to each partition's lowest unfinished record. */
  commitIntervalMs: number;
  /** How long shutdown waits for in-flight callbacks before leaving them for redelivery. */
  drainTimeoutMs: number;
  /** Delays before retries 1 to 3 (WEBHOOK_RETRY_DELAYS), in ms. */
  retryDelaysMs: readonly number[];
}

/** Injection token of the sender's SenderLimits. */
export const SENDER_LIMITS = Symbol('SENDER_LIMITS');

/** The limits of a sender with this configuration; tests and benchmarks may override a few. */
export function senderLimits(
  config: Pick<
    SenderConfig,
    | 'SENDER_MAX_IN_FLIGHT'
    | 'SENDER_MAX_PER_ENDPOINT'
    | 'SENDER_ENDPOINT_BACKLOG'
    | 'WEBHOOK_TIMEOUT_MS'
    | 'retryDelaysMs'
  >,
  overrides: Partial<SenderLimits> = {},
): SenderLimits {
  return {
    maxInFlight: config.SENDER_MAX_IN_FLIGHT,
    maxPerEndpoint: config.SENDER_MAX_PER_ENDPOINT,
    queuePerConnection: 4,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    endpointBacklog: config.SENDER_ENDPOINT_BACKLOG,
    shareCapFactor: 5,
    minShareBudgetMs: 10_000,
    paceWeight: 0.2,
    remembered: 50_000,
    maxRateWaitMs: 2000,
    // Waiting records cost little memory; a deep backlog keeps fast endpoints busy while a
    // slow one works through its own queue.
    maxPending: config.SENDER_MAX_IN_FLIGHT * 10,
    deferringPerPending: 5,
    parkedPerPending: 5,
    intakePerTurn: 25,
    intakeTurnMs: 20,
    takeEarlyMs: 250,
    orderedBacklog: config.SENDER_ENDPOINT_BACKLOG,
    orderedPauseMs: 500,
    commitIntervalMs: 500,
    // Three attempts' deadlines and a produce: what a callback in flight may still need.
    drainTimeoutMs: config.WEBHOOK_TIMEOUT_MS * 3 + 5_000,
    retryDelaysMs: config.retryDelaysMs,
    ...overrides,
  };
}
