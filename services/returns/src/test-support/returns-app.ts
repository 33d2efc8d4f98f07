import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ProjectImplementationStarted, ProjectRegistered, projectStream, projectsCatalog, type ProjectStatus } from '@eutf/event-catalog';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@eutf/event-sourcing';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { mintDevelopmentToken, type Role } from '@eutf/identity';
import { EVENT_TOPICS, KAFKA, toKafkaMessage, topicIn } from '@eutf/messaging';
import { loadConfig } from '@eutf/service-runtime';
import { createTopicNamespace, deleteTopicNamespace, untilReady } from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule } from '../app.module';
import { environment } from '../config';
import { ProjectsView } from '../projects-view/projects-view.module';

/** A token for a role, scoped to a country (officer) or an organisation (partner). */
export const tokenFor = (roles: Role[], scope: { country?: string; org?: string } = {}) =>
  mintDevelopmentToken({ subject: `${roles[0]}-${scope.country ?? scope.org ?? 'hq'}`, roles, ...scope }, process.env['EUTF_DEV_JWT_SECRET'] as string);
export const partner = (org: string) => tokenFor(['implementing-partner'], { org });
/** A token for one role, scoped to Mali (officer) or IOM (partner) where the role needs a scope. */
export const tokenAs = (role: Role) => tokenFor([role], role === 'delegation-officer' ? { country: 'ML' } : role === 'implementing-partner' ? { org: 'IOM' } : {});

export interface ReturnsApp {
  app: INestApplication;
  store: EventStore;
  /** The PostgreSQL schemas the service writes: its event store and its projects view. */
  schemas: readonly string[];
  post(path: string, bearer: string | undefined, body?: unknown, headers?: Record<string, string>): Promise<request.Response>;
  /** Publishes a project's registration (and start) on the projects topic, as the projects service would, and waits until the view has it. */
  /** `countries`: the project's, its lead first (Mali's project, the catalogue's example, unless given). */
  projectSeen(projectId: string, implementingPartners: string[], status?: ProjectStatus, countries?: string[]): Promise<void>;
  /** Every event of the service's store, in log order. */
  allEvents(): Promise<RecordedEvent[]>;
}

const projectEvent = (projectId: string, version: number, type: string, data: unknown): RecordedEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: projectsCatalog().get(type).currentVersion,
  data,
  occurredAt: new Date().toISOString(),
  recordedAt: new Date().toISOString(),
  metadata: { actor: { subject: 'officer-ML', role: 'delegation-officer', country: 'ML' }, correlationId: randomUUID(), causationId: null },
  streamId: projectStream.id(projectId),
  streamVersion: BigInt(version),
  position: { commit: BigInt(version), prepare: BigInt(version) },
});

/**
 * The returns service in this process, on the real PostgreSQL and Kafka, in a schema and a topic
 * namespace of its own (both dropped afterwards): registers its own beforeAll/afterAll.
 */
export function returnsAppForSpec(name: string, { logLevel = 'warn' } = {}): ReturnsApp {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const schema = `returns_${name}_${suffix}`;
  const namespace = `test-returns-${name}-${suffix}`;
  let app: INestApplication | undefined;
  const started = (): INestApplication => {
    if (!app) throw new Error('the returns service is not started (use it inside a test)');
    return app;
  };

  beforeAll(async () => {
    await requireInfrastructure(['postgresql', 'kafka']);
    await createTopicNamespace(process.env['KAFKA_BROKERS'] as string, namespace);
    const config = loadConfig(environment, { ...process.env, DATABASE_SCHEMA: schema, EUTF_TOPIC_NAMESPACE: namespace, LOG_LEVEL: logLevel });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    await untilReady(app);
  }, 60_000);

  afterAll(async () => {
    if (!app) return;
    await app.close();
    const pool = new Pool({ connectionString: process.env['DATABASE_URL'] });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}_projects_view" CASCADE`);
    await pool.end();
    await deleteTopicNamespace(process.env['KAFKA_BROKERS'] as string, namespace);
  }, 60_000);

  return {
    get app() {
      return started();
    },
    get store() {
      return started().get<EventStore>(EVENT_STORE);
    },
    schemas: [schema, `${schema}_projects_view`],
    post: async (path, bearer, body, headers = {}) => {
      let call = request(started().getHttpServer()).post(path).set(headers);
      if (bearer) call = call.set('Authorization', `Bearer ${bearer}`);
      return call.send((body ?? {}) as object);
    },
    async projectSeen(projectId, implementingPartners, status = 'implementation', countries = ProjectRegistered.example.countries) {
      const registration = { ...ProjectRegistered.example, projectId, reference: null, implementingPartners, countries, leadCountry: countries[0] as string };
      const events = [projectEvent(projectId, 1, ProjectRegistered.type, registration)];
      if (status !== 'pipeline') events.push(projectEvent(projectId, 2, ProjectImplementationStarted.type, { startedOn: '2017-04-01' }));
      if (status === 'closed') events.push(projectEvent(projectId, 3, 'ProjectClosed', { closedOn: '2020-12-31' }));
      const producer = started().get<Kafka>(KAFKA).producer();
      await producer.connect();
      await producer.send({ topic: topicIn(namespace, EVENT_TOPICS.projects), messages: events.map((recorded) => toKafkaMessage(recorded, '/projects')) });
      await producer.disconnect();
      const view = started().get(ProjectsView);
      const deadline = Date.now() + 30_000;
      while ((await view.factsOf(projectId))?.status !== status) {
        if (Date.now() > deadline) throw new Error(`the projects view never saw ${projectId}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async allEvents() {
      const events: RecordedEvent[] = [];
      for (;;) {
        const batch = await started().get<EventStore>(EVENT_STORE).readAll({ ...(events.length ? { after: events[events.length - 1]?.position } : {}), maxCount: 1_000 });
        if (batch.length === 0) return events;
        events.push(...batch);
      }
    },
  };
}
