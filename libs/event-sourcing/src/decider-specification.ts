import { deepStrictEqual, fail, ok } from 'node:assert/strict';
import type { DomainEvent } from './catalog';
import type { Decider } from './decider';
import { DomainRuleViolation, type RuleStatus } from './errors';

/**
 * Given/when/then for deciders, so a domain spec reads like the rule it checks:
 *
 *   spec.given([contractSigned]).when(requestTranche).then([trancheRequested]);
 *   spec.given([]).when(payTranche).thenRefuses('tranche-not-approved');
 */
export function deciderSpecification<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(history: readonly Event[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        when(command: Command) {
          const decision = decider.decide(command, state);
          return {
            then(expected: readonly Event[]): void {
              if (decision instanceof DomainRuleViolation) {
                fail(`expected events, but the command was refused: ${decision.rule}: ${decision.message}`);
              }
              deepStrictEqual([...decision], [...expected]);
            },
            thenRefuses(rule: string, status?: RuleStatus): DomainRuleViolation {
              ok(decision instanceof DomainRuleViolation, `expected rule ${rule} to refuse the command, got events`);
              deepStrictEqual(decision.rule, rule);
              if (status) deepStrictEqual(decision.status, status);
              return decision;
            },
          };
        },
      };
    },
  };
}
