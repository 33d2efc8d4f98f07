import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import { ReadinessCheck, withTimeout } from './readiness-check';

@Injectable()
export class MongoReadiness implements ReadinessCheck {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isReady() {
    const session = this.indicator.check('mongodb');
    try {
      const db = this.connection.db;
      if (!db) throw new Error('MongoDB connection is not open');
      await withTimeout(db.admin().ping(), 2_000, 'MongoDB');
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}
