import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorDto } from '../common/error.dto';
import { ApiKeyIdParam } from '../common/uuid-param.pipe';
import {
  ApiKeyCreatedDto,
  ApiKeyListDto,
  CreateApiKeyDto,
  ListApiKeysQueryDto,
} from './api-key.dto';
import { AuthService } from './auth.service';
import { AdminTokenGuard } from './guards';

@ApiTags('admin')
@ApiBearerAuth('admin-token')
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'Missing or wrong admin token.' })
@UseGuards(AdminTokenGuard)
@Controller('v1/admin/api-keys')
export class AdminController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @ApiOperation({
    summary: 'Issue an API key for an organisation',
    description:
      'Needs the bootstrap ADMIN_TOKEN. The key is returned once; only its hash is kept.',
  })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'Invalid input; the message names the field.',
  })
  create(@Body() dto: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    return this.auth.issue(dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List an organisation’s API keys',
    description:
      'Needs the bootstrap ADMIN_TOKEN. Id, name, prefix, creation and last use (to within a minute); never the key.',
  })
  @ApiOkResponse({ type: ApiKeyListDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'organisation_id missing or not a UUID.' })
  list(@Query() query: ListApiKeysQueryDto): Promise<ApiKeyListDto> {
    return this.auth.list(query.organisation_id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Revoke an API key',
    description:
      'Needs the bootstrap ADMIN_TOKEN. The key is deleted; every management instance refuses it with 401 within 2 s.',
  })
  @ApiParam({ name: 'id', format: 'uuid', example: '5b0d7c3e-8a4f-4f0e-9d51-3c2b1a0f9e8d' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiNotFoundResponse({ type: ErrorDto })
  revoke(@Param('id', ApiKeyIdParam) id: string): Promise<void> {
    return this.auth.revoke(id);
  }
}
