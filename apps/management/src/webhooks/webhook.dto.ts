import { ApiProperty, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
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
import { FILTER_EXAMPLE, FILTER_PROPERTY } from './webhook-filter.dto';
import { IsWebhookHeaders } from './webhook-headers.validator';

/*
 * What the OpenAPI document says of these fields comes from two places. The @nestjs/swagger
 * plugin (metadata.ts) reads each property's TypeScript type (type, required, nullable, the
 * values of a literal union) and the class-validator decorators written on it with literal
 * arguments (min/max, lengths, array sizes, uniqueness). @ApiProperty adds the rest:
 * descriptions, examples, defaults, bounds that are named constants, the rules of our own
 * validators, and `type` where TypeScript's design type would be recorded over the plugin's
 * (`X | null` is Object, an array of DTOs is Array: nestjs/swagger#2974).
 */

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
// One message for every way to miss (a string fails all three checks at once).
const RATE_LIMIT_MESSAGE = `rate_limit must be a whole number from ${MIN_RATE_LIMIT} to ${MAX_RATE_LIMIT}`;

export class CreateWebhookDto {
  @ApiProperty({
    example: 'CRM sync',
    maxLength: MAX_NAME_LENGTH,
    pattern: NO_CONTROL_CHARACTERS_PATTERN,
  })
  // Checked, and refused, from the bottom decorator up: a string, 1 to 100, no control characters.
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  @Length(1, MAX_NAME_LENGTH, { message: `name must be 1 to ${MAX_NAME_LENGTH} characters` })
  @IsString({ message: 'name must be a string' })
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
    example: ['contact.created', 'conversation.inbound'],
    description: EVENTS_DESCRIPTION,
    maxItems: EVENT_TYPES.length,
  })
  // Bottom up: an array, not empty, not too long, no repeats, only catalog types.
  @IsIn(EVENT_TYPES, {
    each: true,
    message: 'events must contain only event types of the catalog (see GET /v1/event-types)',
  })
  @ArrayUnique({ message: 'events must not list an event type twice' })
  @ArrayMaxSize(EVENT_TYPES.length, {
    message: `events must list at most ${EVENT_TYPES.length} event types`,
  })
  @ArrayMinSize(1, { message: 'events must list at least one event type' })
  @IsArray({ message: 'events must be an array of event types' })
  events!: EventType[];

  @ApiProperty({ default: 'POST', example: 'POST' })
  @OptionalField()
  @IsIn(WEBHOOK_METHODS, { message: `method must be one of ${WEBHOOK_METHODS.join(', ')}` })
  method?: WebhookMethod;

  @ApiProperty({
    additionalProperties: { type: 'string', maxLength: 2048 },
    maxProperties: MAX_HEADERS,
    example: { Authorization: 'Bearer 9f8e7d6c5b4a1234' },
    description: HEADERS_DESCRIPTION,
  })
  @OptionalField()
  @IsWebhookHeaders()
  headers?: Record<string, string>;

  @ApiProperty({ default: true, example: true })
  @OptionalField()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiProperty({ default: 'none', example: 'none', description: ORDERING_DESCRIPTION })
  @OptionalField()
  @IsIn(WEBHOOK_ORDERINGS, { message: `ordering must be one of ${WEBHOOK_ORDERINGS.join(', ')}` })
  ordering?: WebhookOrdering;

  @ApiProperty({
    type: Number,
    minimum: MIN_RATE_LIMIT,
    maximum: MAX_RATE_LIMIT,
    default: null,
    example: 50,
    description: RATE_LIMIT_DESCRIPTION,
  })
  @NullableField()
  @Max(MAX_RATE_LIMIT, { message: RATE_LIMIT_MESSAGE })
  @Min(MIN_RATE_LIMIT, { message: RATE_LIMIT_MESSAGE })
  @IsInt({ message: RATE_LIMIT_MESSAGE })
  rate_limit?: number | null;

  @ApiProperty(FILTER_PROPERTY)
  @OptionalField()
  @IsPayloadFilter()
  filter?: PayloadFilter;
}

/** PATCH `headers`: merged into the stored ones, a null value removing that header. */
export class WebhookHeadersPatch {
  @ApiProperty({
    additionalProperties: { type: 'string', nullable: true, maxLength: 2048 },
    maxProperties: MAX_HEADERS,
    example: { Authorization: 'Bearer 0a1b2c3d4e5f6789', 'X-Old': null },
    description: `Merged into the existing headers: a value sets that header, null removes it. ${HEADERS_DESCRIPTION}`,
  })
  @OptionalField()
  @IsWebhookHeaders(true)
  headers?: Record<string, string | null>;
}

/** PATCH `filter`: replaces the stored one; null removes it. */
export class WebhookFilterPatch {
  @ApiProperty({
    ...FILTER_PROPERTY,
    description: `Replaces the filter; null removes it. ${FILTER_PROPERTY.description}`,
  })
  @OptionalField()
  @IsPayloadFilter(true)
  filter?: PayloadFilter | null;
}

/** Create fields as PATCH takes them: optional, and only an absent one skipped (null is checked). */
function patchOf<K extends keyof CreateWebhookDto>(fields: readonly K[]) {
  return PartialType(PickType(CreateWebhookDto, fields), { skipNullProperties: false });
}

