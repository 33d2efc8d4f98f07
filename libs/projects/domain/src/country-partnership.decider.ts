import { event, type DataOf, type Decider } from '@eutf/event-sourcing';
import { refuse } from './project.rules';
import type { CommandActor } from './project.commands';
import {
  EuSupportMeasureRecorded,
  HighLevelEngagementRecorded,
  KeyProgressRecorded,
  NextStepCompleted,
  NextStepSet,
  type CountryPartnershipEvent,
} from '@eutf/event-catalog';


interface Base {
  actor: CommandActor;
  /** The country of the stream, which the officer must represent. */
  country: string;
}

export type CountryPartnershipCommand = Base &
  (
    | ({ type: 'RecordHighLevelEngagement' } & DataOf<typeof HighLevelEngagementRecorded>)
    | ({ type: 'RecordKeyProgress' } & DataOf<typeof KeyProgressRecorded>)
    | ({ type: 'RecordEuSupportMeasure' } & DataOf<typeof EuSupportMeasureRecorded>)
    | ({ type: 'SetNextStep' } & DataOf<typeof NextStepSet>)
    | ({ type: 'CompleteNextStep' } & DataOf<typeof NextStepCompleted>)
  );

export interface CountryPartnershipState {
  entries: Set<string>;
  nextSteps: Map<string, { completed: boolean }>;
}


function evolve(state: CountryPartnershipState, domainEvent: CountryPartnershipEvent): CountryPartnershipState {
  const entries = new Set(state.entries).add(domainEvent.data.entryId);
  switch (domainEvent.type) {
    case 'HighLevelEngagementRecorded':
    case 'KeyProgressRecorded':
    case 'EuSupportMeasureRecorded':
      return { ...state, entries };
    case 'NextStepSet':
      return { entries, nextSteps: new Map(state.nextSteps).set(domainEvent.data.entryId, { completed: false }) };
    case 'NextStepCompleted':
      return { ...state, nextSteps: new Map(state.nextSteps).set(domainEvent.data.entryId, { completed: true }) };
    default: {
      const unexpected: never = domainEvent;
      return unexpected;
    }
  }
}

function decide(command: CountryPartnershipCommand, state: CountryPartnershipState) {
  if (command.actor.role !== 'delegation-officer') {
    return refuse('officer-only', 'Only the delegation officer of the country records its partnership');
  }
  if (command.actor.country !== command.country) {
    return refuse('officer-out-of-country', `The officer does not represent ${command.country}`);
  }
  const { actor: _actor, country: _country, type, ...data } = command;
  if (type === 'CompleteNextStep') {
    const step = state.nextSteps.get(command.entryId);
    if (!step) return refuse('next-step-not-set', `No next step ${command.entryId}`);
    if (step.completed) return refuse('next-step-already-completed', `Next step ${command.entryId} is already completed`);
    return [event(NextStepCompleted, { entryId: command.entryId, completedOn: command.completedOn })];
  }
  if (state.entries.has(command.entryId)) return refuse('entry-already-recorded', `Entry ${command.entryId} is already recorded`);
  switch (command.type) {
    case 'RecordHighLevelEngagement':
      return [event(HighLevelEngagementRecorded, data as DataOf<typeof HighLevelEngagementRecorded>)];
    case 'RecordKeyProgress':
      return [event(KeyProgressRecorded, data as DataOf<typeof KeyProgressRecorded>)];
    case 'RecordEuSupportMeasure':
      return [event(EuSupportMeasureRecorded, data as DataOf<typeof EuSupportMeasureRecorded>)];
    case 'SetNextStep':
      return [event(NextStepSet, data as DataOf<typeof NextStepSet>)];
    default: {
      const unexpected: never = command;
      return unexpected;
    }
  }
}

export const countryPartnershipDecider: Decider<CountryPartnershipCommand, CountryPartnershipEvent, CountryPartnershipState> = {
  initialState: () => ({ entries: new Set(), nextSteps: new Map() }),
  evolve,
  decide,
};
