import { APP_NAMES, type Pipeline } from '../support/pipeline';
import { sleep } from '../support/wait-for';
import type { AttemptLogProbe } from './attempt-log-probe';
import { DeliveryLedger, type Tally } from './delivery-ledger';
import type { DrillResult } from './drill-report';
import type { DrillTopology } from './drill-topology';
import type { Drill, DrillContext } from './drills';
import { SteadyLoad } from './steady-load';

export interface DrillTiming {
  eventsPerSecond: number;
  /** Load before the disruption, so it hits a pipeline in full flow. */
  warmupMs: number;
  /** Load after the disruption is over, so recovery happens under load too. */
  afterMs: number;
  /** Longest wait for the last callbacks once the load stops (retries included). */
  drainTimeoutMs: number;
  /** Extra wait once all arrived, so late duplicates are counted too. */
  settleMs: number;
  /** Longest wait for management's delivery log to catch up. */
  logTimeoutMs: number;
  progressEveryMs: number;
  /**
   * Duplicates allowed: the callbacks of this many seconds of load. A crash replays what
   * was taken but not yet committed: the records in flight plus up to one commit interval
   * (sender 0.5 s, matcher 1 s); a few seconds leave room for a slow commit under load.
   */
  duplicateWindowSeconds: number;
}

/** Each app's state for the progress line: ok, down (not healthy yet) or exited. */
async function appStates(pipeline: Pipeline): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  for (const name of APP_NAMES) {
    try {
      states[name] = (await pipeline.apps[name].healthy()) ? 'ok' : 'down';
    } catch {
      states[name] = 'exited';
    }
  }
  return states;
}

/**
 * Runs one drill: steady load, the disruption, more load, then a drain until every expected
 * callback arrived (or the drain period ends), and a check that the delivery log caught up.
 * Prints a progress line every few seconds meanwhile.
 */
export class DrillRunner {
  constructor(
    private readonly context: Omit<DrillContext, 'say'>,
    private readonly topology: DrillTopology,
    private readonly logProbe: AttemptLogProbe,
    private readonly timing: DrillTiming,
  ) {}

  async run(drill: Drill, label: string): Promise<DrillResult> {
    const { pipeline, receiver } = this.context;
    const started = Date.now();
    // Attempt times come from the sender's clock, the same machine's: a second of margin.
    const since = new Date(started - 1000);
    const ledger = new DeliveryLedger(this.topology);
    const load = new SteadyLoad(
      pipeline.publisher,
      this.topology.organisations,
      this.timing.eventsPerSecond,
      (events) => ledger.record(events),
    );
    let phase = 'warm-up';
    const say = (message: string) => console.log(`${label} ${message}`);
    const progress = this.progress(label, ledger, load, () => phase);
    const result: DrillResult = {
      name: drill.name,
      tally: ledger.tally(receiver),
      lost: 0,
      duplicateBound: 0,
      logBehind: null,
      unhealthy: [],
      seconds: 0,
    };
    load.start();
    const loadStarted = Date.now();
    let loadSeconds = 0;
    try {
      await sleep(this.timing.warmupMs);
      phase = 'disruption';
      await drill.disrupt({ ...this.context, say });
      phase = 'recovery under load';
      await sleep(this.timing.afterMs);
      phase = 'drain';
      await load.stop();
      loadSeconds = (Date.now() - loadStarted) / 1000;
      await this.drain(ledger);
      phase = 'settle';
      await sleep(this.timing.settleMs);
      result.tally = ledger.tally(receiver);
      result.lost = result.tally.missing;
      // The same bound for every drill: the callbacks of the in-flight window.
      result.duplicateBound = Math.ceil(
        (result.tally.expected / loadSeconds) * this.timing.duplicateWindowSeconds,
      );
      phase = 'delivery log';
      result.logBehind = await this.logBehind(ledger, result.tally, since);
      if (result.logBehind > 0)
        say(`delivery log still behind (last read error: ${this.logProbe.lastError ?? 'none'})`);
      result.unhealthy = await this.unhealthy();
    } catch (error) {
      result.error = (error as Error).message.split('\n')[0];
      result.tally = ledger.tally(receiver);
      result.lost = result.tally.missing;
    } finally {
      await load.stop();
      progress.stop();
      result.seconds = Math.round((Date.now() - started) / 1000);
    }
    return result;
  }

  private async drain(ledger: DeliveryLedger): Promise<void> {
    const deadline = Date.now() + this.timing.drainTimeoutMs;
    while (ledger.tally(this.context.receiver).missing > 0 && Date.now() < deadline)
      await sleep(250);
  }

  /** Received callbacks still without a succeeded attempt in the log, once it had time to catch up. */
  private async logBehind(ledger: DeliveryLedger, tally: Tally, since: Date): Promise<number> {
    const deadline = Date.now() + this.timing.logTimeoutMs;
    let logged: number | null = null;
    do {
      logged = await this.logProbe.loggedSuccesses(ledger.expectedIds, since);
      if (logged !== null && logged >= tally.received) return 0;
      await sleep(2000);
    } while (Date.now() < deadline);
    return tally.received - (logged ?? 0);
  }

  /** Apps not healthy after a grace period (a consumer that never rejoined shows here). */
  private async unhealthy(): Promise<string[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const states = await appStates(this.context.pipeline);
      const bad = Object.entries(states)
        .filter(([, state]) => state !== 'ok')
        .map(([name, state]) => `${name}(${state})`);
      if (bad.length === 0 || Date.now() > deadline) return bad;
      await sleep(1000);
    }
  }

  private progress(
    label: string,
    ledger: DeliveryLedger,
    load: SteadyLoad,
    phase: () => string,
  ): { stop(): void } {
    const started = Date.now();
    let running = true;
    const loop = async () => {
      while (running) {
        await sleep(this.timing.progressEveryMs);
        if (!running) return;
        const t = ledger.tally(this.context.receiver);
        const apps = Object.entries(await appStates(this.context.pipeline))
          .map(([name, state]) => `${name} ${state}`)
          .join(', ');
        console.log(
          `${label} ${Math.round((Date.now() - started) / 1000)}s ${phase()}: published ${t.published}` +
            `, expected ${t.expected}, received ${t.received}, duplicated ${t.duplicated}` +
            `, missing ${t.missing}, refused by receiver ${this.context.receiver.refused}` +
            `, publish retries ${load.failedSends} | ${apps}`,
        );
      }
    };
    void loop();
    return {
      stop: () => {
        running = false;
      },
    };
  }
}
