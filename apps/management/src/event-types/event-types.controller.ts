import { Controller, Get, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { EVENT_TYPES, listEventTypes, STREAM_TOPIC, type DomainStream } from '@app/contracts';

const EVENT_GROUPS = Object.keys(STREAM_TOPIC) as DomainStream[];
import { ApiKeyGuard } from '../auth/guards';
import { ErrorDto } from '../common/error.dto';

export class EventTypeDto {
  @ApiProperty({ enum: EVENT_TYPES, example: 'contact.created' })
  type!: string;

  @ApiProperty({ example: 'A new contact has been created.' })
  description!: string;

  @ApiProperty({
    enum: EVENT_GROUPS,
    example: 'contacts',
    description:
      'The group the type belongs to: the domain stream it comes from, or `operational` for ' +
      'the events the platform publishes about deliveries and webhooks.',
  })
  group!: DomainStream;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of `data`.',
  })
  schema!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'An example `data` payload.',
  })
  example!: Record<string, unknown>;
}

export class EventTypeListDto {
  @ApiProperty({ type: EventTypeDto, isArray: true })
  data!: EventTypeDto[];
}

@ApiTags('event-types')
@ApiBearerAuth('api-key')
@ApiUnauthorizedResponse({ type: ErrorDto })
@UseGuards(ApiKeyGuard)
@Controller('v1/event-types')
export class EventTypesController {
  @Get()
  @ApiOperation({ summary: 'The event catalog: every type a webhook can subscribe to' })
  @ApiOkResponse({ type: EventTypeListDto })
  list(): EventTypeListDto {
    return {
      data: listEventTypes().map(({ type, description, stream, schema, example }) => ({
        type,
        description,
        group: stream,
        schema,
        example,
      })),
    };
  }
}
