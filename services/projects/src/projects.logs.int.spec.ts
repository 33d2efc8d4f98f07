import fs from 'node:fs';
import request from 'supertest';
import { loadConfig } from '@eutf/service-runtime';
import { commandServiceForSpec } from '@eutf/service-testing';
import { AppModule } from './app.module';
import { environment } from './config';
import { officer, partner, registrationOf } from './test-support/projects-app';

// Every request is logged, at info.
const service = commandServiceForSpec('projects_logs', (variables) => AppModule.forConfig(loadConfig(environment, { ...variables, LOG_LEVEL: 'info' })));
const reference = 'T05-EUTF-SAH-ML-07';

describe('a request line names the route, never the values in its URL', () => {
  const lines: string[] = [];

  beforeAll(async () => {
    expect((await service.post('/projects', await officer('ML'), registrationOf(reference))).status).toBe(201);
    // pino writes straight to the file descriptor; the test reads what it writes.
    const writeSync = fs.writeSync.bind(fs);
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, chunk: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) lines.push(String(chunk));
      return (writeSync as (...args: unknown[]) => number)(fd, chunk, ...rest);
    }) as typeof fs.writeSync);
    const write = process.stdout.write.bind(process.stdout);
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write);
  });

  afterAll(() => jest.restoreAllMocks());

  it('logs /projects/:projectId/results/:resultId/submission for an id a partner chose, and only the names of query parameters', async () => {
    const resultId = 'moussa-keita-passport-AB1234567';
    const submitted = await service.post(`/projects/${reference}/results/${resultId}/submission?note=Aminata-Diallo`, await partner('IOM'), {
      indicatorId: 'missing-indicator',
      period: { from: '2017-01-01', to: '2017-06-30' },
      value: 10,
      valueQualifier: null,
      disaggregation: [],
      narrative: 'Returns',
      evidenceLinks: [],
    });
    // Refused or not, the request is logged.
    expect(submitted.status).toBeGreaterThanOrEqual(400);
    const unknown = await request(service.app.getHttpServer()).get('/no-such-route/fatoumata-traore?link=abc.def.ghi');
    expect(unknown.status).toBe(404);

    // The line is written once the answer has gone.
    for (let waited = 0; !lines.join('').includes('"query":["link"]') && waited < 5_000; waited += 50) await new Promise((done) => setTimeout(done, 50));
    const requestLines = lines.join('').split('\n').filter((line) => line.includes('"request":'));
    const logged = requestLines.map((line) => JSON.parse(line) as { request: { method: string; route: string | null; query: string[] }; correlationId: string });
    expect(logged.map((line) => line.request)).toEqual(
      expect.arrayContaining([
        { method: 'POST', route: '/projects/:projectId/results/:resultId/submission', query: ['note'] },
        // No route of ours: the framework's catch-all answers 404.
        { method: 'GET', route: '/{*path}', query: ['link'] },
      ]),
    );
    expect(logged.every((line) => typeof line.correlationId === 'string')).toBe(true);
    const everything = lines.join('');
    for (const value of [resultId, 'Aminata-Diallo', 'fatoumata-traore', 'abc.def.ghi', reference]) expect(everything).not.toContain(value);
  });
});

describe('an error from a failed statement, wherever it is logged', () => {
  it('keeps its kind and place, never the values its message and context quote', async () => {
    const { Pool } = await import('pg');
    const { Logger } = await import('nestjs-pino');
    const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
    const failed = await pool.query("SELECT 'moussa-keita-AB1234567'::int").then(() => undefined, (error: unknown) => error);
    await pool.end();
    expect(String(failed)).toContain('moussa-keita-AB1234567');

    const lines: string[] = [];
    const writeSync = fs.writeSync.bind(fs);
    const spy = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, chunk: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) lines.push(String(chunk));
      return (writeSync as (...args: unknown[]) => number)(fd, chunk, ...rest);
    }) as typeof fs.writeSync);
    const write = process.stdout.write.bind(process.stdout);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write);
    // The service's own logger, as the relay and the projections log a failure.
    service.app.get(Logger).error({ relay: 'spec', err: failed, msg: 'relay stopped on an error' });
    for (let waited = 0; !lines.join('').includes('relay stopped on an error') && waited < 2_000; waited += 50) await new Promise((done) => setTimeout(done, 50));
    spy.mockRestore();
    stdout.mockRestore();

    const line = lines.join('').split('\n').find((candidate) => candidate.includes('relay stopped on an error'));
    expect(line).toBeDefined();
    expect(JSON.parse(line as string).err).toMatchObject({ type: 'DatabaseError', code: '22P02', severity: 'ERROR' });
    expect(line).not.toContain('moussa-keita');
  });
});
