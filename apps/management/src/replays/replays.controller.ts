import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiKeyGuard, OrganisationId } from '../auth/guards';
import { ErrorDto } from '../common/error.dto';
import { ReplayIdParam, WEBHOOK_ID_PARAM, WebhookId } from '../common/uuid-param.pipe';
import { ReplayDto, ReplayWindowDto } from './replay.dto';
import { ReplaysService } from './replays.service';

@ApiTags('webhooks')
@ApiBearerAuth('api-key')
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid API key.' })
@UseGuards(ApiKeyGuard)
@Controller('v1/webhooks')
export class ReplaysController {
  constructor(private readonly replays: ReplaysService) {}

  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Replay a window of the event log to the webhook',
    description:
      'Runs the webhook’s subscription over the domain events Kafka still holds that were published in [since, until) — also those from before the webhook existed — and delivers the matches again, with the same webhook-id as any earlier delivery of the same event. Answers at once; follow the replay with GET …/replays/{replay_id}.',
  })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiAcceptedResponse({ type: ReplayDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description:
      'A bad window (empty, reversed, in the future, longer than 14 days); the message names the field.',
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The webhook is inactive.' })
  @ApiServiceUnavailableResponse({
    type: ErrorDto,
    description: 'Kafka did not take the request in time.',
  })
  replay(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
    @Body() dto: ReplayWindowDto,
  ): Promise<ReplayDto> {
    return this.replays.request(organisationId, id, dto);
  }

  @Get(':id/replays/:replay_id')
  @ApiOperation({ summary: 'Get a replay: its state, events scanned and matched' })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiParam({ name: 'replay_id', format: 'uuid', example: '2f0e8c1a-4b5d-4e6f-8a9b-0c1d2e3f4a5b' })
  @ApiOkResponse({ type: ReplayDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
    @Param('replay_id', ReplayIdParam) replayId: string,
  ): Promise<ReplayDto> {
    return this.replays.get(organisationId, id, replayId);
  }
}
