import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { HealthChecks } from './health-checks';

/**
 * Liveness and readiness of the app's connections: 200 when all are up, 503 otherwise, with
 * every check's details either way. The 503 is answered here rather than thrown: an app's
 * own exception filter (management's) would replace the details with its error body.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: HealthChecks,
  ) {}

  @Get()
  @HealthCheck()
  async check(
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.checks.all());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
