import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConcurrencyError, DomainRuleViolation, IdempotencyKeyReusedError } from '@eutf/event-sourcing';
import request from 'supertest';
import { z } from 'zod';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('probe')
class FailingController {
  @Get('validation')
  validation() {
    z.object({ title: z.string(), euContributionCents: z.number().int() }).parse({ euContributionCents: 1.5 });
  }

  @Get('rule')
  rule() {
    throw new DomainRuleViolation('result-period-locked', 'The period 2017-Q1 is locked', 409);
  }

  @Get('conflict')
  conflict() {
    throw new ConcurrencyError('project-1', 3n, 4n);
  }

  @Get('idempotency')
  idempotency() {
    throw new IdempotencyKeyReusedError('k-1');
  }

  @Get('crash')
  crash() {
    throw new Error('connection string postgresql://secret@db');
  }
}

describe('problem details for every error', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [FailingController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
  });

  afterAll(() => app.close());

  it('answers invalid input with 400 naming each field', async () => {
    const response = await request(app.getHttpServer()).get('/probe/validation').expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(response.body.type).toBe('https://eutf-monitoring/problems/validation');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.title', 'body.euContributionCents']);
  });

  it('answers a broken rule with its status and the rule that refused', async () => {
    const response = await request(app.getHttpServer()).get('/probe/rule').expect(409);
    expect(response.body).toMatchObject({ rule: 'result-period-locked', detail: 'The period 2017-Q1 is locked' });
  });

  it('answers a concurrency conflict with 409 and the current version', async () => {
    const response = await request(app.getHttpServer()).get('/probe/conflict').expect(409);
    expect(response.body).toMatchObject({ type: 'https://eutf-monitoring/problems/concurrency-conflict', currentVersion: '4' });
  });

  it('answers a reused idempotency key with 422', async () => {
    await request(app.getHttpServer()).get('/probe/idempotency').expect(422);
  });

  it('answers the unexpected with 500 and no internals', async () => {
    const response = await request(app.getHttpServer()).get('/probe/crash').expect(500);
    expect(JSON.stringify(response.body)).not.toContain('postgresql');
  });
});
