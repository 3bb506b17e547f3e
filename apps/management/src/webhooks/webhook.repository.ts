import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import type { DisableReason, EventType, NextStep } from '@app/contracts';
import {
  WEBHOOK_MODEL,
  type RouteFields,
  type StoredHeader,
  type WebhookDocument,
  type WebhookSnapshot,
} from '@app/webhooks';
import { afterCursor, type PageCursor } from '../common/cursor';
import { hourOf, wholeHoursBefore } from '../common/hour-buckets';
import { KeyedLock } from '../common/keyed-lock';

export type { StoredHeader };

/**
 * Update statements sent in one command. FerretDB 1.24 (SQLite) keeps each statement's
 * query open until the whole command ends, one pooled connection each, out of 100: a
 * command of about 100 statements waits for a connection forever and hangs the database.
 */
const UPDATES_PER_COMMAND = 20;

export interface LastDelivery {
  delivery_id: string;
  status: string;
  status_code: number | null;
  error_kind: string | null;
  error: string | null;
  attempt: number;
  attempted_at: Date;
  duration_ms: number;
  /** What the sender does next; absent on rows recorded before it was kept. */
  next?: NextStep;
  next_attempt_at?: Date | null;
}

/** A webhook document as read back (`.lean()`): the stored configuration and its status. */
export interface WebhookRecord extends WebhookSnapshot {
  last_delivery: LastDelivery | null;
  /** The first dead letter with no success after it; null while deliveries succeed. */
  failing_since?: Date | null;
  /** Set when the platform switched the webhook off (`failing`); cleared when it is re-enabled. */
  disabled_reason?: DisableReason | null;
  disabled_at?: Date | null;
  /** Set with every configuration change; cleared once that version is on the routing topic. */
  routing_pending?: boolean;
}

/** What the routing relay reads of a webhook. */
export type RouteSource = RouteFields;

const ROUTE_FIELDS = {
  _id: 1,
  organisation_id: 1,
  events: 1,
  active: 1,
  ordering: 1,
  updated_at: 1,
  deleted_at: 1,
  filter_json: 1,
} as const satisfies Record<keyof RouteFields, 1>; // a field the snapshot needs is read

/** The configuration fields an update may set (always together with a new `updated_at`). */
export type WebhookChanges = Partial<
  Pick<
    WebhookRecord,
    | 'name'
    | 'target_url'
    | 'method'
    | 'events'
    | 'headers'
    | 'active'
    | 'ordering'
    | 'rate_limit'
    | 'secrets'
    | 'failing_since'
    | 'disabled_reason'
    | 'disabled_at'
    | 'filter_json'
  >
> & { updated_at: Date };

export interface WebhookFilter {
  event?: EventType;
  active?: boolean;
}

/**
 * Is this a unique-index violation? MongoDB says code 11000; FerretDB 1.x says so on insert
 * but reports an update that breaks a unique index as an internal error carrying
 * PostgreSQL's unique-violation state (SQLSTATE 23505).
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && /\(SQLSTATE 23505\)/.test(message));
}

/**
 * Webhooks in MongoDB. Every read and write takes the organisation id, so a
 * query without a tenant does not compile; tombstones (`deleted_at` set) are invisible here.
 *
 * Updates of one webhook run one at a time in this process: FerretDB 1.x applies an update
 * by reading the document and writing all of it back, so two concurrent updates of one
 * document (an edit and the routing relay's marker, say) could undo each other. MongoDB
 * updates a document atomically; there this costs only the wait.
 */
@Injectable()
export class WebhookRepository implements OnModuleInit {
  private readonly writes = new KeyedLock();

  constructor(@InjectModel(WEBHOOK_MODEL) private readonly model: Model<WebhookDocument>) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /** Throws a duplicate-key error (isDuplicateKeyError) when the target URL is taken. */
  async insert(record: WebhookRecord): Promise<void> {
    await this.model.create(record);
  }

