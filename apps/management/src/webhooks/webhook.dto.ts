import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  DISABLE_REASONS,
  EVENT_TYPES,
  WEBHOOK_ORDERINGS,
  type DisableReason,
  type EventType,
  type NextStep,
  type WebhookOrdering,
} from '@app/contracts';
import type { PayloadFilter } from '@app/filters';
import { MAX_TARGET_URL_LENGTH, WEBHOOK_METHODS, type WebhookMethod } from '@app/webhooks';
import { NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_PATTERN } from '../common/control-characters';
import { NullableField, OptionalField } from '../common/optional';
import { MAX_HEADERS } from './header-rules';
import { IsTargetUrl } from './target-url.validator';
import { IsPayloadFilter } from './payload-filter.validator';
import { FILTER_SCHEMA } from './webhook-filter.dto';
import { IsWebhookHeaders } from './webhook-headers.validator';

export const MAX_NAME_LENGTH = 100;

const EVENTS_DESCRIPTION = `1 to ${EVENT_TYPES.length} distinct event types of the catalog (GET /v1/event-types).`;
const HEADERS_DESCRIPTION =
  `Custom HTTP headers sent with every callback, as name → value (at most ${MAX_HEADERS}). ` +
  'Names must be HTTP tokens; host, content-length, content-type, user-agent, webhook-* and ' +
  'hop-by-hop headers are reserved. Values may not contain CR or LF. Stored encrypted, returned masked.';
const ORDERING_DESCRIPTION =
  '`per_entity`: the callbacks about one entity (a contact, a conversation, a form submission) ' +
  'are sent one at a time, in the order the events were published; a failing callback holds ' +
  'back the later ones of its entity until it succeeds or gives up (docs/receivers.md). ' +
  '`none` (the default): callbacks are sent in parallel, in no particular order.';
const TARGET_DESCRIPTION =
  'HTTPS URL the callbacks are sent to; no credentials, no fragment, and no host that is or ' +
  'resolves to a loopback, private, link-local, CGNAT, multicast, reserved or metadata address. ' +
  'Unique within the organisation.';

/** Bounds of `rate_limit`, callbacks per second. */
export const MIN_RATE_LIMIT = 1;
export const MAX_RATE_LIMIT = 10_000;
const RATE_LIMIT_DESCRIPTION =
  `At most this many callbacks a second to this webhook (${MIN_RATE_LIMIT} to ${MAX_RATE_LIMIT}); ` +
  'null or absent: no limit. Callbacks over the limit wait their turn: none is dropped, and ' +
  'waiting is not a failed attempt. Test calls are not held back. Approximate when the ' +
  'platform runs several senders.';

function RateLimitRules() {
  // One message for every way to miss (a string fails all three checks at once).
  const message = `rate_limit must be a whole number from ${MIN_RATE_LIMIT} to ${MAX_RATE_LIMIT}`;
  return (target: object, property: string) => {
    NullableField()(target, property);
    IsInt({ message })(target, property);
    Min(MIN_RATE_LIMIT, { message })(target, property);
    Max(MAX_RATE_LIMIT, { message })(target, property);
  };
}

function OrderingRules() {
  return (target: object, property: string) => {
    OptionalField()(target, property);
    IsIn(WEBHOOK_ORDERINGS, {
      message: `ordering must be one of ${WEBHOOK_ORDERINGS.join(', ')}`,
    })(target, property);
  };
}

function NameRules() {
  return (target: object, property: string) => {
    IsString({ message: 'name must be a string' })(target, property);
    Length(1, MAX_NAME_LENGTH, { message: `name must be 1 to ${MAX_NAME_LENGTH} characters` })(
      target,
      property,
    );
    Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })(
      target,
      property,
    );
  };
}

function EventRules() {
  return (target: object, property: string) => {
    IsArray({ message: 'events must be an array of event types' })(target, property);
    ArrayMinSize(1, { message: 'events must list at least one event type' })(target, property);
    ArrayMaxSize(EVENT_TYPES.length, {
      message: `events must list at most ${EVENT_TYPES.length} event types`,
    })(target, property);
    ArrayUnique({ message: 'events must not list an event type twice' })(target, property);
    IsIn(EVENT_TYPES, {
      each: true,
      message: 'events must contain only event types of the catalog (see GET /v1/event-types)',
    })(target, property);
  };
}

export class CreateWebhookDto {
  @ApiProperty({
    example: 'CRM sync',
    minLength: 1,
    maxLength: MAX_NAME_LENGTH,
    pattern: NO_CONTROL_CHARACTERS_PATTERN,
  })
  @NameRules()
  name!: string;

