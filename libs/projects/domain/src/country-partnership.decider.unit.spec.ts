import { EventCatalog } from '@eutf/event-sourcing';
import { deciderSpecification } from '@eutf/event-sourcing/testing';
import { countryPartnershipDecider } from './country-partnership.decider';
import { COUNTRY_PARTNERSHIP_EVENTS, HighLevelEngagementRecorded, NextStepSet, type CountryPartnershipEvent } from '@eutf/event-catalog';
import type { CommandActor } from './project.commands';

const spec = deciderSpecification(countryPartnershipDecider);
const officerML: CommandActor = { role: 'delegation-officer', country: 'ML' };
const engagement = HighLevelEngagementRecorded.example;
const step = NextStepSet.example;
const stepSet: CountryPartnershipEvent = { type: 'NextStepSet', data: step };

describe('country partnership', () => {
  it("records high-level engagement, by the country's officer only", () => {
    spec.given([]).when({ type: 'RecordHighLevelEngagement', actor: officerML, country: 'ML', ...engagement }).then([
      { type: 'HighLevelEngagementRecorded', data: engagement },
    ]);
    spec
      .given([])
      .when({ type: 'RecordHighLevelEngagement', actor: { role: 'delegation-officer', country: 'NE' }, country: 'ML', ...engagement })
      .thenRefuses('officer-out-of-country', 403);
    spec
      .given([])
      .when({ type: 'RecordHighLevelEngagement', actor: { role: 'hq-analyst' }, country: 'ML', ...engagement })
      .thenRefuses('officer-only', 403);
  });

  it('records an entry once', () => {
    spec
      .given([{ type: 'HighLevelEngagementRecorded', data: engagement }])
      .when({ type: 'RecordHighLevelEngagement', actor: officerML, country: 'ML', ...engagement })
      .thenRefuses('entry-already-recorded', 409);
  });

  it('sets next steps and completes each once', () => {
    spec.given([]).when({ type: 'SetNextStep', actor: officerML, country: 'ML', ...step }).then([stepSet]);
    const completed: CountryPartnershipEvent = { type: 'NextStepCompleted', data: { entryId: step.entryId, completedOn: '2017-06-30' } };
    spec.given([stepSet]).when({ type: 'CompleteNextStep', actor: officerML, country: 'ML', entryId: step.entryId, completedOn: '2017-06-30' }).then([completed]);
    spec
      .given([stepSet, completed])
      .when({ type: 'CompleteNextStep', actor: officerML, country: 'ML', entryId: step.entryId, completedOn: '2017-07-01' })
      .thenRefuses('next-step-already-completed', 409);
    spec
      .given([])
      .when({ type: 'CompleteNextStep', actor: officerML, country: 'ML', entryId: 'nope', completedOn: '2017-07-01' })
      .thenRefuses('next-step-not-set', 422);
  });

  it('has a catalog whose examples pass their schemas', () => {
    const catalog = new EventCatalog([...COUNTRY_PARTNERSHIP_EVENTS]);
    for (const definition of catalog.all()) expect(definition.schema.safeParse(definition.example).success).toBe(true);
  });
});
