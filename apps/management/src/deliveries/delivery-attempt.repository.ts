import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { afterCursor, type PageCursor } from '../common/cursor';
import { hourOf, wholeHoursBefore } from '../common/hour-buckets';
import { DELIVERY_ATTEMPT_MODEL, type DeliveryAttemptRecord } from './delivery-attempt.schema';
import type { RecoveryRow } from './recovery-plan';

const RECOVERY_FIELDS = {
  _id: 1,
  delivery_id: 1,
  trigger: 1,
  status: 1,
  next: 1,
  attempted_at: 1,
  payload_json: 1,
} as const;

/** Largest bulkWrite sent at once. */
const CHUNK = 500;

interface WriteErrorLike {
  code?: unknown;
}

/** A bulk write that failed only because some rows already existed (a replayed outcome). */
function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list: WriteErrorLike[] = Array.isArray(writeErrors)
    ? (writeErrors as WriteErrorLike[])
    : writeErrors
      ? [writeErrors]
      : [];
  return list.length > 0 && list.every((entry) => entry.code === 11000);
}

/** How many rows an unordered bulk write inserted before reporting its duplicates. */
function insertedDespite(error: unknown): number {
  const result = (error as { result?: { insertedCount?: unknown } } | null)?.result;
  return typeof result?.insertedCount === 'number' ? result.insertedCount : 0;
}

/** The delivery log in MongoDB; reads take the organisation id, results are plain objects. */
@Injectable()
export class DeliveryAttemptRepository implements OnModuleInit {
  constructor(
    @InjectModel(DELIVERY_ATTEMPT_MODEL) private readonly model: Model<DeliveryAttemptRecord>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /**
   * Inserts the attempts not stored yet; an attempt already there (same series and attempt
   * number) is left as it was, so replaying the topic changes nothing. Returns how many new.
   * Plain inserts, unordered, with the unique (series_id, attempt) index refusing replays:
   * an upsert filtered on those fields is a collection scan per row on FerretDB's SQLite
   * backend (about 0.2 s each at a few thousand rows), which left the log minutes behind.
   */
  async upsertMany(attempts: DeliveryAttemptRecord[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < attempts.length; start += CHUNK) {
      const operations: AnyBulkWriteOperation<DeliveryAttemptRecord>[] = attempts
        .slice(start, start + CHUNK)
        .map((attempt) => ({ insertOne: { document: attempt } }));
      try {
        const result = await this.model.bulkWrite(operations, { ordered: false });
        inserted += result.insertedCount;
      } catch (error) {
        if (!onlyDuplicates(error)) throw error;
        inserted += insertedDespite(error);
      }
    }
    return inserted;
  }

  /** One webhook's attempts, newest first, strictly after the cursor. */
  listForWebhook(
    organisationId: string,
    webhookId: string,
    status: string | undefined,
    cursor: PageCursor | null,
    limit: number,
  ): Promise<DeliveryAttemptRecord[]> {
    const query: Record<string, unknown> = {
      organisation_id: organisationId,
      webhook_id: webhookId,
      ...afterCursor('attempted_at', cursor),
    };
    if (status !== undefined) query.status = status;
    return this.model
      .find(query)
      .sort({ attempted_at: -1, _id: -1 })
      .limit(limit)
      .lean<DeliveryAttemptRecord[]>()
      .exec();
  }

  /**
   * One page of a webhook's attempts made since `since`, newest first, strictly after the
   * cursor, with what recovering a window needs (recovery-plan.ts): the same index range as
   * the delivery log, bounded below.
   */
  listSinceForRecovery(
    organisationId: string,
    webhookId: string,
    since: Date,
    cursor: PageCursor | null,
    limit: number,
  ): Promise<RecoveryRow[]> {
    const after = afterCursor('attempted_at', cursor);
    const query: Record<string, unknown> = {
      organisation_id: organisationId,
      webhook_id: webhookId,
      ...after,
      attempted_at: { $gte: since, ...(cursor ? { $lte: cursor.at } : {}) },
    };
    return this.model
      .find(query, RECOVERY_FIELDS)
      .sort({ attempted_at: -1, _id: -1 })
      .limit(limit)
      .lean<RecoveryRow[]>()
      .exec();
  }

  /** The newest recorded attempt of a delivery (any series), or null. */
  findLatestOfDelivery(
    organisationId: string,
    deliveryId: string,
  ): Promise<DeliveryAttemptRecord | null> {
    return this.model
      .findOne({ organisation_id: organisationId, delivery_id: deliveryId })
      .sort({ attempted_at: -1, _id: -1 })
      .lean<DeliveryAttemptRecord>()
      .exec();
  }

  /**
   * Retention (FerretDB has no TTL indexes): removes the attempts made before `before`, one
   * hour bucket at a time (common/hour-buckets.ts): every whole hour from `sweepFrom`, then
   * the cutoff's own hour up to `before`. Each delete is an index lookup.
   */
  async deleteOlderThan(before: Date, sweepFrom: Date): Promise<number> {
    let deleted = 0;
    for (const hour of wholeHoursBefore(before, sweepFrom))
      deleted += (await this.model.deleteMany({ attempted_hour: hour })).deletedCount;
    const partial = await this.model.deleteMany({
      attempted_hour: hourOf(before),
      attempted_at: { $lt: before },
    });
    return deleted + partial.deletedCount;
  }
}
