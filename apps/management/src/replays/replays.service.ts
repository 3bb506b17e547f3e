import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import type { ReplayRequest } from '@app/contracts';
import { storedFilter } from '@app/webhooks';
import { Clock } from '../common/clock';
import { WebhooksService } from '../webhooks/webhooks.service';
import { MAX_REPLAY_WINDOW_DAYS, type ReplayDto, type ReplayWindowDto } from './replay.dto';
import { ReplayRepository } from './replay.repository';
import type { ReplayRecord } from './replay.schema';
import { ReplayRequestProducer } from './replay-request.producer';
import { checkReplayWindow } from './replay-window';

function presentReplay(record: ReplayRecord): ReplayDto {
  return {
    id: record._id,
    webhook_id: record.webhook_id,
    since: record.since.toISOString(),
    until: record.until.toISOString(),
    state: record.state,
    events_scanned: record.events_scanned,
    events_matched: record.events_matched,
    events_total: record.events_total ?? null,
    error: record.error ?? null,
    requested_at: record.requested_at.toISOString(),
    finished_at: record.finished_at ? record.finished_at.toISOString() : null,
  };
}

/**
 * Replays of a webhook's window of the event log. Management stores the replay and hands
 * the request to the matcher on `webhooks.replays`; the matcher's progress comes back on
 * `webhooks.replay-progress` (ReplayProgressConsumer) and is what GET shows.
 */
@Injectable()
export class ReplaysService {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly replays: ReplayRepository,
    private readonly producer: ReplayRequestProducer,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('ReplaysService');
  }

  async request(
    organisationId: string,
    webhookId: string,
    dto: ReplayWindowDto,
  ): Promise<ReplayDto> {
    const now = this.clock.now();
    const window = checkReplayWindow(dto.since, dto.until, now, MAX_REPLAY_WINDOW_DAYS);
    if (!window.ok) throw new BadRequestException([window.message]);
    const webhook = await this.webhooks.load(organisationId, webhookId);
    if (!webhook.active)
      throw new ConflictException(['the webhook is inactive; set active to true to replay to it']);
    const record: ReplayRecord = {
      _id: randomUUID(),
      organisation_id: organisationId,
      webhook_id: webhook._id,
      since: window.since,
      until: window.until,
      state: 'requested',
      events_scanned: 0,
      events_matched: 0,
      events_total: null,
      error: null,
      requested_at: now,
      started_at: null,
      reported_at: null,
      finished_at: null,
    };
    await this.replays.insert(record);
    const request: ReplayRequest = {
      replay_id: record._id,
      webhook_id: webhook._id,
      organisation_id: organisationId,
      events: [...webhook.events],
      // Replayed events pass the same filter as live ones (docs/design.md, "Payload filters").
      ...storedFilter(webhook.filter_json),
      since: window.since.toISOString(),
      until: window.until.toISOString(),
      requested_at: now.toISOString(),
    };
    try {
      await this.producer.publish(request);
    } catch (error) {
      // Nobody will run it (unless the record still goes out late: then its progress shows).
      await this.replays
        .markFailed(record._id, 'the request could not be handed to Kafka', this.clock.now())
        .catch(() => undefined);
      throw error;
    }
    this.logger.info(
      {
        organisation_id: organisationId,
        webhook_id: webhook._id,
        replay_id: record._id,
        since: request.since,
        until: request.until,
      },
      'replay requested',
    );
    return presentReplay(record);
  }

  async get(organisationId: string, webhookId: string, replayId: string): Promise<ReplayDto> {
    const record = await this.replays.findOne(organisationId, webhookId, replayId);
    if (!record) throw new NotFoundException([`replay ${replayId} not found`]);
    return presentReplay(record);
  }
}
