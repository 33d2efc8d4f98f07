import { defineEvent, type EventOf } from '@eutf/event-sourcing';
import { z } from 'zod';
import { partialDate } from './dates';

const isoDate = z.iso.date();
const entryId = z.string().min(1).max(100);
/** Where an entry comes from: a document and the passage it rests on. */
const source = z.object({ document: z.string().min(1).max(200), quote: z.string().max(2_000) }).nullable();

export const engagementLevel = z.enum(['head-of-state', 'ministerial', 'senior-officials', 'technical']);

export const HighLevelEngagementRecorded = defineEvent({
  type: 'HighLevelEngagementRecorded',
  description: 'A high-level meeting or visit between the EU and the partner country.',
  versions: [
    {
      version: 1,
      schema: z.object({ entryId, date: partialDate, level: engagementLevel, description: z.string().min(1).max(1_000), source }),
    },
  ],
  example: {
    entryId: 'visit-2016-11',
    date: '2016-11-10',
    level: 'ministerial',
    description: 'Visit of the EU High Representative to Bamako',
    source: null,
  },
});

export const KeyProgressRecorded = defineEvent({
  type: 'KeyProgressRecorded',
  description: 'Key progress by the national authorities.',
  versions: [{ version: 1, schema: z.object({ entryId, date: partialDate.nullable(), description: z.string().min(1).max(1_000), source }) }],
  example: { entryId: 'progress-1', date: null, description: 'Adoption of a national migration policy action plan', source: null },
});

/** An EU support measure, dated as precisely as the source dates it ("deployed in February 2017" is 2017-02). */
export const euSupportMeasureData = z.object({ entryId, date: partialDate.nullable(), description: z.string().min(1).max(1_000), amountCents: z.number().int().nonnegative().nullable(), source });

export const EuSupportMeasureRecorded = defineEvent({
  type: 'EuSupportMeasureRecorded',
  description: 'An EU support measure for the country, with its amount when there is one.',
  versions: [
    {
      version: 1,
      schema: z.object({ entryId, description: z.string().min(1).max(1_000), amountCents: z.number().int().nonnegative().nullable(), source }),
    },
    {
      // Dated, so a report places the measure in its period; one recorded before measures were dated has no date.
      version: 2,
      schema: euSupportMeasureData,
      upcastFrom: (previous) => ({ ...(previous as object), date: null }),
    },
  ],
  example: { entryId: 'support-1', date: '2017-02', description: 'EUTF support to border management', amountCents: 25_000_000_00, source: null },
});

export const NextStepSet = defineEvent({
  type: 'NextStepSet',
  description: 'A next step agreed for the partnership.',
  versions: [{ version: 1, schema: z.object({ entryId, description: z.string().min(1).max(1_000), dueDate: isoDate.nullable(), source }) }],
  example: { entryId: 'next-1', description: 'Finalise the standard operating procedures for returns', dueDate: null, source: null },
});

export const NextStepCompleted = defineEvent({
  type: 'NextStepCompleted',
  description: 'A next step was completed.',
  versions: [{ version: 1, schema: z.object({ entryId, completedOn: isoDate }) }],
  example: { entryId: 'next-1', completedOn: '2017-06-30' },
});

export const COUNTRY_PARTNERSHIP_EVENTS = [
  HighLevelEngagementRecorded,
  KeyProgressRecorded,
  EuSupportMeasureRecorded,
  NextStepSet,
  NextStepCompleted,
] as const;

export type CountryPartnershipEvent = EventOf<(typeof COUNTRY_PARTNERSHIP_EVENTS)[number]>;
