import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiKeyGuard, OrganisationId } from '../auth/guards';
import { ErrorDto } from '../common/error.dto';
import { WEBHOOK_ID_PARAM, WebhookId } from '../common/uuid-param.pipe';
import { RecoverWindowDto, RecoveryAcceptedDto } from './recover.dto';
import { RecoveryService } from './recovery.service';

@ApiTags('deliveries')
@ApiBearerAuth('api-key')
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid API key.' })
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class RecoveryController {
  constructor(private readonly recovery: RecoveryService) {}

  @Post('webhooks/:id/recover')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send again what failed in a time window',
    description:
      'Every delivery of the webhook attempted in the window (at most 14 days) whose last ' +
      'attempt failed for good (dead-lettered, or cancelled while the webhook was off) and ' +
      'that has no later success is sent again: same body, same webhook-id, a new attempt ' +
      'series starting at 1. Test calls are not resent.',
  })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiAcceptedResponse({ type: RecoveryAcceptedDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'An empty, reversed or too long window.' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The webhook is disabled or inactive.' })
  recover(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
    @Body() body: RecoverWindowDto,
  ): Promise<RecoveryAcceptedDto> {
    return this.recovery.recover(organisationId, id, body);
  }
}
