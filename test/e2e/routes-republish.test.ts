import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EVENT_CATALOG, topicSpecs } from '@app/contracts';
import { ensureTopics } from '@app/kafka';
import { matcherTableHolds } from '../support/app-metric';
import { pipelineWithReceiver } from '../support/e2e-suite';
import type { ManagementClient } from '../support/pipeline';
import { sleep, waitFor } from '../support/wait-for';

/**
 * The routing topic lost and recreated while events flow, then rebuilt with
 * `npm run routes -- republish` (docs/operators.md, "Rebuilding the routing topic"): every
 * event published after the republish reaches every webhook, the running apps go on without
 * a restart, and a matcher started afterwards builds the whole table from the topic alone.
 */

const ROOT = join(__dirname, '..', '..');
const WEBHOOKS = 4;
const { receiver, pipeline } = pipelineWithReceiver();
const organisationId = randomUUID();
let api: ManagementClient;

beforeAll(async () => {
  api = await pipeline.newOrganisation(organisationId);
});

/** Publishes a contact.created event every `everyMs` until stopped; remembers when each left. */
function steadyEvents(everyMs: number) {
  const sent: Array<{ id: string; at: number }> = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const [event] = await pipeline.publisher.publish([
        {
          type: 'contact.created',
          organisation_id: organisationId,
          data: EVENT_CATALOG['contact.created'].example,
        },
      ]);
      sent.push({ id: event.id, at: Date.now() });
      await sleep(everyMs);
    }
  })();
  return {
    sent,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

function republish(): Promise<{ stdout: string }> {
  return promisify(execFile)('npx', ['--no-install', 'tsx', 'scripts/routes.ts', 'republish'], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAFKA_BROKERS: pipeline.brokers.join(','),
      KAFKA_TOPIC_PREFIX: `${pipeline.runId}.`,
      MONGODB_URI: pipeline.mongoUri,
    },
  });
}

it('rebuilds a recreated routing topic: no event published afterwards is lost', async () => {
  const paths = Array.from({ length: WEBHOOKS }, (_, i) => `/hook-${i}`);
  for (const path of paths)
    await api.expect(201, 'POST', '/v1/webhooks', {
      name: `republish ${path}`,
      target_url: receiver.url(path),
      events: ['contact.created'],
    });
  const deleted = await api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
    name: 'deleted before the loss',
    target_url: receiver.url('/deleted'),
    events: ['contact.created'],
  });
  await api.expect(204, 'DELETE', `/v1/webhooks/${deleted.id}`);
  await matcherTableHolds(pipeline.apps.matcher.port, WEBHOOKS);

  const events = steadyEvents(100);
  const admin = pipeline.kafka.admin();
  await admin.connect();
  try {
    const routes = pipeline.topics.webhookRoutes;
    await admin.deleteTopics({ topics: [routes], timeout: 30_000 });
    await waitFor(
      'the routing topic to be gone',
      async () => !(await admin.listTopics()).includes(routes),
    );
    await ensureTopics(admin, topicSpecs(pipeline.topics, ['webhookRoutes']));
  } finally {
    await admin.disconnect();
  }
  const { stdout } = await republish();
  const republishedAt = Date.now();
  expect(stdout).toMatch(/"snapshots":4,"tombstones":1/);
  await sleep(3000); // events keep flowing after the republish
  await events.stop();

  const after = events.sent.filter((event) => event.at > republishedAt).map((e) => e.id);
  expect(after.length).toBeGreaterThan(10);
  for (const path of paths)
    await waitFor(
      `every event published after the republish at ${path}`,
      () => {
        const received = new Set(
          receiver.on(path).map((r) => (JSON.parse(r.body) as { id: string }).id),
        );
        return after.every((id) => received.has(id));
      },
      30_000,
    );
  expect(receiver.on('/deleted')).toHaveLength(0);
  // The running apps went on: still the same processes, healthy.
  for (const app of Object.values(pipeline.apps)) expect(await app.healthy()).toBe(true);
  // A matcher started now has nothing but the rebuilt topic to build its table from.
  const fresh = await pipeline.addInstance('matcher');
  await matcherTableHolds(fresh.port, WEBHOOKS);
}, 120_000);
