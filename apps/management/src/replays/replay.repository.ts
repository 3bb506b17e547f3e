import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReplayProgress } from '@app/contracts';
import { REPLAY_MODEL, type ReplayRecord } from './replay.schema';

/** Replays in MongoDB; plain objects out. */
@Injectable()
export class ReplayRepository implements OnModuleInit {
  constructor(@InjectModel(REPLAY_MODEL) private readonly model: Model<ReplayRecord>) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  async insert(record: ReplayRecord): Promise<void> {
    await this.model.create(record);
  }

  /** One replay of one webhook of one organisation (by id: the primary key). */
  findOne(
    organisationId: string,
    webhookId: string,
    replayId: string,
  ): Promise<ReplayRecord | null> {
    return this.model
      .findOne({ _id: replayId, organisation_id: organisationId, webhook_id: webhookId })
      .lean<ReplayRecord>()
      .exec();
  }

  /** Marks a replay whose request never reached Kafka as failed. */
  async markFailed(replayId: string, error: string, at: Date): Promise<void> {
    await this.model
      .updateOne(
        { _id: replayId, state: 'requested' },
        { $set: { state: 'failed', error, finished_at: at } },
      )
      .exec();
  }

  /**
   * Applies a progress report unless a newer one was applied already (reports of one replay
   * can be read again after a restart, or overtake each other across a rebalance): one
   * conditional update by id, idempotent.
   */
  async applyProgress(progress: ReplayProgress): Promise<void> {
    const reportedAt = new Date(progress.reported_at);
    const finished = progress.state === 'completed' || progress.state === 'failed';
    await this.model
      .updateOne(
        {
          _id: progress.replay_id,
          organisation_id: progress.organisation_id,
          $or: [{ reported_at: null }, { reported_at: { $lt: reportedAt } }],
        },
        {
          $set: {
            state: progress.state,
            events_scanned: progress.events_scanned,
            events_matched: progress.events_matched,
            events_total: progress.events_total,
            error: progress.error,
            started_at: new Date(progress.started_at),
            reported_at: reportedAt,
            finished_at: finished ? reportedAt : null,
          },
        },
      )
      .exec();
  }
}
