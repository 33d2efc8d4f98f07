import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiDocument } from '@eutf/service-runtime';
import type { INestApplication } from '@nestjs/common';
import { tokenFor } from '../command-service.harness';
import { createTopicNamespace, deleteTopicNamespace } from '../topic-namespace';
import type { Role } from '@eutf/identity';
import type { DocumentedOperation } from './documented-operations';
import type { OperationTarget } from './hostile-input';

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
