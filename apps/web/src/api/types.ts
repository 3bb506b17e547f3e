import type { components } from './schema';

/** The REST API's shapes, named as the page talks about them. */
type Schemas = components['schemas'];
export type Webhook = Schemas['WebhookDto'];
export type WebhookPage = Schemas['WebhookPageDto'];
export type LastDelivery = Schemas['LastDeliveryDto'];
export type CreateWebhook = Schemas['CreateWebhookDto'];
export type UpdateWebhook = Schemas['UpdateWebhookDto'];
export type EventType = Schemas['EventTypeDto'];
export type SigningSecret = Schemas['SigningSecretDto'];
export type DeliveryAttempt = Schemas['DeliveryAttemptDto'];
export type DeliveryAttemptPage = Schemas['DeliveryAttemptPageDto'];
export type ApiErrorBody = Schemas['ErrorDto'];
