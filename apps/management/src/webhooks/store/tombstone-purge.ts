import { Injectable } from '@nestjs/common';
import { hourOf, wholeHoursBefore } from '../../common/hour-buckets';
import { WebhookCollection } from './webhook-collection';

/**
 * Deletes webhook tombstones for good, for the retention job, once every matcher and
 * sender view has had time to see the delete.
 */
@Injectable()
export class TombstonePurge {
  constructor(private readonly webhooks: WebhookCollection) {}

  /**
   * Removes tombstones deleted before `before` whose deletion is on the routing topic, one
   * hour bucket at a time from `sweepFrom` (common/hour-buckets.ts), each an index lookup.
   * Returns how many it removed.
   */
  async purge(before: Date, sweepFrom: Date): Promise<number> {
    const { model } = this.webhooks;
    let deleted = 0;
    for (const hour of wholeHoursBefore(before, sweepFrom))
      deleted += (await model.deleteMany({ deleted_hour: hour, routing_pending: false }))
        .deletedCount;
    const partial = await model.deleteMany({
      deleted_hour: hourOf(before),
      deleted_at: { $lt: before },
      routing_pending: false,
    });
    return deleted + partial.deletedCount;
  }
}
