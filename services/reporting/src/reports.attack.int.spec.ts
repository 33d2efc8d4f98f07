import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ProjectImplementationStarted, ProjectRegistered, projectStream, projectsCatalog } from '@eutf/event-catalog';
import { ProblemDetailsFilter } from '@eutf/http-api';
import { EVENT_TOPICS, KAFKA, toKafkaMessage, topicIn } from '@eutf/messaging';
import { loadConfig } from '@eutf/service-runtime';
import {
  attackSeed,
  attackWithHostileInput,
  describeAccessCases,
  describeTally,
  documentedOperations,
  inScopeToken,
  ownTopicNamespace,
  rawHttpTo,
  servedDocument,
  targetsFor,
  unknownFieldsTaken,
  walkAccessMatrix,
  type AccessWorld,
  type DocumentedOperation,
  type RawHttp,
} from '@eutf/service-testing';
import { requireInfrastructure } from '@eutf/testing';
import type { Kafka } from 'kafkajs';
import { AppModule } from './app.module';
import { environment } from './config';

// Generated from the service's own OpenAPI document: a route added to it is attacked as soon as it is documented.
const namespace = ownTopicNamespace('attack-reporting');
const SEED = attackSeed(140_004);
const RUNS = 1_000;

const projectId = `ml-attack-${randomUUID().slice(0, 8)}`;
/** The ML project IOM and GIZ implement, as the projects topic told the read model. */
const world: AccessWorld = {
  path: { projectId, country: 'ML', dimension: 'country' },
  unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}` },
  country: 'ML',
  partnerOwned: [],
};

let app: INestApplication;
let operations: DocumentedOperation[];
let http: RawHttp;

const projectEvent = (version: number, type: string, data: unknown) =>
  toKafkaMessage(
    {
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
    },
    '/projects',
  );

beforeAll(async () => {
  const { mongodb } = await requireInfrastructure(['kafka', 'mongodb']);
  const mongoUrl = new URL(mongodb);
  mongoUrl.pathname = `/attack_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const config = loadConfig(environment, { ...process.env, MONGO_URL: mongoUrl.toString(), CONSUMER_GROUP_PREFIX: `reporting-attack-${randomUUID()}`, EUTF_TOPIC_NAMESPACE: namespace, LOG_LEVEL: 'warn' });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
  app = moduleRef.createNestApplication({ logger: ['error'] });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  operations = documentedOperations(servedDocument(app));
  http = await rawHttpTo(app);
  const producer = app.get<Kafka>(KAFKA).producer();
  await producer.connect();
  await producer.send({
    topic: topicIn(namespace, EVENT_TOPICS.projects),
    messages: [
      projectEvent(1, ProjectRegistered.type, { ...ProjectRegistered.example, projectId, reference: null, countries: ['ML'], implementingPartners: ['IOM', 'GIZ'] }),
      projectEvent(2, ProjectImplementationStarted.type, { startedOn: '2017-04-01' }),
    ],
  });
  await producer.disconnect();
  const analyst = await inScopeToken('hq-analyst');
  const deadline = Date.now() + 30_000;
  while ((await http.send({ method: 'GET', path: `/projects/${projectId}`, headers: { authorization: `Bearer ${analyst}` } })).status !== 200) {
    if (Date.now() > deadline) throw new Error(`the read model never saw ${projectId}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 60_000);
afterAll(async () => {
  http?.close();
  await app?.close();
});

describe('the reporting service under attack, generated from its OpenAPI document', () => {
  it(`the access matrix: every operation × every caller, in and out of scope, answered as documented`, async () => {
    const cases = await walkAccessMatrix({ operations, http, world });
    console.log(describeAccessCases('reporting', cases));
    expect(cases.filter((accessCase) => accessCase.wrong)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(operations.length * 12);
  }, 120_000);

  it('refuses a field no schema has, anywhere in a body, with 400 naming it', async () => {
    expect(await unknownFieldsTaken({ operations, http, targetOf: await targetsFor(operations, world.path) })).toEqual([]);
  });

  it(`hostile input: ${RUNS} generated requests (fast-check seed ${SEED}): no 5xx, every 400 names its field, every 409/422 its rule`, async () => {
    const tally = await attackWithHostileInput({ operations, http, targetOf: await targetsFor(operations, world.path), seed: SEED, runs: RUNS });
    console.log(describeTally('reporting', SEED, tally));
    expect(tally.flaws).toEqual([]);
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS);
  }, 180_000);
});
