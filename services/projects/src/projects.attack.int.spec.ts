import { randomUUID } from 'node:crypto';
import {
  attackSeed,
  attackWithHostileInput,
  describeAccessCases,
  describeTally,
  documentedOperations,
  LogWatermark,
  ownTopicNamespace,
  rawHttpTo,
  servedDocument,
  targetsFor,
  walkAccessMatrix,
  type AccessWorld,
  type DocumentedOperation,
  type RawHttp,
  unknownFieldsTaken,
} from '@eutf/service-testing';
import { officer, partner, projectsAppForSpec, provisionalRegistration } from './test-support/projects-app';

// Generated from the service's own OpenAPI document: a route added to it is attacked as soon as it is documented.
ownTopicNamespace('attack-projects');
process.env['LOG_LEVEL'] = 'warn';
const service = projectsAppForSpec('attack');
const SEED = attackSeed(140_001);
const RUNS = 3_300;

const projectId = `ml-attack-${randomUUID().slice(0, 8)}`;
/** The ML project IOM and GIZ implement, with a milestone, an indicator, IOM's draft result and a next step. */
const world: AccessWorld = {
  path: { projectId, country: 'ML', milestoneId: 'm1', resultId: 'iom-result-1', entryId: 'next-1' },
  unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}`, resultId: 'no-such-result' },
  country: 'ML',
  partnerOwned: ['resultId'],
};

let operations: DocumentedOperation[];
let http: RawHttp;

beforeAll(async () => {
  operations = documentedOperations(servedDocument(service.app));
  http = await rawHttpTo(service.app);
  const registration = { ...provisionalRegistration(projectId), implementingPartners: ['IOM', 'GIZ'] };
  const setUp = [
    await service.post('/projects', await officer('ML'), registration),
    await service.post(`/projects/${projectId}/milestones`, await officer('ML'), { milestoneId: 'm1', title: 'Counselling centre open', dueDate: '2017-09-30' }),
    await service.post(`/projects/${projectId}/indicators`, await officer('ML'), exampleOf('POST /projects/{projectId}/indicators')),
    await service.send('put', `/projects/${projectId}/results/iom-result-1/draft`, await partner('IOM'), exampleOf('PUT /projects/{projectId}/results/{resultId}/draft') as object),
    await service.post('/countries/ML/next-steps', await officer('ML'), exampleOf('POST /countries/{country}/next-steps')),
  ];
  expect(setUp.map((response) => response.status)).toEqual([201, 201, 201, 200, 201]);
});
afterAll(() => http?.close());

function exampleOf(name: string): object {
  const operation = operations.find((candidate) => candidate.name === name);
  if (!operation?.body) throw new Error(`${name} is not documented with a body`);
  return operation.body.example as object;
}

describe('the projects service under attack, generated from its OpenAPI document', () => {
  it(`the access matrix: every operation × every caller, in and out of scope, answered as documented`, async () => {
    const cases = await walkAccessMatrix({ operations, http, watermark: new LogWatermark(service.store), world });
    console.log(describeAccessCases('projects', cases));
    expect(cases.filter((accessCase) => accessCase.wrong)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(operations.length * 12);
  }, 120_000);

  it('refuses a field no schema has, anywhere in a body, with 400 naming it', async () => {
    expect(await unknownFieldsTaken({ operations, http, targetOf: await targetsFor(operations, world.path) })).toEqual([]);
  });

  it(`hostile input: ${RUNS} generated requests (fast-check seed ${SEED}): no 5xx, every 400 names its field, every 409/422 its rule, no refusal appends`, async () => {
    const tally = await attackWithHostileInput({ operations, http, watermark: new LogWatermark(service.store), targetOf: await targetsFor(operations, world.path), seed: SEED, runs: RUNS });
    console.log(describeTally('projects', SEED, tally));
    expect(tally.flaws).toEqual([]);
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS);
  }, 180_000);
});
