import { randomUUID } from 'node:crypto';
import { EVENT_CATALOG, type DomainEvent, type EventType } from '@app/contracts';
import { pipelineWithReceiver, verifiedBody } from '../support/e2e-suite';
import type { ManagementClient } from '../support/pipeline';
import { appMetric, matcherTableHolds } from '../support/app-metric';
import { caughtUp } from '../support/caught-up';
import { TopicCollector } from '../support/topic-collector';
import { sleep, waitFor } from '../support/wait-for';

/**
 * Operational events, auto-disable and recovery end to end (docs/design.md, "Operational
 * events", "Auto-disable", "Recover a window"): the three apps as processes on the real
 * broker and store, a local HTTPS receiver, a disable window of seconds.
 */

interface WebhookView {
  id: string;
  active: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
}
interface AttemptView {
  delivery_id: string;
  status: string;
  next: string;
}
interface Callback {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const DISABLE_AFTER_MS = 4000;
/** Paths answered 503 while listed here. */
const failing = new Set<string>();
/** Paths whose next request only is answered 503. */
const failingOnce = new Set<string>();
const { receiver, pipeline } = pipelineWithReceiver({
  behaviour: (path) => (failingOnce.delete(path) || failing.has(path) ? { status: 503 } : {}),
  pipeline: {
    env: {
      WEBHOOK_RETRY_DELAYS: '200ms,200ms,200ms',
      WEBHOOK_DISABLE_AFTER: `${DISABLE_AFTER_MS}ms`,
    },
  },
});

async function createWebhook(
  api: ManagementClient,
  path: string,
  events: readonly EventType[],
): Promise<{ id: string; secret: string }> {
  const webhook = await api.expect<WebhookView>(201, 'POST', '/v1/webhooks', {
    name: `e2e ${path}`,
    target_url: receiver.url(path),
    events,
  });
  const { secret } = await api.expect<{ secret: string }>(
    200,
    'GET',
    `/v1/webhooks/${webhook.id}/secret`,
  );
  return { id: webhook.id, secret };
}

function publish(organisationId: string, type: EventType, count = 1): Promise<DomainEvent[]> {
  return pipeline.publisher.publish(
    Array.from({ length: count }, () => ({
      type,
      organisation_id: organisationId,
      data: EVENT_CATALOG[type].example,
    })),
  );
}

function bodies(path: string): Callback[] {
  return receiver.on(path).map((request) => JSON.parse(request.body) as Callback);
}

describe('operational events and auto-disable', () => {
  it('disables a webhook whose deliveries keep dead-lettering and tells the organisation’s other webhooks, signed', async () => {
    const organisationId = randomUUID();
    const api = await pipeline.newOrganisation(organisationId);
    const topics = await TopicCollector.start<Record<string, unknown> | null>([
      pipeline.topics.webhookRoutes,
      pipeline.topics.operationalEvents,
    ]);
    failing.add('/down');
    // Subscribed to its own webhook.disabled too: it must still never get it.
    const down = await createWebhook(api, '/down', ['contact.created', 'webhook.disabled']);
    const ops = await createWebhook(api, '/ops', ['webhook.disabled', 'delivery.dead_lettered']);
    await matcherTableHolds(pipeline.apps.matcher.port, 2);

    // Events keep coming; every one dead-letters after four attempts.
    let disabled: WebhookView | null = null;
    const deadline = Date.now() + 45_000;
    while (!disabled && Date.now() < deadline) {
      await publish(organisationId, 'contact.created');
      await sleep(500);
      const view = await api.expect<WebhookView>(200, 'GET', `/v1/webhooks/${down.id}`);
      if (!view.active) disabled = view;
    }
    expect(disabled).toMatchObject({ active: false, disabled_reason: 'failing' });
    expect(Date.parse(disabled!.disabled_at!)).not.toBeNaN();

    const announcement = await waitFor(
      'webhook.disabled at the other webhook',
      () =>
        receiver
          .on('/ops')
          .find((request) => (JSON.parse(request.body) as Callback).type === 'webhook.disabled'),
      20_000,
    );
    const body = verifiedBody<Callback>(announcement, ops.secret);
    expect(body.data).toMatchObject({
      organisation_id: organisationId,
      webhook_id: down.id,
      reason: 'failing',
      disabled_at: disabled!.disabled_at,
    });
    const failingSince = Date.parse(String(body.data.failing_since));
    expect(Date.parse(disabled!.disabled_at!) - failingSince).toBeGreaterThanOrEqual(
      DISABLE_AFTER_MS,
    );

    // The dead letters that led there were announced too, about the failing webhook only.
    const deadLetters = bodies('/ops').filter((b) => b.type === 'delivery.dead_lettered');
    expect(deadLetters.length).toBeGreaterThan(0);
    for (const letter of deadLetters)
      expect(letter.data).toMatchObject({
        webhook_id: down.id,
        event_type: 'contact.created',
        attempts: 4,
        last_status_code: 503,
        last_error_kind: 'http_status',
      });

    // The switch went to the routing topic like any change; no topic record holds a URL.
    await waitFor('the disabled route on the routing topic', () =>
      topics
        .on(pipeline.topics.webhookRoutes)
        .some((r) => r.key === down.id && r.value?.active === false),
    );
    const operational = topics.on(pipeline.topics.operationalEvents);
    expect(operational.length).toBeGreaterThan(0);
    expect(operational.every((r) => r.key === down.id)).toBe(true);
    expect(JSON.stringify(operational)).not.toContain(receiver.url('/'));
    expect(JSON.stringify(operational)).not.toContain('127.0.0.1');
    await topics.stop();

    // Disabled: no more deliveries are matched for it; recover is refused while it is off.
    const refused = await api.request<{ message: string[] }>(
      'POST',
      `/v1/webhooks/${down.id}/recover`,
      { since: new Date(Date.now() - 60_000).toISOString() },
    );
    expect(refused.status).toBe(409);
    await caughtUp(pipeline.kafka, pipeline.consumerGroups); // every announcement sent
    expect(bodies('/down').some((b) => b.type === 'webhook.disabled')).toBe(false);

    // PATCH active=true re-enables it and clears the reason.
    failing.delete('/down');
    const enabled = await api.expect<WebhookView>(200, 'PATCH', `/v1/webhooks/${down.id}`, {
      active: true,
    });
    expect(enabled).toMatchObject({ active: true, disabled_reason: null, disabled_at: null });
    const before = receiver.on('/down').length;
    await waitFor(
      'a delivery after re-enabling',
      async () => {
        await publish(organisationId, 'contact.created');
        await sleep(300);
        return receiver.on('/down').length > before;
      },
      15_000,
    );
  }, 120_000);

  it('announces a delivery that succeeded on its retry as delivery.recovered', async () => {
    const organisationId = randomUUID();
    const api = await pipeline.newOrganisation(organisationId);
    failingOnce.add('/once');
    const tableBefore = await appMetric(pipeline.apps.matcher.port, 'matcher_webhook_view_size');
    await createWebhook(api, '/once', ['form_submission.completed']);
    const ops = await createWebhook(api, '/recoveries', ['delivery.recovered']);
    await matcherTableHolds(pipeline.apps.matcher.port, tableBefore + 2);
    const [event] = await publish(organisationId, 'form_submission.completed');

    const announcement = await waitFor('delivery.recovered', () => receiver.on('/recoveries')[0]);
    const attempts = receiver.on('/once');
    expect(attempts).toHaveLength(2);
    expect(verifiedBody<Callback>(announcement, ops.secret)).toMatchObject({
      type: 'delivery.recovered',
      data: {
        organisation_id: organisationId,
        delivery_id: String(attempts[1].headers['webhook-id']),
        event_id: event.id,
        event_type: 'form_submission.completed',
        attempts: 2,
        status_code: 200,
      },
    });
  });

  it('recovers a window: resends exactly the deliveries that failed, with their webhook-id', async () => {
    const organisationId = randomUUID();
    const api = await pipeline.newOrganisation(organisationId);
    failing.add('/flaky');
    const tableBefore = await appMetric(pipeline.apps.matcher.port, 'matcher_webhook_view_size');
    const flaky = await createWebhook(api, '/flaky', ['contact.deleted']);
    await matcherTableHolds(pipeline.apps.matcher.port, tableBefore + 1);
    const since = new Date(Date.now() - 1000).toISOString();

    // Three deliveries fail for good (published together: well within the disable window).
    await publish(organisationId, 'contact.deleted', 3);
    const deadLettered = await waitFor(
      'three dead letters in the log',
      async () => {
        const page = await api.expect<{ data: AttemptView[] }>(
          200,
          'GET',
          `/v1/webhooks/${flaky.id}/deliveries?status=failed&limit=100`,
        );
        const dead = page.data.filter((a) => a.next === 'dead_letter');
        return dead.length >= 3 ? dead.map((a) => a.delivery_id) : null;
      },
      30_000,
    );

    // The receiver is fixed; two more deliveries succeed at once.
    failing.delete('/flaky');
    await publish(organisationId, 'contact.deleted', 2);
    await waitFor(
      'two successes in the log',
      async () => {
        const page = await api.expect<{ data: AttemptView[] }>(
          200,
          'GET',
          `/v1/webhooks/${flaky.id}/deliveries?status=succeeded&limit=100`,
        );
        return page.data.length >= 2;
      },
      15_000,
    );
    const succeeded = new Set(
      receiver
        .on('/flaky')
        .slice(-2)
        .map((r) => String(r.headers['webhook-id'])),
    );
    const before = receiver.on('/flaky').length;

    const accepted = await api.expect<{ queued: number }>(
      202,
      'POST',
      `/v1/webhooks/${flaky.id}/recover`,
      { since },
    );
    expect(accepted.queued).toBe(3);
    await waitFor('the three resent deliveries', () => receiver.on('/flaky').length >= before + 3);
    await caughtUp(pipeline.kafka, pipeline.consumerGroups); // nothing more may arrive
    const resent = receiver.on('/flaky').slice(before);
    expect(resent.map((r) => String(r.headers['webhook-id'])).sort()).toEqual(
      [...deadLettered].sort(),
    );
    for (const request of resent) {
      expect(succeeded.has(String(request.headers['webhook-id']))).toBe(false);
      expect(verifiedBody<Callback>(request, flaky.secret).type).toBe('contact.deleted');
    }

    // Once they succeeded, recovering the same window again finds nothing to resend.
    await waitFor(
      'the resent deliveries in the log',
      async () => {
        const page = await api.expect<{ data: AttemptView[] }>(
          200,
          'GET',
          `/v1/webhooks/${flaky.id}/deliveries?status=succeeded&limit=100`,
        );
        return page.data.length >= 5;
      },
      15_000,
    );
    expect(
      await api.expect<{ queued: number }>(202, 'POST', `/v1/webhooks/${flaky.id}/recover`, {
        since,
      }),
    ).toMatchObject({ queued: 0 });
  }, 120_000);

  /** An instant `days` before now: windows relative to today, never a fixed date. */
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  it.each([
    ['an empty window', { since: daysAgo(2), until: daysAgo(2) }, /^until /],
    ['a reversed window', { since: daysAgo(2), until: daysAgo(3) }, /^until /],
    ['a window over 14 days', { since: daysAgo(21), until: daysAgo(2) }, /^until .*14 days/],
    ['no since', { until: daysAgo(2) }, /^since /],
  ])('refuses to recover %s with a 400 naming the field', async (_label, body, message) => {
    const organisationId = randomUUID();
    const api = await pipeline.newOrganisation(organisationId);
    const hook = await createWebhook(api, `/window-${randomUUID()}`, ['contact.created']);
    const response = await api.request<{ message: string[] }>(
      'POST',
      `/v1/webhooks/${hook.id}/recover`,
      body,
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual([expect.stringMatching(message)]);
  });
});
