import type { Model } from 'mongoose';
import { SNAPSHOT_PROJECTION, type WebhookDocument, type WebhookSnapshot } from '@app/webhooks';

/** Reads one webhook from MongoDB when the sender first needs it. */
export class WebhookRepository {
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
