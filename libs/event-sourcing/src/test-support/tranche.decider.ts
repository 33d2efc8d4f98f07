import { z } from 'zod';
import { defineEvent, event, type DataOf } from '../catalog';
import type { Decider } from '../decider';
import { DomainRuleViolation } from '../errors';

/** A small decider for the toolkit's own specs: a contract's tranches, requested then paid once. */
export const TrancheRequested = defineEvent({
  type: 'TrancheRequested',
  description: 'A partner asked for a tranche of its contract.',
  versions: [{ version: 1, schema: z.object({ tranche: z.number().int().positive(), amountCents: z.number().int().positive() }) }],
  example: { tranche: 1, amountCents: 150_000_00 },
});

/** v1 had no currency; every EUTF amount is in euro cents, so v1 reads as EUR. */
export const TranchePaid = defineEvent({
  type: 'TranchePaid',
  description: 'Finance paid a requested tranche.',
  versions: [
    { version: 1, schema: z.object({ tranche: z.number().int().positive() }) },
    {
      version: 2,
      schema: z.object({ tranche: z.number().int().positive(), currency: z.literal('EUR') }),
      upcastFrom: (previous) => ({ ...(previous as { tranche: number }), currency: 'EUR' }),
    },
  ],
  example: { tranche: 1, currency: 'EUR' },
});

export type TrancheEvent =
  | { type: 'TrancheRequested'; data: DataOf<typeof TrancheRequested> }
  | { type: 'TranchePaid'; data: DataOf<typeof TranchePaid> };

export type TrancheCommand =
  | { type: 'RequestTranche'; tranche: number; amountCents: number }
  | { type: 'PayTranche'; tranche: number };

export interface TrancheState {
  requested: Map<number, number>;
  paid: Set<number>;
}

export const trancheDecider: Decider<TrancheCommand, TrancheEvent, TrancheState> = {
  initialState: () => ({ requested: new Map(), paid: new Set() }),
  evolve: (state, domainEvent) => {
    switch (domainEvent.type) {
      case 'TrancheRequested':
        return { ...state, requested: new Map(state.requested).set(domainEvent.data.tranche, domainEvent.data.amountCents) };
      case 'TranchePaid':
        return { ...state, paid: new Set(state.paid).add(domainEvent.data.tranche) };
      default: {
        const unexpected: never = domainEvent;
        return unexpected;
      }
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'RequestTranche':
        if (state.requested.has(command.tranche)) {
          return new DomainRuleViolation('tranche-already-requested', `Tranche ${command.tranche} was already requested`, 409);
        }
        return [event(TrancheRequested, { tranche: command.tranche, amountCents: command.amountCents })];
      case 'PayTranche':
        if (!state.requested.has(command.tranche)) {
          return new DomainRuleViolation('tranche-not-requested', `Tranche ${command.tranche} was never requested`, 422);
        }
        if (state.paid.has(command.tranche)) {
          return new DomainRuleViolation('tranche-paid-once', `Tranche ${command.tranche} is already paid`, 409);
        }
        return [event(TranchePaid, { tranche: command.tranche, currency: 'EUR' })];
      default: {
        const unexpected: never = command;
        return unexpected;
      }
    }
  },
};
