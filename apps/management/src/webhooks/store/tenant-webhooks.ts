import { Injectable } from '@nestjs/common';
import type { EventType } from '@app/contracts';
import { afterCursor, type PageCursor } from '../../common/cursor';
import { hourOf } from '../../common/hour-buckets';
import { WebhookCollection } from './webhook-collection';
import type { WebhookChanges, WebhookRecord } from './webhook-record';

export interface WebhookFilter {
  event?: EventType;
  active?: boolean;
}

/**
 * An organisation's webhooks, as its admin manages them: create, read, list, change,
 * delete. Every read and write takes the organisation id, so a query without a tenant does
 * not compile; tombstones (`deleted_at` set) are invisible here.
 */
@Injectable()
export class TenantWebhooks {
  constructor(private readonly webhooks: WebhookCollection) {}

  /** Throws a duplicate-key error (isDuplicateKeyError) when the target URL is taken. */
  async insert(record: WebhookRecord): Promise<void> {
    await this.webhooks.model.create(record);
  }

  findOne(organisationId: string, id: string): Promise<WebhookRecord | null> {
    return this.webhooks.model
      .findOne({ _id: id, organisation_id: organisationId, deleted_at: null })
      .lean<WebhookRecord>()
      .exec();
  }

  /** Newest first (created_at, then id), strictly after the cursor; `limit` rows at most. */
  list(
    organisationId: string,
    filter: WebhookFilter,
    cursor: PageCursor | null,
    limit: number,
  ): Promise<WebhookRecord[]> {
    const query: Record<string, unknown> = {
      organisation_id: organisationId,
      deleted_at: null,
      ...afterCursor('created_at', cursor),
    };
    if (filter.event !== undefined) query.events = filter.event;
    if (filter.active !== undefined) query.active = filter.active;
    return this.webhooks.model
      .find(query)
      .sort({ created_at: -1, _id: -1 })
      .limit(limit)
      .lean<WebhookRecord[]>()
      .exec();
  }

  /**
   * Applies a configuration change if the webhook is still live and unchanged since it was
   * read (`expectedUpdatedAt`), so concurrent edits cannot silently overwrite each other.
   * Returns whether it applied. Throws a duplicate-key error when the target URL is taken.
   */
  async update(
    organisationId: string,
    id: string,
    expectedUpdatedAt: Date,
    changes: WebhookChanges,
  ): Promise<boolean> {
    const result = await this.webhooks.write([id], () =>
      this.webhooks.model.updateOne(
        {
          _id: id,
          organisation_id: organisationId,
          deleted_at: null,
          updated_at: expectedUpdatedAt,
        },
        { $set: { ...changes, routing_pending: true } },
      ),
    );
    return result.matchedCount === 1;
  }

  /**
   * Deletes as a tombstone the matcher and sender views see (docs/design.md contract): inactive,
   * `deleted_at` set, the target URL replaced so the unique index frees the real one.
   */
  async tombstone(organisationId: string, id: string, now: Date): Promise<boolean> {
    const result = await this.webhooks.write([id], () =>
      this.webhooks.model.updateOne(
        { _id: id, organisation_id: organisationId, deleted_at: null },
        {
          $set: {
            deleted_at: now,
            deleted_hour: hourOf(now),
            active: false,
            target_url: `deleted:${id}`,
            updated_at: now,
            routing_pending: true,
          },
        },
      ),
    );
    return result.matchedCount === 1;
  }
}
