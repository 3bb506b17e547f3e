import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { HealthChecks } from './health-checks';

/** Liveness and readiness of the app's connections: 200 when all are up, 503 otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: HealthChecks,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.checks.all());
  }
}
