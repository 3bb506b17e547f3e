import { Injectable } from '@nestjs/common';
import { UPDATES_PER_COMMAND, WebhookCollection } from './webhook-collection';
import type { LastDelivery } from './webhook-record';

/**
 * What the delivery outcomes say about each webhook: its newest attempt (`last_delivery`)
 * and its failure streak (`failing_since`). Written in batches from the attempts consumer,
 * by webhook id; neither moves `updated_at`, which changes only with the configuration.
 */
@Injectable()
export class WebhookDeliveryStatus {
  constructor(private readonly webhooks: WebhookCollection) {}

  /**
   * Records each webhook's newest attempt, only where it is newer than the one there, in a
   * few round trips.
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
    const chunks = await this.webhooks.updateInChunks(entries, ({ organisationId, id, last }) => ({
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
   * One ordered command per chunk, so the reset comes before a new streak's start.
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
      await this.webhooks.write(
        chunk.map(({ id }) => id),
        () => this.webhooks.model.bulkWrite(operations, { ordered: true }),
      );
    }
  }
}
