import { randomUUID } from 'node:crypto';
import { appMetric, matcherTableHolds } from '../support/app-metric';
import type { Pipeline } from '../support/pipeline';
import { sleep } from '../support/wait-for';
import type { CountingReceiver, ReceiverMode } from './counting-receiver';
import type { DrillInfra } from './drill-infra';

export interface DrillContext {
  pipeline: Pipeline;
  infra: DrillInfra;
  receiver: CountingReceiver;
  /** A line in the drill's output (what the disruption is doing now). */
  say(message: string): void;
}

/** One failure drill: a disruption applied to the running pipeline under load. */
export interface Drill {
  name: string;
  disrupt(context: DrillContext): Promise<void>;
}

/** How long the drill's broker and store stay down before they are started again. */
const INFRA_DOWN_MS = 5_000;
/** The flapping receiver: each outage shorter than the retry ladder (1 s + 2 s + 3 s). */
const FLAPS: ReadonlyArray<{ mode: ReceiverMode; downMs: number; upMs: number }> = [
  { mode: 'unavailable', downMs: 3_000, upMs: 5_000 },
  { mode: 'reset', downMs: 3_000, upMs: 5_000 },
  { mode: 'unavailable', downMs: 2_000, upMs: 3_000 },
  { mode: 'reset', downMs: 2_000, upMs: 5_000 },
];

function killApp(name: 'matcher' | 'sender' | 'management'): Drill {
  return {
    name: `kill -9 ${name}`,
    async disrupt({ pipeline, say }) {
      say(`kill -9 ${name} (pid ${pipeline.apps[name].pid})`);
      await pipeline.apps[name].kill();
      await pipeline.apps[name].start();
      say(`${name} restarted and healthy (pid ${pipeline.apps[name].pid})`);
    },
  };
}

function restartService(service: 'kafka' | 'ferretdb', label: string): Drill {
  return {
    name: `restart ${label}`,
    // After a broker restart the coordinator has forgotten the members and refuses their
    // commits until they rejoin. The matcher and sender then go on after their own progress
    // in the partitions they kept (GROUP_JOIN), so the broker restart is held to the same
    // in-flight window as the other drills.
    async disrupt({ infra, say }) {
      say(`stopping the drill's ${label}; starting it again in ${INFRA_DOWN_MS / 1000} s`);
      await infra.restart(service, INFRA_DOWN_MS);
      say(`${label} is back`);
    },
  };
}

const flappingReceiver: Drill = {
  name: 'flapping receiver',
  async disrupt({ receiver, say }) {
    for (const flap of FLAPS) {
      say(
        `receiver ${flap.mode === 'reset' ? 'resets connections' : 'answers 503'} for ${flap.downMs / 1000} s`,
      );
      receiver.mode = flap.mode;
      await sleep(flap.downMs);
      receiver.mode = 'ok';
      await sleep(flap.upMs);
    }
  },
};

/**
 * Webhook changes made while the broker is down, then management killed before it could
 * publish them: the store holds them with their pending-publish marker, and once the broker
 * and management are back the sweep must put every one on the routing topic, in order.
 * Checked on the matcher's table: the created webhook is in, the created-then-deleted one
 * is not (a lost delete would leave it in).
 */
const webhookChangesDuringOutage: Drill = {
  name: 'webhook changes, broker down, management killed',
  async disrupt({ pipeline, infra, receiver, say }) {
    const matcherPort = pipeline.apps.matcher.port;
    const before = await appMetric(matcherPort, 'matcher_webhook_view_size');
    say(`stopping the drill's Kafka broker; the matcher's table holds ${before} webhooks`);
    infra.down('kafka');
    const api = await pipeline.newOrganisation(randomUUID());
    const kept = await api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
      name: 'made while Kafka was down',
      target_url: receiver.url('/outage/kept'),
      events: ['contact.created'],
    });
    const gone = await api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
      name: 'made and deleted while Kafka was down',
      target_url: receiver.url('/outage/gone'),
      events: ['contact.created'],
    });
    await api.expect(204, 'DELETE', `/v1/webhooks/${gone.id}`);
    say(
      `API answered 3 changes with Kafka down; kill -9 management (pid ${pipeline.apps.management.pid})`,
    );
    await pipeline.apps.management.kill();
    await sleep(INFRA_DOWN_MS);
    infra.up('kafka');
    await pipeline.apps.management.start();
    say(`Kafka and management are back; waiting for the sweep to publish ${kept.id}`);
    await matcherTableHolds(matcherPort, before + 1, 30_000);
    await sleep(2_000); // a late create of the deleted webhook would show up by now
    const after = await appMetric(matcherPort, 'matcher_webhook_view_size');
    if (after !== before + 1)
      throw new Error(`the matcher's table holds ${after} webhooks, expected ${before + 1}`);
    say(`the matcher's table holds ${after}: the created webhook, not the deleted one`);
  },
};

/** How long each topology of the scale-out drill runs under load. */
const TOPOLOGY_MS = 6_000;

/**
 * Scaling out under load: a second matcher and a second sender join their groups; then the
 * first matcher and the second sender are killed (-9), the first matcher comes back, and the
 * second matcher is stopped gracefully. Every rebalance hands partitions over; the killed
 * instances' uncommitted work is redone by the others (duplicates), nothing is lost.
 */
const scaleOut: Drill = {
  name: 'scale out: 2nd matcher and sender join, kill -9 two, stop one',
  async disrupt({ pipeline, say }) {
    const matcher2 = await pipeline.addInstance('matcher');
    const sender2 = await pipeline.addInstance('sender');
    say(`a second matcher (pid ${matcher2.pid}) and sender (pid ${sender2.pid}) joined`);
    await sleep(TOPOLOGY_MS);
    say(`kill -9 the first matcher (pid ${pipeline.apps.matcher.pid}) and the second sender`);
    await Promise.all([pipeline.apps.matcher.kill(), sender2.kill()]);
    await sleep(TOPOLOGY_MS);
    await pipeline.apps.matcher.start();
    say(
      `the first matcher is back (pid ${pipeline.apps.matcher.pid}); stopping the second gracefully`,
    );
    await sleep(TOPOLOGY_MS);
    await matcher2.stop();
    say('back to one matcher and one sender');
  },
};

/** The drills in the order they run, on one pipeline. */
export const DRILLS: readonly Drill[] = [
  killApp('matcher'),
  killApp('sender'),
  killApp('management'),
  restartService('kafka', 'Kafka broker'),
  restartService('ferretdb', 'FerretDB'),
  flappingReceiver,
  webhookChangesDuringOutage,
  scaleOut,
];
