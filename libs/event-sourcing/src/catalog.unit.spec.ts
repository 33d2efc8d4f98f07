import { z } from 'zod';
import { EventCatalog, InvalidEventDataError, UnknownEventTypeError, defineEvent } from './catalog';
import { TranchePaid, TrancheRequested } from './test-support/tranche.decider';

describe('the event catalog', () => {
  const catalog = new EventCatalog([TrancheRequested, TranchePaid]);

  it('validates what producers write against the current version', () => {
    expect(catalog.validateForWrite('TranchePaid', { tranche: 2, currency: 'EUR' })).toEqual({
      schemaVersion: 2,
      data: { tranche: 2, currency: 'EUR' },
    });
    expect(() => catalog.validateForWrite('TranchePaid', { tranche: 2 })).toThrow(InvalidEventDataError);
    expect(() => catalog.validateForWrite('TranchePaid', { tranche: -1, currency: 'EUR' })).toThrow(/tranche/);
  });

  it('upcasts a stored v1 event to the current version when it is read, without rewriting it', () => {
    const stored = { tranche: 3 };
    expect(catalog.read('TranchePaid', 1, stored)).toEqual({ tranche: 3, currency: 'EUR' });
    expect(stored).toEqual({ tranche: 3 });
  });

  it('checks stored data against the version it was written in', () => {
    expect(() => catalog.read('TranchePaid', 1, { tranche: 'three' })).toThrow(/TranchePaid v1/);
  });

  it('refuses unknown types and versions', () => {
    expect(() => catalog.read('TrancheCancelled', 1, {})).toThrow(UnknownEventTypeError);
    expect(() => catalog.read('TranchePaid', 3, {})).toThrow(UnknownEventTypeError);
  });

  it('refuses definitions that could not be read back', () => {
    expect(() =>
      defineEvent({ type: 'Broken', description: 'x', versions: [{ version: 1, schema: z.object({ a: z.string() }) }], example: { a: 1 } as never }),
    ).toThrow(/example/);
    expect(() =>
      defineEvent({
        type: 'Broken',
        description: 'x',
        versions: [{ version: 1, schema: z.object({}) }, { version: 2, schema: z.object({}) }],
        example: {},
      }),
    ).toThrow(/upcastFrom/);
    expect(() => new EventCatalog([TranchePaid, TranchePaid])).toThrow(/twice/);
  });

  it('has an example for every type that passes its own schema', () => {
    for (const definition of catalog.all()) expect(definition.schema.safeParse(definition.example).success).toBe(true);
  });
});
