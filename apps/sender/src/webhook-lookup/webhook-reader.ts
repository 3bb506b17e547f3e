import type { Model } from 'mongoose';
import { SNAPSHOT_PROJECTION, type WebhookDocument, type WebhookSnapshot } from '@app/webhooks';

/**
 * The sender's read-only view of the stored webhooks (management's repository writes them):
 * one webhook from MongoDB by id, when the sender first needs it.
 */
export class WebhookReader {
  constructor(private readonly model: Model<WebhookDocument>) {}

  /**
   * By `_id` alone, the one filter every store answers from its primary key (FerretDB on
   * SQLite pushes down nothing else); the caller checks the organisation, so a record of
   * another tenant never reaches this webhook.
   */
  async findById(webhookId: string): Promise<WebhookSnapshot | null> {
    return this.model
      .findOne({ _id: webhookId }, SNAPSHOT_PROJECTION)
      .lean<WebhookSnapshot>()
      .exec();
  }
}
