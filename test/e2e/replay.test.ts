import { randomUUID } from 'node:crypto';
import { deliveryIdFor, EVENT_CATALOG, type DomainEvent } from '@app/contracts';
import { matcherTableHolds } from '../support/app-metric';
import { caughtUp } from '../support/caught-up';
import { pipelineWithReceiver, verifiedBody } from '../support/e2e-suite';
import type { ManagementClient } from '../support/pipeline';
import { sleep, waitFor } from '../support/wait-for';

/**
 * Replay end to end: management, matcher and sender as separate processes on the real broker
 * and store. Events published before a webhook existed reach it once it asks for a replay of
 * their window, signed, with the delivery ids the live matcher would have given them.
 */

interface ReplayView {
  id: string;
  state: string;
  events_scanned: number;
  events_matched: number;
  events_total: number | null;
}
interface AttemptView {
  delivery_id: string;
  trigger: string;
  status: string;
}

const { receiver, pipeline } = pipelineWithReceiver();
const organisationId = randomUUID();
let api: ManagementClient;

beforeAll(async () => {
  api = await pipeline.newOrganisation(organisationId);
});

describe('replay end to end', () => {
  it('delivers events published before the webhook existed, and the same webhook-ids again on a second replay', async () => {
    const since = new Date().toISOString();
    const published: DomainEvent[] = await pipeline.publisher.publish([
      ...Array.from({ length: 4 }, () => ({
        type: 'contact.created' as const,
        organisation_id: organisationId,
        data: EVENT_CATALOG['contact.created'].example,
      })),
      {
        type: 'contact.deleted',
        organisation_id: organisationId,
        data: EVENT_CATALOG['contact.deleted'].example,
      },
      {
        type: 'contact.created',
        organisation_id: randomUUID(),
        data: EVENT_CATALOG['contact.created'].example,
      },
    ]);
    const wanted = published.slice(0, 4).map((e) => e.id);
    await sleep(20); // the window ends after the events' record timestamps

    const webhook = await api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
      name: 'replayed',
      target_url: receiver.url('/replayed'),
      events: ['contact.created'],
    });
    const { secret } = await api.expect<{ secret: string }>(
      200,
      'GET',
      `/v1/webhooks/${webhook.id}/secret`,
    );
    await matcherTableHolds(pipeline.apps.matcher.port, 1);

    const replay = async (): Promise<ReplayView> => {
      const accepted = await api.expect<ReplayView>(
        202,
        'POST',
        `/v1/webhooks/${webhook.id}/replay`,
        { since },
      );
      return waitFor(
        'the replay to complete',
        async () => {
          const view = await api.expect<ReplayView>(
            200,
            'GET',
            `/v1/webhooks/${webhook.id}/replays/${accepted.id}`,
          );
          return view.state === 'completed' ? view : null;
        },
        30_000,
      );
    };

    const first = await replay();
    expect(first).toMatchObject({ events_matched: 4 });
    expect(first.events_scanned).toBeGreaterThanOrEqual(published.length);
    await waitFor('4 callbacks', () => receiver.on('/replayed').length >= 4, 30_000);
    const firstIds = receiver.on('/replayed').map((r) => String(r.headers['webhook-id']));
    expect(
      receiver
        .on('/replayed')
        .map((r) => verifiedBody<{ id: string }>(r, secret).id)
        .sort(),
    ).toEqual([...wanted].sort());
    expect(firstIds.sort()).toEqual(wanted.map((id) => deliveryIdFor(id, webhook.id)).sort());

    // Again: the receiver sees the same webhook-ids, so it can tell it has them already.
    await replay();
    await waitFor('4 more callbacks', () => receiver.on('/replayed').length >= 8, 30_000);
    await caughtUp(pipeline.kafka, pipeline.consumerGroups); // nothing more may arrive
    const allIds = receiver.on('/replayed').map((r) => String(r.headers['webhook-id']));
    expect(allIds).toHaveLength(8);
    expect(new Set(allIds)).toEqual(new Set(firstIds));

    // The delivery log tells replayed attempts from live ones.
    const log = await waitFor('8 attempts in the log', async () => {
      const page = await api.expect<{ data: AttemptView[] }>(
        200,
        'GET',
        `/v1/webhooks/${webhook.id}/deliveries?limit=100`,
      );
      return page.data.length >= 8 ? page.data : null;
    });
    expect(log.every((a) => a.trigger === 'replay' && a.status === 'succeeded')).toBe(true);
  });
});
