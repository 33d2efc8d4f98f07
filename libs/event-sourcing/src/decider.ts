import type { DomainEvent } from './catalog';
import type { DomainRuleViolation } from './errors';

/**
 * An aggregate as three pure functions: no framework, no driver, no clock. Time and ids come in on
 * the command; a broken rule comes back as a DomainRuleViolation value.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => readonly Event[] | DomainRuleViolation;
}

export function foldEvents<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
