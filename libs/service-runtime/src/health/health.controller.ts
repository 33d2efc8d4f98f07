import { Public } from '@eutf/identity';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up and serving HTTP' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Every dependency this service needs answers (503 otherwise)' })
  @HealthCheck()
  ready() {
    return this.health.check(this.checks.map((check) => () => check.isReady()));
  }
}