/**
 * PATCH: the fields of a create, each optional, where only an absent field is skipped (an
 * explicit null is still validated, so `{"name": null}` is refused); `headers` and `filter`
 * take null to remove. Put together in the create body's order, which is the order of the
 * OpenAPI properties and of the 400 messages.
 */
export class UpdateWebhookDto extends IntersectionType(
  patchOf(['name', 'target_url', 'events', 'method']),
  WebhookHeadersPatch,
  patchOf(['active', 'ordering', 'rate_limit']),
  WebhookFilterPatch,
) {
  // What PATCH says differently: examples of a change, and what null or a list means here.
  @ApiProperty({ example: 'CRM sync (EU)' })
  override name?: string;

  @ApiProperty({ example: 'https://hooks.example.com/mateo-eu' })
  override target_url?: string;

  @ApiProperty({
    example: ['conversation.inbound'],
    description: `Replaces the list. ${EVENTS_DESCRIPTION}`,
  })
  override events?: EventType[];

  @ApiProperty({ example: 'PUT' })
  override method?: WebhookMethod;

  @ApiProperty({ example: false })
  override active?: boolean;

  @ApiProperty({ example: 'per_entity' })
  override ordering?: WebhookOrdering;

  @ApiProperty({
    type: Number,
    example: 20,
    description: `${RATE_LIMIT_DESCRIPTION} null removes the limit.`,
  })
  override rate_limit?: number | null;
}

/** `true`/`false` in a query string → boolean; anything else stays for the validator to refuse. */
const BooleanQuery = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

export class PageQueryDto {
  @ApiProperty({ default: 20, example: 20 })
  @OptionalField()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  limit?: number;

  @ApiProperty({
    description: 'The next_cursor of the previous page (opaque).',
    pattern: '^[A-Za-z0-9_-]+$',
  })
  @OptionalField()
  @IsString({ message: 'cursor must be a string' })
  @MaxLength(512, { message: 'cursor is not a valid page cursor' })
  cursor?: string;
}

export class ListWebhooksQueryDto extends PageQueryDto {
  @ApiProperty({
    enum: EVENT_TYPES,
    description: 'Only webhooks subscribed to this event type.',
  })
  @OptionalField()
  @IsIn(EVENT_TYPES, { message: 'event must be an event type of the catalog' })
  event?: EventType;

  @ApiProperty({ description: 'Only active (true) or inactive (false) webhooks.' })
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

  @ApiProperty({ type: Number, example: 200 })
  status_code!: number | null;

  @ApiProperty({ type: String, example: null })
  error_kind!: string | null;

  @ApiProperty({ type: String, example: null })
  error!: string | null;

  @ApiProperty({ example: 1 })
  attempt!: number;

  @ApiProperty({ example: '2026-11-23T10:00:01.234Z' })
  attempted_at!: string;

  @ApiProperty({ example: 184 })
  duration_ms!: number;

  @ApiProperty({
    type: String,
    example: 'retry',
    description:
      'What follows this attempt: nothing (done), another attempt (retry), the dead-letter ' +
      'topic after the last one (dead_letter), or nothing because the webhook is gone (dropped). ' +
      'Null for attempts recorded before this was kept.',
  })
  next!: NextStep | null;

  @ApiProperty({
    type: String,
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

  @ApiProperty({ example: 'POST' })
  method!: WebhookMethod;

  @ApiProperty({
    enum: EVENT_TYPES,
    isArray: true,
    example: ['contact.created', 'conversation.inbound'],
  })
  events!: string[];

  @ApiProperty({
    example: { Authorization: 'Bear…1234' },
    description: 'Header values, masked.',
  })
  headers!: Record<string, string>;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ example: 'none', description: ORDERING_DESCRIPTION })
  ordering!: WebhookOrdering;

  @ApiProperty({
    type: Number,
    example: null,
    description: 'Callbacks a second at most to this webhook; null: no limit.',
  })
  rate_limit!: number | null;

  @ApiProperty({
    example: FILTER_EXAMPLE,
    description: 'The payload filter; null when the webhook takes every event of its types.',
  })
  filter!: PayloadFilter | null;

  @ApiProperty({
    type: String,
    enum: DISABLE_REASONS,
    example: null,
    description:
      'Why the platform switched the webhook off: `failing` when every delivery dead-lettered, ' +
      'with no success, for WEBHOOK_DISABLE_AFTER (default 5 days). Null otherwise; ' +
      'PATCH `{"active": true}` re-enables it and clears this.',
  })
  disabled_reason!: DisableReason | null;

  @ApiProperty({
    type: String,
    example: null,
    description: 'When the platform switched the webhook off; null when it did not.',
  })
  disabled_at!: string | null;

  @ApiProperty({ example: '2026-11-23T09:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ example: '2026-11-23T09:30:00.000Z' })
  updated_at!: string;

  @ApiProperty({ type: LastDeliveryDto })
  last_delivery!: LastDeliveryDto | null;
}

export class WebhookPageDto {
  @ApiProperty({ type: WebhookDto, isArray: true })
  data!: WebhookDto[];

  @ApiProperty({
    type: String,
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
    example: '2026-11-24T09:00:00.000Z',
    description: 'While a rotated-out secret still signs alongside this one: when it stops.',
  })
  previous_secret_expires_at!: string | null;
}
