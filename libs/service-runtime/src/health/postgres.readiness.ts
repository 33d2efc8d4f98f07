import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Pool } from 'pg';
import { POSTGRES_POOL } from '@eutf/event-store-postgres';
import { ReadinessCheck, withTimeout } from './readiness-check';

@Injectable()
export class PostgresReadiness implements ReadinessCheck {
  constructor(
    @Inject(POSTGRES_POOL) private readonly pool: Pool,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isReady() {
    const session = this.indicator.check('postgresql');
    try {
      await withTimeout(this.pool.query('SELECT 1'), 2_000, 'PostgreSQL');
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
