import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WEBHOOK_MODEL, WebhookSchema } from './webhook.schema';

/** Registers the webhook model; inject it with `@InjectModel(WEBHOOK_MODEL)`. */
@Module({
  imports: [MongooseModule.forFeature([{ name: WEBHOOK_MODEL, schema: WebhookSchema }])],
  exports: [MongooseModule],
})
export class WebhooksDataModule {}
