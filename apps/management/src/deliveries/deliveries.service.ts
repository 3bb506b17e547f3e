import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { type CallbackPayload, type DeliveryRecord, TEST_EVENT_TYPE } from '@app/contracts';
import { Clock } from '../common/clock';
import { cursorFromQuery, toPage, type Page } from '../common/cursor';
import { ManagementMetrics } from '../common/metrics';
import { DEFAULT_PAGE_SIZE, WebhooksService } from '../webhooks/webhooks.service';
import type { WebhookRecord } from '../webhooks/store/webhook-record';
import type { DeliveryAttemptRecord } from './delivery-attempt.schema';
import { DeliveryAttemptRepository } from './delivery-attempt.repository';
import type {
  AcceptedDeliveryDto,
  DeliveryAttemptDto,
  ListDeliveriesQueryDto,
} from './delivery.dto';
import { DeliveryProducer } from './delivery.producer';

function parsePayload(json: string): CallbackPayload {
  return JSON.parse(json) as CallbackPayload;
}

function presentAttempt(row: DeliveryAttemptRecord): DeliveryAttemptDto {
  return {
    id: row._id,
    delivery_id: row.delivery_id,
    series_id: row.series_id,
    webhook_id: row.webhook_id,
    event_id: row.event_id,
    event_type: row.event_type,
    trigger: row.trigger,
    attempt: row.attempt,
    status: row.status,
    status_code: row.status_code ?? null,
    error_kind: row.error_kind ?? null,
    error: row.error ?? null,
    duration_ms: row.duration_ms,
    response_body: row.response_excerpt ?? null,
    attempted_at: new Date(row.attempted_at).toISOString(),
    next: row.next,
    next_attempt_at: row.next_attempt_at ? new Date(row.next_attempt_at).toISOString() : null,
    payload: parsePayload(row.payload_json),
  };
}

/** The delivery log, and deliveries the admin asks for: test calls and redeliveries. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly attempts: DeliveryAttemptRepository,
    private readonly producer: DeliveryProducer,
    private readonly metrics: ManagementMetrics,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('DeliveriesService');
  }

  async list(
    organisationId: string,
    webhookId: string,
    query: ListDeliveriesQueryDto,
  ): Promise<Page<DeliveryAttemptDto>> {
    const cursor = cursorFromQuery(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // Both reads at once: the page waits for one store round trip, not two. The rows are the
    // organisation's own either way; they are shown only if the webhook is its and not deleted.
    const [, rows] = await Promise.all([
      this.webhooks.load(organisationId, webhookId),
      this.attempts.listForWebhook(organisationId, webhookId, query.status, cursor, limit + 1),
    ]);
    return toPage(rows, limit, (row) => row.attempted_at, presentAttempt);
  }

  /** Sends a `webhook.test` event to the webhook through the real pipeline. */
  async test(organisationId: string, webhookId: string): Promise<AcceptedDeliveryDto> {
    const webhook = this.requireActive(await this.webhooks.load(organisationId, webhookId));
    const now = this.clock.now();
    const deliveryId = randomUUID();
    return this.publish({
      delivery_id: deliveryId,
      webhook_id: webhook._id,
      organisation_id: organisationId,
      trigger: 'test',
      series_id: randomUUID(),
      attempt: 1,
      created_at: now.toISOString(),
      history: [],
      payload: {
        id: randomUUID(),
        type: TEST_EVENT_TYPE,
        timestamp: now.toISOString(),
        organisation_id: organisationId,
        data: {
          webhook_id: webhook._id,
          message: 'This is a test event from the webhook platform. It can be ignored.',
        },
      },
    });
  }

  /**
   * Sends a past (or dead-lettered) delivery again: the stored body, the same delivery id
   * (so the receiver can de-duplicate by webhook-id), a new attempt series starting at 1.
   */
  async redeliver(organisationId: string, deliveryId: string): Promise<AcceptedDeliveryDto> {
    const latest = await this.attempts.findLatestOfDelivery(organisationId, deliveryId);
    if (!latest) throw new NotFoundException([`delivery ${deliveryId} not found`]);
    const webhook = this.requireActive(await this.webhooks.load(organisationId, latest.webhook_id));
    return this.publish({
      delivery_id: latest.delivery_id,
      webhook_id: webhook._id,
      organisation_id: organisationId,
      trigger: 'redeliver',
      series_id: randomUUID(),
      attempt: 1,
      created_at: this.clock.now().toISOString(),
      history: [],
      payload: parsePayload(latest.payload_json),
    });
  }

  private requireActive(webhook: WebhookRecord): WebhookRecord {
    if (!webhook.active)
      throw new ConflictException(['the webhook is inactive; set active to true to send to it']);
    return webhook;
  }

  private async publish(record: DeliveryRecord): Promise<AcceptedDeliveryDto> {
    await this.producer.publish(record);
    this.metrics.deliveriesPublished.inc({ trigger: record.trigger });
    this.logger.info(
      {
        organisation_id: record.organisation_id,
        webhook_id: record.webhook_id,
        delivery_id: record.delivery_id,
        series_id: record.series_id,
        trigger: record.trigger,
      },
      'delivery published',
    );
    return { delivery_id: record.delivery_id, series_id: record.series_id };
  }
}