  @ApiProperty({
    example: 'https://hooks.example.com/mateo',
    maxLength: MAX_TARGET_URL_LENGTH,
    format: 'uri',
    pattern: '^https://',
    description: TARGET_DESCRIPTION,
  })
  @IsTargetUrl()
  target_url!: string;

  @ApiProperty({
    enum: EVENT_TYPES,
    isArray: true,
    example: ['contact.created', 'conversation.inbound'],
    description: EVENTS_DESCRIPTION,
    minItems: 1,
    maxItems: EVENT_TYPES.length,
    uniqueItems: true,
  })
  @EventRules()
  events!: EventType[];

  @ApiPropertyOptional({ enum: WEBHOOK_METHODS, default: 'POST', example: 'POST' })
  @OptionalField()
  @IsIn(WEBHOOK_METHODS, { message: `method must be one of ${WEBHOOK_METHODS.join(', ')}` })
  method?: WebhookMethod;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 2048 },
    maxProperties: MAX_HEADERS,
    example: { Authorization: 'Bearer 9f8e7d6c5b4a1234' },
    description: HEADERS_DESCRIPTION,
  })
  @OptionalField()
  @IsWebhookHeaders()
  headers?: Record<string, string>;

  @ApiPropertyOptional({ default: true, example: true })
  @OptionalField()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    enum: WEBHOOK_ORDERINGS,
    default: 'none',
    example: 'none',
    description: ORDERING_DESCRIPTION,
  })
  @OrderingRules()
  ordering?: WebhookOrdering;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: MIN_RATE_LIMIT,
    maximum: MAX_RATE_LIMIT,
    default: null,
    example: 50,
    description: RATE_LIMIT_DESCRIPTION,
  })
  @RateLimitRules()
  rate_limit?: number | null;

  @ApiPropertyOptional(FILTER_SCHEMA)
  @OptionalField()
  @IsPayloadFilter()
  filter?: PayloadFilter;
}

/** PATCH: every field optional; `headers` merges (a null value removes that header). */
export class UpdateWebhookDto {
  @ApiPropertyOptional({
    example: 'CRM sync (EU)',
    minLength: 1,
    maxLength: MAX_NAME_LENGTH,
    pattern: NO_CONTROL_CHARACTERS_PATTERN,
  })
  @OptionalField()
  @NameRules()
  name?: string;

  @ApiPropertyOptional({
    example: 'https://hooks.example.com/mateo-eu',
    maxLength: MAX_TARGET_URL_LENGTH,
    format: 'uri',
    pattern: '^https://',
    description: TARGET_DESCRIPTION,
  })
  @OptionalField()
  @IsTargetUrl()
  target_url?: string;

  @ApiPropertyOptional({
    enum: EVENT_TYPES,
    isArray: true,
    example: ['conversation.inbound'],
    description: `Replaces the list. ${EVENTS_DESCRIPTION}`,
    minItems: 1,
    maxItems: EVENT_TYPES.length,
    uniqueItems: true,
  })
  @OptionalField()
  @EventRules()
  events?: EventType[];

  @ApiPropertyOptional({ enum: WEBHOOK_METHODS, example: 'PUT' })
  @OptionalField()
  @IsIn(WEBHOOK_METHODS, { message: `method must be one of ${WEBHOOK_METHODS.join(', ')}` })
  method?: WebhookMethod;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true, maxLength: 2048 },
    maxProperties: MAX_HEADERS,
    example: { Authorization: 'Bearer 0a1b2c3d4e5f6789', 'X-Old': null },
    description: `Merged into the existing headers: a value sets that header, null removes it. ${HEADERS_DESCRIPTION}`,
  })
  @OptionalField()
  @IsWebhookHeaders(true)
  headers?: Record<string, string | null>;

  @ApiPropertyOptional({ example: false })
  @OptionalField()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    enum: WEBHOOK_ORDERINGS,
    example: 'per_entity',
    description: ORDERING_DESCRIPTION,
  })
  @OrderingRules()
  ordering?: WebhookOrdering;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: MIN_RATE_LIMIT,
    maximum: MAX_RATE_LIMIT,
    example: 20,
    description: `${RATE_LIMIT_DESCRIPTION} null removes the limit.`,
  })
  @RateLimitRules()
  rate_limit?: number | null;

  @ApiPropertyOptional({
    ...FILTER_SCHEMA,
    nullable: true,
    description: `Replaces the filter; null removes it. ${FILTER_SCHEMA.description}`,
  })
  @OptionalField()
  @IsPayloadFilter(true)
  filter?: PayloadFilter | null;
}

