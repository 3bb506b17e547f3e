import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listEventTypes } from '@app/contracts';
import { EventTypeListDto } from './event-type.dto';

/**
 * The event catalog, read-only and public like the OpenAPI document: it is the contract
 * producers and receivers build against, with nothing of any organisation in it, so it needs
 * no organisation key.
 */
@ApiTags('event-types')
@Controller('v1/event-types')
export class EventTypesController {
  @Get()
  @ApiOperation({
    summary: 'The event catalog: every type a webhook can subscribe to (no key needed)',
  })
  @ApiOkResponse({ type: EventTypeListDto })
  list(): EventTypeListDto {
    return {
      data: listEventTypes().map(
        ({ type, version, description, stream, keyPath, schema, example }) => ({
          type,
          version,
          description,
          group: stream,
          key: `data.${keyPath.join('.')}`,
          schema,
          example,
        }),
      ),
    };
  }
}
