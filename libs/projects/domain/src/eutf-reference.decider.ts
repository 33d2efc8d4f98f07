import { event, type Decider } from '@eutf/event-sourcing';
import { EutfReferenceReleased, EutfReferenceReserved, type EutfReferenceEvent } from '@eutf/event-catalog';
import { refuse } from './project.rules';


export type EutfReferenceCommand =
  | { type: 'ReserveEutfReference'; reference: string; projectId: string }
  | { type: 'ReleaseEutfReference'; reference: string; projectId: string };

/** The project the reference names, if any. */
export interface EutfReferenceState {
  holder: string | null;
}

function decide(command: EutfReferenceCommand, state: EutfReferenceState) {
  const { reference, projectId } = command;
  if (command.type === 'ReserveEutfReference') {
    // The same project again (a retried request): nothing to do.
    if (state.holder === projectId) return [];
    if (state.holder !== null) {
      return refuse('reference-taken', `${reference} is the reference of project ${state.holder}`);
    }
    return [event(EutfReferenceReserved, { reference, projectId })];
  }
  return state.holder === projectId ? [event(EutfReferenceReleased, { reference, projectId })] : [];
}

function evolve(_state: EutfReferenceState, domainEvent: EutfReferenceEvent): EutfReferenceState {
  return { holder: domainEvent.type === 'EutfReferenceReserved' ? domainEvent.data.projectId : null };
}

export const eutfReferenceDecider: Decider<EutfReferenceCommand, EutfReferenceEvent, EutfReferenceState> = {
  decide,
  evolve,
  initialState: () => ({ holder: null }),
};
