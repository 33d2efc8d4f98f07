import { randomUUID } from 'node:crypto';
import { EventCatalog, RecordedEvent, defineEvent } from '@eutf/event-sourcing';
import { z } from 'zod';
import type { Projection } from '../projection.definition';

/**
 * A small projection for the toolkit's own tests: per reintegration case, how many events moved it
 * and which. Its events carry a caseworker's note, the kind of data that must never reach a log.
 */
export const ReintegrationCaseOpened = defineEvent({
  type: 'ReintegrationCaseOpened',
  description: 'A returnee was enrolled in a reintegration programme.',
  versions: [
    { version: 1, schema: z.object({ caseRef: z.string() }) },
    {
      version: 2,
      schema: z.object({ caseRef: z.string(), country: z.string().length(2) }),
      // v1 cases were all opened before country codes were recorded.
      upcastFrom: (previous) => ({ ...(previous as { caseRef: string }), country: 'ZZ' }),
    },
  ],
  example: { caseRef: 'RC-0001', country: 'NE' },
});

export const ReintegrationSupportRecorded = defineEvent({
  type: 'ReintegrationSupportRecorded',
  description: 'Support was given to a returnee.',
  versions: [
    {
      version: 1,
      schema: z.object({ amountCents: z.number().int().nonnegative(), caseworkerNote: z.string() }),
    },
  ],
  example: { amountCents: 15_000, caseworkerNote: 'Paid school fees' },
});

export const ReintegrationCaseClosed = defineEvent({
  type: 'ReintegrationCaseClosed',
  description: 'A reintegration case was closed.',
  versions: [{ version: 1, schema: z.object({ outcome: z.enum(['completed', 'dropped-out']) }) }],
  example: { outcome: 'completed' },
});

/** Not handled by the projection, and not in its catalog: it must be ignored, never dead-lettered. */
export const CASEWORKER_ASSIGNED = 'CaseworkerAssigned';

export const reintegrationCatalog = () =>
  new EventCatalog([ReintegrationCaseOpened, ReintegrationSupportRecorded, ReintegrationCaseClosed]);

export interface CaseActivity {
  caseRef: string;
  country: string;
  status: 'open' | 'closed';
  supportCents: number;
  eventCount: number;
  appliedEventIds: string[];
}

export function caseActivityProjection(options: { collection: string; topics: string[] }): Projection<CaseActivity> {
  return {
    name: 'case-activity',
    collection: options.collection,
    topics: options.topics,
    handles: [ReintegrationCaseOpened.type, ReintegrationSupportRecorded.type, ReintegrationCaseClosed.type],
    documentIdOf: (event) => event.streamId,
    apply: (doc, event) => {
      const counted = (next: Omit<CaseActivity, 'eventCount' | 'appliedEventIds'>, previous?: CaseActivity): CaseActivity => ({
        ...next,
        eventCount: (previous?.eventCount ?? 0) + 1,
        appliedEventIds: [...(previous?.appliedEventIds ?? []), event.eventId],
      });
      switch (event.type) {
        case ReintegrationCaseOpened.type: {
          if (doc) throw new Error('case already opened');
          const data = event.data as z.infer<typeof ReintegrationCaseOpened.schema>;
          return counted({ caseRef: data.caseRef, country: data.country, status: 'open', supportCents: 0 });
        }
        case ReintegrationSupportRecorded.type: {
          if (!doc) throw new Error('support recorded before the case was opened');
          const data = event.data as z.infer<typeof ReintegrationSupportRecorded.schema>;
          return counted({ ...doc, supportCents: doc.supportCents + data.amountCents }, doc);
        }
        case ReintegrationCaseClosed.type:
          if (!doc) throw new Error('case closed before it was opened');
          return counted({ ...doc, status: 'closed' }, doc);
        default:
          throw new Error(`unexpected event type ${event.type}`);
      }
    },
  };
}

/** Builds the recorded events of one stream, numbering versions and positions as a store would. */
export function caseStream(streamId: string, start = new Date('2025-03-01T08:00:00Z')) {
  let version = 0n;
  const at = (offsetMinutes: number) => new Date(start.getTime() + offsetMinutes * 60_000).toISOString();
  return {
    streamId,
    next(type: string, data: unknown, schemaVersion = 1): RecordedEvent {
      version += 1n;
      return {
        eventId: randomUUID(),
        type,
        schemaVersion,
        data,
        occurredAt: at(Number(version)),
        recordedAt: at(Number(version)),
        streamId,
        streamVersion: version,
        position: { commit: version, prepare: version },
        metadata: { actor: { subject: 'officer-1', role: 'delegation-officer', country: 'NE' }, correlationId: randomUUID(), causationId: null },
      };
    },
  };
}
