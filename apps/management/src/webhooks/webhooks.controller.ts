import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiKeyGuard, OrganisationId } from '../auth/guards';
import { ErrorDto } from '../common/error.dto';
import { WEBHOOK_ID_PARAM, WebhookId } from '../common/uuid-param.pipe';
import {
  CreateWebhookDto,
  ListWebhooksQueryDto,
  SigningSecretDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookPageDto,
} from './webhook.dto';
import { FilterTestDto, FilterTestResultDto } from './webhook-filter.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth('api-key')
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or invalid API key.' })
@UseGuards(ApiKeyGuard)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a webhook',
    description: 'A signing secret is generated with it.',
  })
  @ApiCreatedResponse({ type: WebhookDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'Invalid input; the message names the field.',
  })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'The organisation already has a webhook with this target_url.',
  })
  create(
    @OrganisationId() organisationId: string,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.create(organisationId, dto);
  }

  // Declared before the `:id` routes, so `filter-test` is never read as a webhook id.
  @Post('filter-test')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Try a payload filter on a sample event',
    description:
      'Answers whether the event (a callback body) passes the filter, with the same validation ' +
      "as a webhook's `filter`. Nothing is stored.",
  })
  @ApiOkResponse({ type: FilterTestResultDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'Invalid filter or event; the message names the path.',
  })
  testFilter(@Body() dto: FilterTestDto): FilterTestResultDto {
    return this.webhooks.testFilter(dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List webhooks',
    description: 'Newest first; pass next_cursor as cursor for the next page.',
  })
  @ApiOkResponse({ type: WebhookPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  list(
    @OrganisationId() organisationId: string,
    @Query() query: ListWebhooksQueryDto,
  ): Promise<WebhookPageDto> {
    return this.webhooks.list(organisationId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook, with the outcome of its last delivery' })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
  ): Promise<WebhookDto> {
    return this.webhooks.get(organisationId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a webhook (only the fields given)' })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiOkResponse({ type: WebhookDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto })
  update(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(organisationId, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a webhook',
    description: 'Stops new deliveries within 2 s; pending retries are cancelled.',
  })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ type: ErrorDto })
  remove(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
  ): Promise<void> {
    return this.webhooks.remove(organisationId, id);
  }

  @Get(':id/secret')
  @ApiOperation({ summary: 'Get the signing secret' })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiOkResponse({ type: SigningSecretDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  getSecret(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
  ): Promise<SigningSecretDto> {
    return this.webhooks.getSecret(organisationId, id);
  }

  @Post(':id/secret/rotate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description:
      'Generates a new secret. The previous one keeps signing alongside it for SECRET_ROTATION_OVERLAP (24 h by default).',
  })
  @ApiParam(WEBHOOK_ID_PARAM)
  @ApiOkResponse({ type: SigningSecretDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  rotateSecret(
    @OrganisationId() organisationId: string,
    @Param('id', WebhookId) id: string,
  ): Promise<SigningSecretDto> {
    return this.webhooks.rotateSecret(organisationId, id);
  }
}
