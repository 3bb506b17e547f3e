// Generated from the management DTOs by `npm run management:openapi-metadata` (the
// @nestjs/swagger CLI plugin, read-only); do not edit. configure-app.ts loads it before it
// builds the OpenAPI document; a unit spec (metadata.spec.ts) fails when it is stale.
/* eslint-disable */
export default async () => {
  const t = {
    ['./auth/api-key.dto']: await import('./auth/api-key.dto'),
    ['./webhooks/webhook.dto']: await import('./webhooks/webhook.dto'),
    ['./deliveries/delivery.dto']: await import('./deliveries/delivery.dto'),
    ['./event-types/event-type.dto']: await import('./event-types/event-type.dto'),
  };
  return {
    '@nestjs/swagger': {
      models: [
        [
          import('./auth/api-key.dto'),
          {
            CreateApiKeyDto: {
              organisation_id: { required: true, type: () => String, format: 'uuid' },
              name: { required: false, type: () => String, minLength: 1, maxLength: 100 },
            },
            ListApiKeysQueryDto: {
              organisation_id: { required: true, type: () => String, format: 'uuid' },
            },
            ApiKeyDto: {
              id: { required: true, type: () => String },
              organisation_id: { required: true, type: () => String },
              name: { required: true, type: () => String },
              key_prefix: { required: true, type: () => String },
              created_at: { required: true, type: () => String },
              last_used_at: { required: true, type: () => String, nullable: true },
            },
            ApiKeyListDto: {
              data: { required: true, type: () => [t['./auth/api-key.dto'].ApiKeyDto] },
            },
            ApiKeyCreatedDto: { key: { required: true, type: () => String } },
          },
        ],
        [
          import('./common/error.dto'),
          {
            ErrorDto: {
              status_code: { required: true, type: () => Number },
              error: { required: true, type: () => String },
              message: { required: true, type: () => Object },
              correlation_id: { required: true, type: () => String },
            },
          },
        ],
        [
          import('./webhooks/webhook-filter.dto'),
          {
            FilterTestDto: {
              filter: { required: true, type: 'object', additionalProperties: true },
              event: { required: true, type: 'object', additionalProperties: true },
            },
            FilterTestResultDto: { matches: { required: true, type: () => Boolean } },
          },
        ],
        [
          import('./webhooks/webhook.dto'),
          {
            CreateWebhookDto: {
              name: { required: true, type: () => String, minLength: 1 },
              target_url: { required: true, type: () => String },
              events: {
                required: true,
                type: () => [Object],
                enum: [
                  'contact.created',
                  'contact_details.updated',
                  'contact.deleted',
                  'conversation.inbound',
                  'conversation.outbound',
                  'conversation.submission_error',
                  'conversation.sending_error',
                  'conversation.tag',
                  'conversation.untag',
                  'conversation.assign',
                  'conversation.unassign',
                  'conversation.reopen',
                  'conversation.close',
                  'form_submission.completed',
                  'form_submission.aborted',
                  'delivery.dead_lettered',
                  'delivery.recovered',
                  'webhook.disabled',
                ],
                isArray: true,
                uniqueItems: true,
                minItems: 1,
              },
              method: { required: false, enum: ['POST', 'PUT', 'PATCH'] },
              headers: {
                required: false,
                type: 'object',
                additionalProperties: { type: 'string' },
              },
              active: { required: false, type: () => Boolean },
              ordering: { required: false, enum: ['none', 'per_entity'] },
              rate_limit: { required: false, type: () => Number, nullable: true },
              filter: { required: false, type: 'object', additionalProperties: true },
            },
            WebhookHeadersPatch: {
              headers: { required: false, type: 'object', additionalProperties: true },
            },
            WebhookFilterPatch: {
              filter: {
                required: false,
                type: 'object',
                additionalProperties: true,
                nullable: true,
              },
            },
            UpdateWebhookDto: {
              name: { required: false, type: () => String },
              target_url: { required: false, type: () => String },
              events: {
                required: false,
                type: () => [Object],
                enum: [
                  'contact.created',
                  'contact_details.updated',
                  'contact.deleted',
                  'conversation.inbound',
                  'conversation.outbound',
                  'conversation.submission_error',
                  'conversation.sending_error',
                  'conversation.tag',
                  'conversation.untag',
                  'conversation.assign',
                  'conversation.unassign',
                  'conversation.reopen',
                  'conversation.close',
                  'form_submission.completed',
                  'form_submission.aborted',
                  'delivery.dead_lettered',
                  'delivery.recovered',
                  'webhook.disabled',
                ],
                isArray: true,
              },
              method: { required: false, enum: ['POST', 'PUT', 'PATCH'] },
              active: { required: false, type: () => Boolean },
              ordering: { required: false, enum: ['none', 'per_entity'] },
              rate_limit: { required: false, type: () => Number, nullable: true },
            },
            PageQueryDto: {
              limit: { required: false, type: () => Number, minimum: 1, maximum: 100 },
              cursor: { required: false, type: () => String, maxLength: 512 },
            },
            ListWebhooksQueryDto: {
              event: {
                required: false,
                enum: [
                  'contact.created',
                  'contact_details.updated',
                  'contact.deleted',
                  'conversation.inbound',
                  'conversation.outbound',
                  'conversation.submission_error',
                  'conversation.sending_error',
                  'conversation.tag',
                  'conversation.untag',
                  'conversation.assign',
                  'conversation.unassign',
                  'conversation.reopen',
                  'conversation.close',
                  'form_submission.completed',
                  'form_submission.aborted',
                  'delivery.dead_lettered',
                  'delivery.recovered',
                  'webhook.disabled',
                ],
              },
              active: { required: false, type: () => Boolean },
            },
            LastDeliveryDto: {
              delivery_id: { required: true, type: () => String },
              status: { required: true, type: () => String },
              status_code: { required: true, type: () => Number, nullable: true },
              error_kind: { required: true, type: () => String, nullable: true },
              error: { required: true, type: () => String, nullable: true },
              attempt: { required: true, type: () => Number },
              attempted_at: { required: true, type: () => String },
              duration_ms: { required: true, type: () => Number },
              next: {
                required: true,
                nullable: true,
                enum: ['done', 'retry', 'dead_letter', 'dropped'],
              },
              next_attempt_at: { required: true, type: () => String, nullable: true },
            },
            WebhookDto: {
              id: { required: true, type: () => String },
              organisation_id: { required: true, type: () => String },
              name: { required: true, type: () => String },
              target_url: { required: true, type: () => String },
              method: { required: true, enum: ['POST', 'PUT', 'PATCH'] },
              events: { required: true, type: () => [String] },
              headers: { required: true, type: 'object', additionalProperties: { type: 'string' } },
              active: { required: true, type: () => Boolean },
              ordering: { required: true, enum: ['none', 'per_entity'] },
              rate_limit: { required: true, type: () => Number, nullable: true },
              filter: {
                required: true,
                type: 'object',
                additionalProperties: true,
                nullable: true,
              },
              disabled_reason: { required: true, type: () => String, nullable: true },
              disabled_at: { required: true, type: () => String, nullable: true },
              created_at: { required: true, type: () => String },
              updated_at: { required: true, type: () => String },
              last_delivery: {
                required: true,
                type: () => t['./webhooks/webhook.dto'].LastDeliveryDto,
                nullable: true,
              },
            },
            WebhookPageDto: {
              data: { required: true, type: () => [t['./webhooks/webhook.dto'].WebhookDto] },
              next_cursor: { required: true, type: () => String, nullable: true },
            },
            SigningSecretDto: {
              secret: { required: true, type: () => String },
              created_at: { required: true, type: () => String },
              previous_secret_expires_at: { required: true, type: () => String, nullable: true },
            },
          },
        ],
        [
          import('./deliveries/delivery.dto'),
          {
            ListDeliveriesQueryDto: {
              status: { required: false, enum: ['succeeded', 'failed', 'cancelled'] },
            },
            CallbackPayloadDto: {
              id: { required: true, type: () => String },
              type: { required: true, type: () => String },
              timestamp: { required: true, type: () => String },
              organisation_id: { required: true, type: () => String },
              data: { required: true, type: 'object', additionalProperties: true },
            },
            DeliveryAttemptDto: {
              id: { required: true, type: () => String },
              delivery_id: { required: true, type: () => String },
              series_id: { required: true, type: () => String },
              webhook_id: { required: true, type: () => String },
              event_id: { required: true, type: () => String },
              event_type: { required: true, type: () => String },
              trigger: { required: true, type: () => String },
              attempt: { required: true, type: () => Number },
              status: { required: true, type: () => String },
              status_code: { required: true, type: () => Number, nullable: true },
              error_kind: { required: true, type: () => String, nullable: true },
              error: { required: true, type: () => String, nullable: true },
              duration_ms: { required: true, type: () => Number },
              response_body: { required: true, type: () => String, nullable: true },
              attempted_at: { required: true, type: () => String },
              next: { required: true, type: () => String },
              next_attempt_at: { required: true, type: () => String, nullable: true },
              payload: {
                required: true,
                type: () => t['./deliveries/delivery.dto'].CallbackPayloadDto,
              },
            },
            DeliveryAttemptPageDto: {
              data: {
                required: true,
                type: () => [t['./deliveries/delivery.dto'].DeliveryAttemptDto],
              },
              next_cursor: { required: true, type: () => String, nullable: true },
            },
            AcceptedDeliveryDto: {
              delivery_id: { required: true, type: () => String },
              series_id: { required: true, type: () => String },
            },
          },
        ],
        [
          import('./deliveries/recover.dto'),
          {
            RecoverWindowDto: {
              since: { required: true, type: () => String },
              until: { required: false, type: () => String },
            },
            RecoveryAcceptedDto: {
              queued: { required: true, type: () => Number },
              since: { required: true, type: () => String },
              until: { required: true, type: () => String },
            },
          },
        ],
        [
          import('./event-types/event-type.dto'),
          {
            EventTypeDto: {
              type: { required: true, type: () => String },
              version: { required: true, type: () => Number },
              description: { required: true, type: () => String },
              group: {
                required: true,
                enum: ['contacts', 'conversations', 'form-submissions', 'operational'],
              },
              key: { required: true, type: () => String },
              schema: { required: true, type: 'object', additionalProperties: true },
              example: { required: true, type: 'object', additionalProperties: true },
            },
            EventTypeListDto: {
              data: {
                required: true,
                type: () => [t['./event-types/event-type.dto'].EventTypeDto],
              },
            },
          },
        ],
        [
          import('./replays/replay.dto'),
          {
            ReplayWindowDto: {
              since: { required: true, type: () => String },
              until: { required: false, type: () => String },
            },
            ReplayDto: {
              id: { required: true, type: () => String },
              webhook_id: { required: true, type: () => String },
              since: { required: true, type: () => String },
              until: { required: true, type: () => String },
              state: { required: true, type: () => String },
              events_scanned: { required: true, type: () => Number },
              events_matched: { required: true, type: () => Number },
              events_total: { required: true, type: () => Number, nullable: true },
              error: { required: true, type: () => String, nullable: true },
              requested_at: { required: true, type: () => String },
              finished_at: { required: true, type: () => String, nullable: true },
            },
          },
        ],
      ],
      controllers: [],
    },
  };
};
