/**
 * The event store benchmarks' sample event; the generic helpers are in @eutf/testing/bench.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@eutf/event-sourcing';

export * from '@eutf/testing/bench';

export function sampleEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReintegrationAssistanceProvided',
    schemaVersion: 1,
    data: {
      caseId: randomUUID(),
      projectId: 'T05-EUTF-SAH-REG-12-03',
      country: 'NE',
      region: 'Agadez',
      assistance: { kind: 'micro-business', description: 'Grocery shop start-up kit' },
      amount: { value: '850.00', currency: 'EUR' },
      beneficiaries: { adults: 1, children: 2 },
      providedOn: '2019-03-14',
    },
    occurredAt: new Date().toISOString(),
    metadata: {
      actor: { subject: 'iom-ne-field-officer-17', role: 'implementing-partner', org: 'IOM', country: 'NE' },
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}

/** Prints rows as aligned columns; numbers right-aligned with thousands separators. */
