import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { webhookDisabledEvent, type AttemptOutcome, type DomainEvent } from '@app/contracts';
import { Clock } from '../common/clock';
import { ManagementConfig } from '../management.config';
import { disableDecision, observeStreaks } from './failure-streak';
import { OperationalEventProducer } from './operational-event.producer';
import { WebhookRouteRelay } from './webhook-route.relay';
import { TenantWebhooks } from './store/tenant-webhooks';
import { WebhookDeliveryStatus } from './store/webhook-delivery-status';
import { nextUpdatedAt } from './webhooks.service';

/**
 * Auto-disable (docs/design.md, "Auto-disable"): follows each webhook's streak of dead
 * letters from the attempt outcomes, and switches off a webhook whose first dead letter with
 * no success after it is WEBHOOK_DISABLE_AFTER old. The switch is an ordinary configuration
 * change (new `updated_at`, `routing_pending` set), so it reaches the routing topic, the
 * matcher stops matching and the sender cancels pending retries as for any inactive webhook.
 * `webhook.disabled` goes out before the batch's offsets are committed.
 */
@Injectable()
export class AutoDisableService {
  constructor(
    private readonly webhooks: TenantWebhooks,
    private readonly status: WebhookDeliveryStatus,
    private readonly routes: WebhookRouteRelay,
    private readonly events: OperationalEventProducer,
    private readonly config: ManagementConfig,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('AutoDisableService');
  }

  /**
   * `streaksClosed`: webhooks whose streak the attempt log already ended with their newest
   * success (AttemptLogService.record); with no dead letter after it, nothing is left to move.
   */
  async observe(
    outcomes: readonly AttemptOutcome[],
    streaksClosed: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const observations = observeStreaks(outcomes).filter(
      (o) => o.firstDeadLetterAt !== null || !streaksClosed.has(o.webhookId),
    );
    if (observations.length === 0) return;
    await this.status.recordFailureStreaks(
      observations.map((o) => ({
        organisationId: o.organisationId,
        id: o.webhookId,
        lastSuccessAt: o.lastSuccessAt,
        firstDeadLetterAt: o.firstDeadLetterAt,
      })),
    );
    const announcements: DomainEvent[] = [];
    for (const { organisationId, webhookId, lastDeadLetterAt } of observations) {
      if (!lastDeadLetterAt) continue;
      const event = await this.check(organisationId, webhookId, lastDeadLetterAt);
      if (event) announcements.push(event);
    }
    await this.events.publish(announcements);
  }

  /** Disables the webhook when its streak is long enough; returns the event to announce. */
  private async check(
    organisationId: string,
    webhookId: string,
    lastDeadLetterAt: Date,
  ): Promise<DomainEvent | null> {
    // A concurrent edit moves `updated_at` under us: read again and decide again.
    for (let tries = 0; tries < 3; tries += 1) {
      const current = await this.webhooks.findOne(organisationId, webhookId);
      if (!current) return null;
      const decision = disableDecision(
        current,
        lastDeadLetterAt,
        this.config.WEBHOOK_DISABLE_AFTER,
      );
      switch (decision.action) {
        case 'none':
          return null;
        case 'announce_again':
          return webhookDisabledEvent({
            organisation_id: organisationId,
            webhook_id: webhookId,
            reason: 'failing',
            failing_since: decision.failingSince.toISOString(),
            disabled_at: decision.disabledAt.toISOString(),
          });
        case 'disable': {
          const disabledAt = nextUpdatedAt(current.updated_at, this.clock.now());
          const changes = {
            active: false,
            disabled_reason: 'failing' as const,
            disabled_at: disabledAt,
            updated_at: disabledAt,
          };
          const applied = await this.webhooks.update(
            organisationId,
            webhookId,
            current.updated_at,
            changes,
          );
          if (!applied) continue;
          this.routes.announce({ ...current, ...changes });
          this.logger.warn(
            {
              organisation_id: organisationId,
              webhook_id: webhookId,
              failing_since: decision.failingSince.toISOString(),
              disabled_at: disabledAt.toISOString(),
            },
            'webhook disabled: its deliveries kept dead-lettering',
          );
          return webhookDisabledEvent({
            organisation_id: organisationId,
            webhook_id: webhookId,
            reason: 'failing',
            failing_since: decision.failingSince.toISOString(),
            disabled_at: disabledAt.toISOString(),
          });
        }
      }
    }
    return null;
  }
}
