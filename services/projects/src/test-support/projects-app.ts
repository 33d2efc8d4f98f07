import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EVENT_STORE, type EventStore } from '@eutf/event-sourcing';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { loadConfig } from '@eutf/service-runtime';
import { untilReady } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from '../app.module';
import { environment } from '../config';

/** A token for a role, scoped to a country (officer) or an organisation (partner). */
export const tokenFor = (roles: Role[], scope: { country?: string; org?: string } = {}) =>
  mintDevelopmentToken({ subject: `${roles[0]}-${scope.country ?? scope.org ?? 'hq'}`, roles, ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);
export const officer = (country: string) => tokenFor(['delegation-officer'], { country });
export const partner = (org: string) => tokenFor(['implementing-partner'], { org });
/** A token for one role, scoped to Mali (officer) or IOM (partner) where the role needs a scope. */
export const tokenAs = (role: Role) => tokenFor([role], role === 'delegation-officer' ? { country: 'ML' } : role === 'implementing-partner' ? { org: 'IOM' } : {});

export interface ProjectsApp {
  app: INestApplication;
  store: EventStore;
  send(method: 'post' | 'put', path: string, bearer: string | undefined, body?: object, headers?: Record<string, string>): Promise<request.Response>;
  post(path: string, bearer: string | undefined, body?: object, headers?: Record<string, string>): Promise<request.Response>;
  versionOf(streamId: string): Promise<bigint | null>;
}

/**
 * The projects service in this process, on the real PostgreSQL and Kafka, in a schema of its
 * own (dropped afterwards): registers its own beforeAll/afterAll, so a spec file calls it once
 * at the top and uses what it returns inside its tests.
 */
export function projectsAppForSpec(name: string): ProjectsApp {
  const schema = `projects_${name}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let app: INestApplication | undefined;
  const started = (): INestApplication => {
    if (!app) throw new Error('the projects service is not started (use it inside a test)');
    return app;
  };

  beforeAll(async () => {
    await requireInfrastructure(['postgresql', 'kafka']);
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forConfig(loadConfig(environment, { ...process.env, DATABASE_SCHEMA: schema }))],
    }).compile();
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

  const send: ProjectsApp['send'] = async (method, path, bearer, body, headers = {}) => {
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

/** A project of Mali under its EUTF reference, IOM implementing (factsheet 000_…). */
export const registrationOf = (reference: string) => ({
  reference,
  title: 'Strengthening the management and governance of migration and the return and reintegration of migrants in Mali',
  window: 'SAH',
  countries: ['ML'],
  implementingPartners: ['IOM'],
  euContributionCents: 15_000_000_00,
  startDate: '2017-04-01',
  endDate: '2020-03-31',
  objectives: { eutfStrategicObjectives: [3], vallettaDomains: [5], gcmObjectives: [21], ponamAxes: [] },
});

/** An action known only from documents, under a provisional id. */
export const provisionalRegistration = (projectId: string) => ({
  reference: null,
  projectId,
  title: `Action ${projectId}`,
  countries: ['ML'],
  objectives: { eutfStrategicObjectives: [], vallettaDomains: [], gcmObjectives: [], ponamAxes: [] },
});
