import { randomUUID } from 'node:crypto';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EVENT_STORE, type EventStore } from '@eutf/event-sourcing';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { untilReady } from './until-ready';

/** A token for a role, scoped to a country (officer) or an organisation (partner). */
export const tokenFor = (roles: Role[], scope: { country?: string; org?: string } = {}) =>
  mintDevelopmentToken({ subject: `${roles[0]}-${scope.country ?? scope.org ?? 'hq'}`, roles, ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);
export const officer = (country: string) => tokenFor(['delegation-officer'], { country });
export const partner = (org: string) => tokenFor(['implementing-partner'], { org });

export interface CommandServiceUnderTest {
  app: INestApplication;
  store: EventStore;
  send(method: 'post' | 'put', path: string, bearer: string | undefined, body?: object, headers?: Record<string, string>): Promise<request.Response>;
  post(path: string, bearer: string | undefined, body?: object, headers?: Record<string, string>): Promise<request.Response>;
  versionOf(streamId: string): Promise<bigint | null>;
}

/**
 * A command service in this process, on the real PostgreSQL and Kafka, in a schema of its own
 * (dropped afterwards): registers its own beforeAll/afterAll, so a spec file calls it once at the
 * top and uses what it returns inside its tests. `appModule` builds the service's root module for
 * an environment (the process's, with the schema set).
 */
export function commandServiceForSpec(name: string, appModule: (environment: NodeJS.ProcessEnv) => DynamicModule): CommandServiceUnderTest {
  const schema = `${name}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let app: INestApplication | undefined;
  const started = (): INestApplication => {
    if (!app) throw new Error(`the service of ${name} is not started (use it inside a test)`);
    return app;
  };

  beforeAll(async () => {
    await requireInfrastructure(['postgresql', 'kafka']);
    const moduleRef = await Test.createTestingModule({ imports: [appModule({ ...process.env, DATABASE_SCHEMA: schema })] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    await untilReady(app);
  });

  afterAll(async () => {
    if (!app) return;
    // The relay stops with the app; only then does the schema go.
    await app.close();
    const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  const send: CommandServiceUnderTest['send'] = async (method, path, bearer, body, headers = {}) => {
    let call = request(started().getHttpServer())[method](path).set(headers);
    if (bearer) call = call.set('Authorization', `Bearer ${bearer}`);
    return call.send(body ?? {});
  };
  return {
    get app() {
      return started();
    },
    get store() {
      return started().get<EventStore>(EVENT_STORE);
    },
    send,
    post: (path, bearer, body, headers) => send('post', path, bearer, body, headers),
    versionOf: async (streamId) => (await started().get<EventStore>(EVENT_STORE).readStream(streamId)).streamVersion,
  };
}
