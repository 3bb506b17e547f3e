import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorDto } from '../common/error.dto';
import { ApiKeyCreatedDto, CreateApiKeyDto } from './api-key.dto';
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
}
