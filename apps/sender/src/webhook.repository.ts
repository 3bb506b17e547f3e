import type { Model } from 'mongoose';
import { SNAPSHOT_PROJECTION, type WebhookDocument, type WebhookSnapshot } from '@app/webhooks';

/** Reads one webhook from MongoDB (the directory's fallback on a miss); tenant required. */
export class WebhookRepository {
  constructor(private readonly model: Model<WebhookDocument>) {}

  async findOne(organisationId: string, webhookId: string): Promise<WebhookSnapshot | null> {
    return this.model
      .findOne({ _id: webhookId, organisation_id: organisationId }, SNAPSHOT_PROJECTION)
      .lean<WebhookSnapshot>()
      .exec();
  }
}
