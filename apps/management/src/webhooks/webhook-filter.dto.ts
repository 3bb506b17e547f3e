import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { MAX_FILTER_BYTES, MAX_PATH_SEGMENTS, type PayloadFilter } from '@app/filters';
import { IsPayloadFilter } from './payload-filter.validator';

export const FILTER_DESCRIPTION =
  'Optional payload filter (docs/receivers.md, "Payload filters"): only events whose callback ' +
  'body passes it are delivered. Keys are dotted paths into the callback body ' +
  '(`data.conversation.channel`); a value is compared for equality (or membership, when the ' +
  'field is a list), or is an object of operators: $eq, $neq, $gt, $gte, $lt, $lte, $in, ' +
  '$nin, $exist, $regex (RE2 syntax, linear time). $and / $or take lists of filters; several ' +
  `keys must all hold. At most ${MAX_PATH_SEGMENTS} path segments and ${MAX_FILTER_BYTES} ` +
  'bytes of JSON.';

export const FILTER_EXAMPLE: PayloadFilter = {
  'data.conversation.channel': { $in: ['email', 'sms'] },
  $or: [{ 'data.tags.name': 'VIP' }, { 'data.conversation.priority': { $gte: 2 } }],
};

/** What the OpenAPI document says of a `filter` field besides its type (an open JSON object). */
export const FILTER_PROPERTY = {
  example: FILTER_EXAMPLE,
  description: FILTER_DESCRIPTION,
} satisfies ApiPropertyOptions;

const SAMPLE_EVENT = {
  id: '0f9d8c7b-6a5e-4d3c-2b1a-0f9e8d7c6b5a',
  type: 'conversation.inbound',
  timestamp: '2026-11-23T10:00:00.000Z',
  organisation_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
  data: { conversation: { channel: 'email', priority: 3 }, tags: [{ name: 'VIP' }] },
};

/** POST /v1/webhooks/filter-test: try a filter on a sample event before saving it. */
export class FilterTestDto {
  @ApiProperty(FILTER_PROPERTY)
  @IsPayloadFilter()
  filter!: PayloadFilter;

  @ApiProperty({
    example: SAMPLE_EVENT,
    description:
      'A sample callback body, as a receiver gets it: {id, type, timestamp, organisation_id, data}.',
  })
  @IsObject({ message: 'event must be an object (a callback body)' })
  event!: Record<string, unknown>;
}

export class FilterTestResultDto {
  @ApiProperty({ example: true, description: 'Whether the event passes the filter.' })
  matches!: boolean;
}
