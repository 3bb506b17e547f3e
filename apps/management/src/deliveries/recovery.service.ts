import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import type { CallbackPayload, DeliveryRecord } from '@app/contracts';
import { Clock } from '../common/clock';
import { ManagementMetrics } from '../common/metrics';
import { WebhooksService } from '../webhooks/webhooks.service';
import { DeliveryAttemptRepository } from './delivery-attempt.repository';
import { DeliveryProducer } from './delivery.producer';
import type { RecoverWindowDto, RecoveryAcceptedDto } from './recover.dto';
import { RecoveryCollector, recoveryWindow } from './recovery-plan';

/** Attempts read per query while collecting a window. */
const PAGE = 1000;
/** Records handed to Kafka per produce (each batch under its own deadline). */
const PUBLISH_BATCH = 500;

/**
 * Recover a window (docs/design.md, "Recover a window"): every delivery of the webhook with
 * an attempt in the window whose newest attempt failed for good (dead letter, or cancelled
 * while the webhook was off) and that has no later success is sent again as a new attempt
 * series starting at 1, with its own delivery id (the `webhook-id` the receiver saw) and
 * stored body, exactly as a redelivery.
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly attempts: DeliveryAttemptRepository,
    private readonly producer: DeliveryProducer,
    private readonly metrics: ManagementMetrics,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('RecoveryService');
  }

  async recover(
    organisationId: string,
    webhookId: string,
    dto: RecoverWindowDto,
  ): Promise<RecoveryAcceptedDto> {
    const now = this.clock.now();
    const parsed = recoveryWindow(dto.since, dto.until, now);
    if (!parsed.ok) throw new BadRequestException(parsed.messages);
    const { window } = parsed;
    const webhook = await this.webhooks.load(organisationId, webhookId);
    if (!webhook.active)
      throw new ConflictException([
        webhook.disabled_reason
          ? 'the webhook is disabled because its deliveries kept failing; set active to true, then recover'
          : 'the webhook is inactive; set active to true to send to it',
      ]);

    const collector = new RecoveryCollector(window);
    let cursor: { at: Date; id: string } | null = null;
    for (;;) {
      const rows = await this.attempts.listSinceForRecovery(
        organisationId,
        webhookId,
        window.since,
        cursor,
        PAGE,
      );
      collector.add(rows);
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      cursor = { at: new Date(last.attempted_at), id: last._id };
    }

    const createdAt = now.toISOString();
    const records: DeliveryRecord[] = collector.deliveries().map((last) => ({
      delivery_id: last.delivery_id,
      webhook_id: webhookId,
      organisation_id: organisationId,
      trigger: 'redeliver',
      series_id: randomUUID(),
      attempt: 1,
      created_at: createdAt,
      history: [],
      payload: JSON.parse(last.payload_json) as CallbackPayload,
    }));
    for (let start = 0; start < records.length; start += PUBLISH_BATCH)
      await this.producer.publishMany(records.slice(start, start + PUBLISH_BATCH));
    this.metrics.deliveriesPublished.inc({ trigger: 'redeliver' }, records.length);
    this.logger.info(
      {
        organisation_id: organisationId,
        webhook_id: webhookId,
        since: window.since.toISOString(),
        until: window.until.toISOString(),
        queued: records.length,
      },
      'window recovered',
    );
    return {
      queued: records.length,
      since: window.since.toISOString(),
      until: window.until.toISOString(),
    };
  }
}