  findOne(organisationId: string, id: string): Promise<WebhookRecord | null> {
    return this.model
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
    return this.model
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
    const result = await this.writes.run([id], () =>
      this.model.updateOne(
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
    const result = await this.writes.run([id], () =>
      this.model.updateOne(
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

  /**
   * Records each webhook's newest attempt, only where it is newer than the one there, in a
   * few round trips. Deliberately leaves `updated_at` alone: that field moves only on
   * configuration changes.
   *
   * A success written here also ends the webhook's failure streak in the same update: being
   * newer than every outcome recorded before, it is newer than the dead letter that opened
   * the streak (docs/design.md, "Auto-disable"). That spares auto-disable a second update of
   * the document per webhook and batch, which on FerretDB reads and rewrites it whole.
   * Returns the webhooks whose streak is closed that way; where a command did not apply every
   * update (an older outcome, a replayed batch), none of its webhooks are in the set, so the
   * caller still moves their streaks itself.
   */
  async recordLastDeliveries(
    entries: Array<{ organisationId: string; id: string; last: LastDelivery }>,
  ): Promise<Set<string>> {
    const streaksClosed = new Set<string>();
    const chunks = await this.updateInChunks(entries, ({ organisationId, id, last }) => ({
      filter: {
        _id: id,
        organisation_id: organisationId,
        $or: [
          { last_delivery: null },
          { 'last_delivery.attempted_at': { $lt: last.attempted_at } },
        ],
      },
      update: {
        $set:
          last.status === 'succeeded'
            ? { last_delivery: last, failing_since: null }
            : { last_delivery: last },
      },
    }));
    for (const { chunk, allMatched } of chunks)
      if (allMatched)
        for (const { id, last } of chunk) if (last.status === 'succeeded') streaksClosed.add(id);
    return streaksClosed;
  }

  /**
   * Moves each webhook's failure streak (docs/design.md, "Auto-disable"): a success clears
   * `failing_since` unless a later dead letter set it; a dead letter sets it when unset.
   * One ordered command per chunk, so the reset comes before a new streak's start. Leaves
   * `updated_at` alone: the streak is status, not configuration.
   */
  async recordFailureStreaks(
    entries: Array<{
      organisationId: string;
      id: string;
      lastSuccessAt: Date | null;
      firstDeadLetterAt: Date | null;
    }>,
  ): Promise<void> {
    for (let start = 0; start < entries.length; start += UPDATES_PER_COMMAND / 2) {
      const chunk = entries.slice(start, start + UPDATES_PER_COMMAND / 2);
      const operations = chunk.flatMap(
        ({ organisationId, id, lastSuccessAt, firstDeadLetterAt }) => [
          ...(lastSuccessAt
            ? [
                {
                  updateOne: {
                    filter: {
                      _id: id,
                      organisation_id: organisationId,
                      failing_since: { $lte: lastSuccessAt },
                    },
                    update: { $set: { failing_since: null } },
                  },
                },
              ]
            : []),
          ...(firstDeadLetterAt
            ? [
                {
                  updateOne: {
                    filter: { _id: id, organisation_id: organisationId, failing_since: null },
                    update: { $set: { failing_since: firstDeadLetterAt } },
                  },
                },
              ]
            : []),
        ],
      );
      if (operations.length === 0) continue;
      await this.writes.run(
        chunk.map(({ id }) => id),
        () => this.model.bulkWrite(operations, { ordered: true }),
      );
    }
  }

  /**
   * Removes tombstones deleted before `before` whose deletion is on the routing topic, one
   * hour bucket at a time from `sweepFrom` (common/hour-buckets.ts), each an index lookup.
   */
  async purgeTombstones(before: Date, sweepFrom: Date): Promise<number> {
    let deleted = 0;
    for (const hour of wholeHoursBefore(before, sweepFrom))
      deleted += (await this.model.deleteMany({ deleted_hour: hour, routing_pending: false }))
        .deletedCount;
    const partial = await this.model.deleteMany({
      deleted_hour: hourOf(before),
      deleted_at: { $lt: before },
      routing_pending: false,
    });
    return deleted + partial.deletedCount;
  }

  // ------------------------------------------------------------------ routing relay
  // The relay works across organisations by design: it publishes whatever changed.

  /** Changes not yet published (left by a crash or a broker outage), oldest first. */
  findPendingRoutes(limit: number): Promise<RouteSource[]> {
    return this.model
      .find({ routing_pending: true }, ROUTE_FIELDS)
      .limit(limit)
      .lean<RouteSource[]>()
      .exec();
  }

  /** One webhook's routing fields by id, tombstones included. */
  findRoute(id: string): Promise<RouteSource | null> {
    return this.model.findOne({ _id: id }, ROUTE_FIELDS).lean<RouteSource>().exec();
  }

  /**
   * Clears the markers of the webhooks still at their published version, a few per round
   * trip: after an import or a start that marked every webhook, one update per webhook kept
   * the relay (and every change queued behind it) busy for seconds per thousand. Returns the
   * ids it cannot vouch for, those of a command that did not clear every one of its markers
   * (a newer change written since, whose own publish or the sweep will follow, or a marker
   * already cleared), for the caller to read again.
   */
  async clearRoutesPending<T extends { id: string; version: Date }>(routes: T[]): Promise<T[]> {
    const chunks = await this.updateInChunks(routes, ({ id, version }) => ({
      filter: { _id: id, updated_at: version, routing_pending: true },
      update: { $set: { routing_pending: false } },
    }));
    return chunks.flatMap(({ chunk, allMatched }) => (allMatched ? [] : chunk));
  }

  /**
   * One unordered bulk update per UPDATES_PER_COMMAND entries, each under its webhooks'
   * locks; says of each chunk whether every one of its updates matched a document (bulk
   * results do not say which one did not).
   */
  private async updateInChunks<T extends { id: string }>(
    entries: T[],
    updateOf: (entry: T) => {
      filter: FilterQuery<WebhookDocument>;
      update: UpdateQuery<WebhookDocument>;
    },
  ): Promise<Array<{ chunk: T[]; allMatched: boolean }>> {
    const chunks: Array<{ chunk: T[]; allMatched: boolean }> = [];
    for (let start = 0; start < entries.length; start += UPDATES_PER_COMMAND) {
      const chunk = entries.slice(start, start + UPDATES_PER_COMMAND);
      const result = await this.writes.run(
        chunk.map(({ id }) => id),
        () =>
          this.model.bulkWrite(
            chunk.map((entry) => ({ updateOne: updateOf(entry) })),
            { ordered: false },
          ),
      );
      chunks.push({ chunk, allMatched: result.matchedCount === chunk.length });
    }
    return chunks;
  }

  /** Webhooks stored before the routing topic existed get the marker, so the sweep publishes them. */
  async markUnpublishedRoutes(): Promise<number> {
    const result = await this.model.updateMany(
      { routing_pending: { $exists: false } },
      { $set: { routing_pending: true } },
    );
    return result.modifiedCount;
  }
}
