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
import { disbursementsAppForSpec, finance, libyaProject, partner } from './test-support/disbursements-app';

// Generated from the service's own OpenAPI document: a route added to it is attacked as soon as it is documented.
ownTopicNamespace('attack-disbursements');
process.env['LOG_LEVEL'] = 'warn';
const service = disbursementsAppForSpec('attack');
const SEED = attackSeed(140_002);
const RUNS = 3_100;

const projectId = `ml-attack-${randomUUID().slice(0, 8)}`;
/** The ML project IOM and GIZ implement, committed, with IOM's contract and a tranche IOM requested under it. */
const world: AccessWorld = {
  path: { projectId, contractId: 'c-iom', trancheId: 'tranche-1' },
  unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}`, contractId: 'c-nobody' },
  country: 'ML',
  noSuchProject: ['project-unknown'],
  partnerOwned: ['contractId'],
};

let operations: DocumentedOperation[];
let http: RawHttp;

beforeAll(async () => {
  operations = documentedOperations(servedDocument(service.app));
  http = await rawHttpTo(service.app);
  const registered = libyaProject(projectId);
  await service.projectHistory(projectId, [{ ...registered, data: { ...registered.data, countries: ['ML'] } } as typeof registered]);
  const example = (name: string) => operations.find((operation) => operation.name === name)?.body?.example as object;
  const setUp = [
    await service.post(`/projects/${projectId}/commitment`, await finance(), example('POST /projects/{projectId}/commitment')),
    await service.post(`/projects/${projectId}/contracts`, await finance(), { ...example('POST /projects/{projectId}/contracts'), contractId: 'c-iom', partnerOrg: 'IOM' }),
    await service.post(`/projects/${projectId}/contracts/c-iom/tranches`, await partner('IOM'), example('POST /projects/{projectId}/contracts/{contractId}/tranches')),
  ];
  expect(setUp.map((response) => response.status)).toEqual([201, 201, 201]);
});
afterAll(() => http?.close());

describe('the disbursements service under attack, generated from its OpenAPI document', () => {
  it(`the access matrix: every operation × every caller, in and out of scope, answered as documented`, async () => {
    const cases = await walkAccessMatrix({ operations, http, watermark: new LogWatermark(service.store), world });
    console.log(describeAccessCases('disbursements', cases));
    expect(cases.filter((accessCase) => accessCase.wrong)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(operations.length * 12);
  }, 120_000);

  it('refuses a field no schema has, anywhere in a body, with 400 naming it', async () => {
    expect(await unknownFieldsTaken({ operations, http, targetOf: await targetsFor(operations, world.path) })).toEqual([]);
  });

  it(`hostile input: ${RUNS} generated requests (fast-check seed ${SEED}): no 5xx, every 400 names its field, every 409/422 its rule, no refusal appends`, async () => {
    const tally = await attackWithHostileInput({ operations, http, watermark: new LogWatermark(service.store), targetOf: await targetsFor(operations, world.path), seed: SEED, runs: RUNS });
    console.log(describeTally('disbursements', SEED, tally));
    expect(tally.flaws).toEqual([]);
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS);
  }, 180_000);
});
