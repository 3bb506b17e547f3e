import { Controller, Get, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { listEventTypes } from '@app/contracts';
import { ApiKeyGuard } from '../auth/guards';
import { ErrorDto } from '../common/error.dto';
import { EventTypeListDto } from './event-type.dto';

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