/** `true`/`false` in a query string → boolean; anything else stays for the validator to refuse. */
const BooleanQuery = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, example: 20 })
  @OptionalField()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  limit?: number;

  @ApiPropertyOptional({
    description: 'The next_cursor of the previous page (opaque).',
    maxLength: 512,
    pattern: '^[A-Za-z0-9_-]+$',
  })
  @OptionalField()
  @IsString({ message: 'cursor must be a string' })
  @MaxLength(512, { message: 'cursor is not a valid page cursor' })
  cursor?: string;
}

export class ListWebhooksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: EVENT_TYPES,
    description: 'Only webhooks subscribed to this event type.',
  })
  @OptionalField()
  @IsIn(EVENT_TYPES, { message: 'event must be an event type of the catalog' })
  event?: EventType;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only active (true) or inactive (false) webhooks.',
  })
  @OptionalField()
  @BooleanQuery()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class LastDeliveryDto {
  @ApiProperty({ example: '1f0d3c8e-6d1a-5b9e-8f4c-2a7b9c0d1e2f' })
  delivery_id!: string;

  @ApiProperty({ enum: ['succeeded', 'failed', 'cancelled'], example: 'succeeded' })
  status!: string;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  status_code!: number | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error_kind!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error!: string | null;

  @ApiProperty({ example: 1 })
  attempt!: number;

  @ApiProperty({ example: '2026-11-23T10:00:01.234Z' })
  attempted_at!: string;

  @ApiProperty({ example: 184 })
  duration_ms!: number;

  @ApiProperty({
    type: String,
    enum: ['done', 'retry', 'dead_letter', 'dropped'],
    nullable: true,
    example: 'retry',
    description:
      'What follows this attempt: nothing (done), another attempt (retry), the dead-letter ' +
      'topic after the last one (dead_letter), or nothing because the webhook is gone (dropped). ' +
      'Null for attempts recorded before this was kept.',
  })
  next!: NextStep | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-23T10:01:11.000Z',
    description: 'When the retry is due (only with next = retry).',
  })
  next_attempt_at!: string | null;
}

export class WebhookDto {
  @ApiProperty({ example: '8a1f6f9c-2b1e-4c3d-9e8f-7a6b5c4d3e2f' })
  id!: string;

  @ApiProperty({ example: '3c90c3cc-0d44-4b50-8888-8dd25736052a' })
  organisation_id!: string;

  @ApiProperty({ example: 'CRM sync' })
  name!: string;

  @ApiProperty({ example: 'https://hooks.example.com/mateo' })
  target_url!: string;

  @ApiProperty({ enum: WEBHOOK_METHODS, example: 'POST' })
  method!: WebhookMethod;

  @ApiProperty({
    enum: EVENT_TYPES,
    isArray: true,
    example: ['contact.created', 'conversation.inbound'],
  })
  events!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { Authorization: 'Bear…1234' },
    description: 'Header values, masked.',
  })
  headers!: Record<string, string>;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ enum: WEBHOOK_ORDERINGS, example: 'none', description: ORDERING_DESCRIPTION })
  ordering!: WebhookOrdering;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description: 'Callbacks a second at most to this webhook; null: no limit.',
  })
  rate_limit!: number | null;

  @ApiProperty({
    ...FILTER_SCHEMA,
    nullable: true,
    description: 'The payload filter; null when the webhook takes every event of its types.',
  })
  filter!: PayloadFilter | null;

  @ApiProperty({
    type: String,
    enum: DISABLE_REASONS,
    nullable: true,
    example: null,
    description:
      'Why the platform switched the webhook off: `failing` when every delivery dead-lettered, ' +
      'with no success, for WEBHOOK_DISABLE_AFTER (default 5 days). Null otherwise; ' +
      'PATCH `{"active": true}` re-enables it and clears this.',
  })
  disabled_reason!: DisableReason | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'When the platform switched the webhook off; null when it did not.',
  })
  disabled_at!: string | null;

  @ApiProperty({ example: '2026-11-23T09:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ example: '2026-11-23T09:30:00.000Z' })
  updated_at!: string;

  @ApiProperty({ type: LastDeliveryDto, nullable: true })
  last_delivery!: LastDeliveryDto | null;
}

export class WebhookPageDto {
  @ApiProperty({ type: WebhookDto, isArray: true })
  data!: WebhookDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  next_cursor!: string | null;
}

export class SigningSecretDto {
  @ApiProperty({
    description: 'The current signing secret (Standard Webhooks: whsec_ + base64).',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/6UqYvC9RxQ=',
  })
  secret!: string;

  @ApiProperty({ example: '2026-11-23T09:00:00.000Z' })
  created_at!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-24T09:00:00.000Z',
    description: 'While a rotated-out secret still signs alongside this one: when it stops.',
  })
  previous_secret_expires_at!: string | null;
}
