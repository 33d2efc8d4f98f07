import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiDocument } from '@eutf/service-runtime';
import type { INestApplication } from '@nestjs/common';
import { tokenFor } from '../command-service.harness';
import { createTopicNamespace, deleteTopicNamespace } from '../topic-namespace';
import type { Role } from '@eutf/identity';
import type { EventStore } from '@eutf/event-sourcing';
import { CALLERS, describeAccessCases, walkAccessMatrix, type AccessCase, type AccessWorld } from './access-matrix';
import { documentedOperations, type DocumentedOperation } from './documented-operations';
import { attackWithHostileInput, describeTally, unknownFieldsTaken, type OperationTarget } from './hostile-input';
import { LogWatermark, rawHttpTo, type RawHttp } from './raw-http';

/**
 * Gives the spec file a Kafka topic set of its own (`EUTF_TOPIC_NAMESPACE`, set for this file's
 * process object only): generated requests register projects under the documents' example ids,
 * which no other suite must see. Call it before the service's harness, so the topics exist when
 * the service starts.
 */
export function ownTopicNamespace(name: string): string {
  const namespace = `test-${name}-${randomUUID().slice(0, 8)}`;
  process.env['EUTF_TOPIC_NAMESPACE'] = namespace;
  beforeAll(async () => {
    await createTopicNamespace(process.env['KAFKA_BROKERS'] as string, namespace);
  }, 60_000);
  afterAll(async () => {
    await deleteTopicNamespace(process.env['KAFKA_BROKERS'] as string, namespace);
  }, 60_000);
  return namespace;
}

/** The OpenAPI document the running service serves at /docs. */
export const servedDocument = (app: INestApplication): OpenAPIObject => openApiDocument(app, { name: 'attack', title: 'attack', description: 'The document a service serves at /docs' });

/** A caller in scope for each role: the officer of ML, partner IOM, or the headquarters role itself. */
export const inScopeToken = (role: Role): Promise<string> =>
  tokenFor([role], role === 'delegation-officer' ? { country: 'ML' } : role === 'implementing-partner' ? { org: 'IOM' } : {});

/** The target of an operation: its first documented role in scope, and the world's value of each path parameter. */
export async function targetsFor(operations: readonly DocumentedOperation[], path: Readonly<Record<string, string>>): Promise<(operation: DocumentedOperation) => OperationTarget> {
  const tokens = new Map<string, string>();
  for (const operation of operations) {
    const role = operation.roles === 'public' ? 'hq-analyst' : (operation.roles[0] as Role);
    if (!tokens.has(role)) tokens.set(role, await inScopeToken(role));
  }
  return (operation) => {
    const role = operation.roles === 'public' ? 'hq-analyst' : (operation.roles[0] as Role);
    return { bearer: tokens.get(role) as string, path };
  };
}

/** The seed of a generated suite: fixed, so a failure replays; `EUTF_ATTACK_SEED` tries another. */
export const attackSeed = (fixed: number): number => Number(process.env['EUTF_ATTACK_SEED'] ?? fixed);

/** A running service as the attack sees it: its application and, for a command service, its event store. */
export interface AttackedService {
  readonly app: INestApplication;
  readonly store?: EventStore;
}

export interface AttackPlan {
  /** The service's name, as the printed tallies say it. */
  name: string;
  service: AttackedService;
  world: AccessWorld;
  seed: number;
  runs: number;
  /** Puts the world in place (registers the project, its contract…) once the service is up; may use the documented examples. */
  setUp: (operations: readonly DocumentedOperation[]) => Promise<void>;
  /** What the service asserts further of its access matrix (which operations a caller was refused, say), once none is wrong. */
  thenAccess?: (cases: readonly AccessCase[]) => void;
}

/** A documented operation's request body example: what a set-up sends so that the world matches the document. */
export function documentedExample(operations: readonly DocumentedOperation[], name: string): object {
  const operation = operations.find((candidate) => candidate.name === name);
  if (!operation?.body) throw new Error(`${name} is not documented with a body`);
  return operation.body.example as object;
}

/**
 * The three attacks every service takes, generated from its own OpenAPI document, so a route added to it is
 * attacked as soon as it is documented: the access matrix, unknown fields, and hostile input. A command
 * service's store is watched so that a refused request that appended anyway is a flaw.
 */
export function describeAttack(plan: AttackPlan): void {
  let operations: DocumentedOperation[];
  let http: RawHttp;
  // The harness's store is there only once the service runs: ask whether it has one, not for it.
  const hasStore = 'store' in plan.service;
  const watermark = () => (hasStore ? { watermark: new LogWatermark(plan.service.store as EventStore) } : {});
  beforeAll(async () => {
    operations = documentedOperations(servedDocument(plan.service.app));
    http = await rawHttpTo(plan.service.app);
    await plan.setUp(operations);
  }, 60_000);
  afterAll(() => http?.close());

  describe(`the ${plan.name} service under attack, generated from its OpenAPI document`, () => {
    it('the access matrix: every operation × every caller, in and out of scope, answered as documented', async () => {
      const cases = await walkAccessMatrix({ operations, http, world: plan.world, ...watermark() });
      console.log(describeAccessCases(plan.name, cases));
      expect(cases.filter((accessCase) => accessCase.wrong)).toEqual([]);
      expect(cases.length).toBeGreaterThanOrEqual(operations.length * CALLERS.length);
      plan.thenAccess?.(cases);
    }, 120_000);

    it('refuses a field no schema has, anywhere in a body, with 400 naming it', async () => {
      expect(await unknownFieldsTaken({ operations, http, targetOf: await targetsFor(operations, plan.world.path) })).toEqual([]);
    });

    const appendCheck = hasStore ? ', no refusal appends' : '';
    it(`hostile input: ${plan.runs} generated requests (fast-check seed ${plan.seed}): no 5xx, every 400 names its field, every 409/422 its rule${appendCheck}`, async () => {
      const tally = await attackWithHostileInput({ operations, http, targetOf: await targetsFor(operations, plan.world.path), seed: plan.seed, runs: plan.runs, ...watermark() });
      console.log(describeTally(plan.name, plan.seed, tally));
      expect(tally.flaws).toEqual([]);
      expect(tally.requests).toBeGreaterThanOrEqual(plan.runs);
    }, 180_000);
  });
}
