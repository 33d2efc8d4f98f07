import { COUNTRY_PARTNERSHIP_EVENTS, countryPartnershipStream, type CountryPartnershipEvent } from '@eutf/event-catalog';
import type { RecordedEvent } from '@eutf/event-sourcing';
import { EVENT_TOPICS } from '@eutf/messaging';
import type { Projection } from '@eutf/projections';

interface Sourced {
  entryId: string;
  description: string;
  source: { document: string; quote: string } | null;
}

export interface CountryPartnershipDoc {
  country: string;
  highLevelEngagement: Array<Sourced & { date: string; level: string }>;
  keyProgress: Array<Sourced & { date: string | null }>;
  /** Dated as precisely as known; null when the source gives no date. */
  euSupportMeasures: Array<Sourced & { date: string | null; amountCents: number | null }>;
  nextSteps: Array<Sourced & { dueDate: string | null; completedOn: string | null }>;
}

function apply(doc: CountryPartnershipDoc | undefined, recorded: RecordedEvent): CountryPartnershipDoc {
  const current: CountryPartnershipDoc = doc ?? {
    country: countryPartnershipStream.parse(recorded.streamId) as string,
    highLevelEngagement: [],
    keyProgress: [],
    euSupportMeasures: [],
    nextSteps: [],
  };
  const domainEvent = { type: recorded.type, data: recorded.data } as CountryPartnershipEvent;
  switch (domainEvent.type) {
    case 'HighLevelEngagementRecorded':
      // Kept in date order: the factsheet lists engagement chronologically.
      return {
        ...current,
        highLevelEngagement: [...current.highLevelEngagement, domainEvent.data].sort((a, b) => a.date.localeCompare(b.date)),
      };
    case 'KeyProgressRecorded':
      return { ...current, keyProgress: [...current.keyProgress, domainEvent.data] };
    case 'EuSupportMeasureRecorded':
      return { ...current, euSupportMeasures: [...current.euSupportMeasures, domainEvent.data] };
    case 'NextStepSet':
      return { ...current, nextSteps: [...current.nextSteps, { ...domainEvent.data, completedOn: null }] };
    case 'NextStepCompleted':
      return {
        ...current,
        nextSteps: current.nextSteps.map((step) =>
          step.entryId === domainEvent.data.entryId ? { ...step, completedOn: domainEvent.data.completedOn } : step,
        ),
      };
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

export const countryPartnershipProjection: Projection<CountryPartnershipDoc> = {
  name: 'country-partnership',
  collection: 'country_partnership',
  topics: [EVENT_TOPICS.projects],
  handles: COUNTRY_PARTNERSHIP_EVENTS.map((definition) => definition.type),
  documentIdOf: (event) =>
    countryPartnershipStream.parse(event.streamId) ?? undefined,
  apply,
  storedAsText: { queryable: [] },
};
