import type { PinoLogger } from 'nestjs-pino';
import type { AttemptOutcome, DomainEvent } from '@app/contracts';
import type { ManagementConfig } from '../management.config';
import { AutoDisableService } from './auto-disable.service';
import type { OperationalEventProducer } from './operational-event.producer';
import type { WebhookRouteRelay } from './webhook-route.relay';
import type { TenantWebhooks } from './store/tenant-webhooks';
import type { WebhookDeliveryStatus } from './store/webhook-delivery-status';
import type { WebhookChanges, WebhookRecord } from './store/webhook-record';

const ORG = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const ID = 'a4d1f1c2-3b5e-4f6a-8b7c-9d0e1f2a3b4c';
const t = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, seconds));

function success(seconds: number): AttemptOutcome {
  return {
    ...deadLetter(seconds),
    attempt: 1,
    status: 'succeeded',
    status_code: 200,
    error_kind: null,
    error: null,
    next: 'done',
  };
}

function deadLetter(seconds: number): AttemptOutcome {
  return {
    delivery_id: `d${seconds}`,
    webhook_id: ID,
    organisation_id: ORG,
    event_id: 'e',
    event_type: 'contact.created',
    trigger: 'event',
    series_id: `d${seconds}`,
    attempt: 4,
    status: 'failed',
    status_code: 503,
    error_kind: 'http_status',
    error: 'HTTP 503',
    duration_ms: 3,
    response_excerpt: null,
    attempted_at: t(seconds).toISOString(),
    next: 'dead_letter',
    next_attempt_at: null,
    payload: { id: 'e', type: 'contact.created', timestamp: '', organisation_id: ORG, data: {} },
  };
}

/** One webhook in memory, with the store's semantics for the calls the service makes. */
function setUp(windowMs = 5000) {
  let stored: WebhookRecord = {
    _id: ID,
    organisation_id: ORG,
    name: 'crm',
    target_url: 'https://hooks.example.com/crm',
    method: 'POST',
    events: ['contact.created'],
    headers: [],
    active: true,
    secrets: [],
    created_at: t(0),
    updated_at: t(0),
    deleted_at: null,
    last_delivery: null,
    failing_since: null,
  };
  const streakWrites: unknown[] = [];
  const status = {
    recordFailureStreaks: (
      entries: Array<{ lastSuccessAt: Date | null; firstDeadLetterAt: Date | null }>,
    ) => {
      streakWrites.push(...entries);
      for (const { lastSuccessAt, firstDeadLetterAt } of entries) {
        if (lastSuccessAt && stored.failing_since && stored.failing_since <= lastSuccessAt)
          stored = { ...stored, failing_since: null };
        if (firstDeadLetterAt && !stored.failing_since)
          stored = { ...stored, failing_since: firstDeadLetterAt };
      }
      return Promise.resolve();
    },
  } as unknown as WebhookDeliveryStatus;
  const webhooks = {
    findOne: () => Promise.resolve(stored),
    update: (_org: string, _id: string, expected: Date, changes: WebhookChanges) => {
      if (stored.updated_at.getTime() !== expected.getTime()) return Promise.resolve(false);
      stored = { ...stored, ...changes, routing_pending: true };
      return Promise.resolve(true);
    },
  } as unknown as TenantWebhooks;
  const announced: unknown[] = [];
  const routes = {
    announce: (source: unknown) => {
      announced.push(source);
    },
  } as unknown as WebhookRouteRelay;
  const published: DomainEvent[] = [];
  const events = {
    publish: (batch: DomainEvent[]) => {
      published.push(...batch);
      return Promise.resolve();
    },
  } as OperationalEventProducer;
  const logger = { setContext: () => undefined, warn: () => undefined } as unknown as PinoLogger;
  const service = new AutoDisableService(
    webhooks,
    status,
    routes,
    events,
    { WEBHOOK_DISABLE_AFTER: windowMs } as ManagementConfig,
    { now: () => t(30) },
    logger,
  );
  return { service, stored: () => stored, streakWrites, announced, published };
}

describe('AutoDisableService', () => {
  it('disables once the first dead letter is the window old, through the routing relay, and announces it', async () => {
    const { service, stored, announced, published } = setUp();
    await service.observe([deadLetter(1), deadLetter(3)]);
    expect(stored()).toMatchObject({ active: true, failing_since: t(1) });
    expect(published).toEqual([]);

    await service.observe([deadLetter(6)]);
    expect(stored()).toMatchObject({
      active: false,
      disabled_reason: 'failing',
      disabled_at: t(30),
      updated_at: t(30),
      routing_pending: true,
    });
    expect(announced).toEqual([expect.objectContaining({ _id: ID, active: false })]);
    expect(published).toEqual([
      expect.objectContaining({
        type: 'webhook.disabled',
        data: expect.objectContaining({
          webhook_id: ID,
          failing_since: t(1).toISOString(),
          disabled_at: t(30).toISOString(),
        }),
      }),
    ]);
  });

  it('announces the same event again when the batch that disabled is replayed', async () => {
    const { service, published } = setUp();
    await service.observe([deadLetter(1), deadLetter(6)]);
    await service.observe([deadLetter(1), deadLetter(6)]);
    expect(published).toHaveLength(2);
    expect(published[1].id).toBe(published[0].id);
  });

  it('leaves a streak the attempt log already closed with a success alone', async () => {
    const { service, stored, streakWrites } = setUp();
    await service.observe([deadLetter(1)]);
    expect(stored().failing_since).toEqual(t(1));

    await service.observe([deadLetter(1), success(2)], new Set([ID]));
    expect(streakWrites).toHaveLength(1);

    // Not closed by the log (an older outcome, a replay): the service moves the streak itself.
    await service.observe([success(2)]);
    expect(streakWrites).toHaveLength(2);
    expect(stored().failing_since).toBeNull();
  });

  it('still opens a streak for a dead letter after the success the log recorded', async () => {
    const { service, stored } = setUp();
    await service.observe([success(2), deadLetter(3)], new Set([ID]));
    expect(stored().failing_since).toEqual(t(3));
  });
});
