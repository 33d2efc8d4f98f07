import { defineEvent } from '@eutf/event-sourcing';
import { z } from 'zod';

// An EUTF reference names one project. A project registered under its reference, or given one
// later, first reserves it on the reference's own stream, so that no two projects share it.

const reservation = z.object({ reference: z.string().min(1), projectId: z.string().min(1) });

export const EutfReferenceReserved = defineEvent({
  type: 'EutfReferenceReserved',
  description: 'An EUTF reference now names this project; no other project may take it.',
  versions: [{ version: 1, schema: reservation }],
  example: { reference: 'T05-EUTF-SAH-ML-04', projectId: 'ml-eu-iom-joint-initiative' },
});

export const EutfReferenceReleased = defineEvent({
  type: 'EutfReferenceReleased',
  description: 'A reservation was given up because the project did not take the reference after all (its command was refused).',
  versions: [{ version: 1, schema: reservation }],
  example: { reference: 'T05-EUTF-SAH-ML-04', projectId: 'ml-eu-iom-joint-initiative' },
});

export const EUTF_REFERENCE_EVENTS = [EutfReferenceReserved, EutfReferenceReleased] as const;

export type EutfReferenceEvent =
  | { type: 'EutfReferenceReserved'; data: z.infer<typeof reservation> }
  | { type: 'EutfReferenceReleased'; data: z.infer<typeof reservation> };
