import { deciderSpecification } from './decider-specification';
import { trancheDecider } from './test-support/tranche.decider';

const spec = deciderSpecification(trancheDecider);
const requested = { type: 'TrancheRequested', data: { tranche: 1, amountCents: 150_000_00 } } as const;

describe('deciders, given/when/then', () => {
  it('requests a tranche', () => {
    spec.given([]).when({ type: 'RequestTranche', tranche: 1, amountCents: 150_000_00 }).then([requested]);
  });

  it('pays a requested tranche', () => {
    spec.given([requested]).when({ type: 'PayTranche', tranche: 1 }).then([{ type: 'TranchePaid', data: { tranche: 1, currency: 'EUR' } }]);
  });

  it('refuses to pay a tranche twice, naming the rule', () => {
    const paid = { type: 'TranchePaid', data: { tranche: 1, currency: 'EUR' } } as const;
    const violation = spec.given([requested, paid]).when({ type: 'PayTranche', tranche: 1 }).thenRefuses('tranche-paid-once', 409);
    expect(violation.message).toBe('Tranche 1 is already paid');
  });

  it('refuses to pay a tranche nobody requested', () => {
    spec.given([]).when({ type: 'PayTranche', tranche: 2 }).thenRefuses('tranche-not-requested', 422);
  });

  it('fails a spec whose expectation is wrong (the helper bites)', () => {
    expect(() => spec.given([]).when({ type: 'PayTranche', tranche: 2 }).then([])).toThrow(/refused: tranche-not-requested/);
    expect(() => spec.given([requested]).when({ type: 'PayTranche', tranche: 1 }).thenRefuses('tranche-paid-once')).toThrow(
      /expected rule tranche-paid-once/,
    );
    expect(() =>
      spec.given([]).when({ type: 'RequestTranche', tranche: 1, amountCents: 1 }).then([requested]),
    ).toThrow();
  });
});
