import { randomUUID } from 'node:crypto';
import {
  attackSeed,
  attackWithHostileInput,
  describeAccessCases,
  describeTally,
  documentedOperations,
  LogWatermark,
  rawHttpTo,
  servedDocument,
  targetsFor,
  walkAccessMatrix,
  type AccessWorld,
  type DocumentedOperation,
  type RawHttp,
  unknownFieldsTaken,
} from '@eutf/service-testing';
import { returnsAppForSpec } from './test-support/returns-app';

// Generated from the service's own OpenAPI document: a route added to it is attacked as soon as it is
// documented. The harness gives the service a topic namespace of its own.
const service = returnsAppForSpec('attack');
const SEED = attackSeed(140_003);
const RUNS = 3_100;

const projectId = `ml-attack-${randomUUID().slice(0, 8)}`;
/** The ML project IOM and GIZ implement. A partner's returns are its own streams, so a co-partner is in scope here. */
const world: AccessWorld = {
  path: { projectId },
  unknown: { projectId: `ml-nothing-${randomUUID().slice(0, 8)}` },
  country: 'ML',
  noSuchProject: ['project-not-known'],
  partnerOwned: [],
};

let operations: DocumentedOperation[];
let http: RawHttp;

beforeAll(async () => {
  operations = documentedOperations(servedDocument(service.app));
  http = await rawHttpTo(service.app);
  await service.projectSeen(projectId, ['IOM', 'GIZ']);
});
afterAll(() => http?.close());

describe('the returns service under attack, generated from its OpenAPI document', () => {
  it(`the access matrix: every operation × every caller, in and out of scope, answered as documented`, async () => {
    const cases = await walkAccessMatrix({ operations, http, watermark: new LogWatermark(service.store), world });
    console.log(describeAccessCases('returns', cases));
    expect(cases.filter((accessCase) => accessCase.wrong)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(operations.length * 12);
  }, 120_000);

  it('refuses a field no schema has, anywhere in a body, with 400 naming it', async () => {
    expect(await unknownFieldsTaken({ operations, http, targetOf: await targetsFor(operations, world.path) })).toEqual([]);
  });

  it(`hostile input: ${RUNS} generated requests (fast-check seed ${SEED}): no 5xx, every 400 names its field, every 409/422 its rule, no refusal appends`, async () => {
    const tally = await attackWithHostileInput({ operations, http, watermark: new LogWatermark(service.store), targetOf: await targetsFor(operations, world.path), seed: SEED, runs: RUNS });
    console.log(describeTally('returns', SEED, tally));
    expect(tally.flaws).toEqual([]);
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS);
  }, 180_000);
});
