import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
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
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiKeyGuard, OrganisationId } from '../auth/guards';
import { ErrorDto } from '../common/error.dto';
import { DeliveryId, WEBHOOK_ID_PARAM, WebhookId } from '../common/uuid-param.pipe';
import { DeliveriesService } from './deliveries.service';
import {
  AcceptedDeliveryDto,
  DeliveryAttemptPageDto,
  ListDeliveriesQueryDto,
} from './delivery.dto';

@ApiTags('deliveries')
@ApiBearerAuth('api-key')
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid API key.' })
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get('webhooks/:id/deliveries')
  @ApiOperation({
    summary: 'The delivery log of a webhook',
    description: 'Every attempt, newest first.',
  })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiOkResponse({ type: DeliveryAttemptPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  list(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<DeliveryAttemptPageDto> {
    return this.deliveries.list(organisationId, id, query);
  }

  @Post('webhooks/:id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a test event',
    description:
      'Publishes a webhook.test delivery through the real pipeline; its attempts appear in the delivery log.',
  })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiAcceptedResponse({ type: AcceptedDeliveryDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The webhook is inactive.' })
  test(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
  ): Promise<AcceptedDeliveryDto> {
    return this.deliveries.test(organisationId, id);
  }

  @Post('deliveries/:delivery_id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a past or dead-lettered delivery again',
    description: 'Same body and delivery id (webhook-id header), as a new attempt series.',
  })
  @ApiParam({
    name: 'delivery_id',
    format: 'uuid',
    example: '1f0d3c8e-6d1a-4b9e-8f4c-2a7b9c0d1e2f',
  })
  @ApiAcceptedResponse({ type: AcceptedDeliveryDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The webhook is inactive.' })
  redeliver(
    @OrganisationId() organisationId: string,
    @Param('delivery_id', DeliveryId) deliveryId: string,
  ): Promise<AcceptedDeliveryDto> {
    return this.deliveries.redeliver(organisationId, deliveryId);
  }
}
