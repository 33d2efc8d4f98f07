import type { ExpectedVersion } from './event-store';

/** The stream moved on since it was read: someone else appended first. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: bigint | null,
  ) {
    super(
      `Version conflict on stream ${streamId}: expected ${describeExpected(expected)}, ` +
        `but the stream is ${actual === null ? 'absent' : `at version ${actual}`}`,
    );
    this.name = 'ConcurrencyError';
  }
}

/** The same idempotency key came back with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key "${idempotencyKey}" was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Two requests with the same idempotency key raced; the loser looks the key up again. */
export class IdempotencyKeyRaceError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key "${idempotencyKey}" was recorded by a concurrent request`);
    this.name = 'IdempotencyKeyRaceError';
  }
}

/**
 * A broken business rule, as a value: deciders return it instead of throwing, and the HTTP edge
 * turns it into a 409 or 422 problem that names the rule.
 */
export class DomainRuleViolation {
  readonly kind = 'DomainRuleViolation';
  constructor(
    /** A stable identifier, e.g. "result-period-locked". */
    readonly rule: string,
    readonly message: string,
    /**
     * 409 when the state conflicts with the request, 422 when the request itself breaks a rule,
     * 403 when a scope rule that needs the aggregate's state refuses the actor, 404 when the
     * aggregate is not there for this actor (absent, or out of its scope: the same answer).
     */
    readonly status: RuleStatus = 422,
  ) {}
}

export function isDomainRuleViolation(value: unknown): value is DomainRuleViolation {
  return value instanceof DomainRuleViolation;
}

function describeExpected(expected: ExpectedVersion): string {
  if (typeof expected === 'bigint') return `version ${expected}`;
  return expected === 'no_stream' ? 'no stream' : expected === 'stream_exists' ? 'an existing stream' : 'any version';
}

/** A context's rules table: each rule's HTTP status and what it says in the domain's words. */
export type RulesTable = Record<string, { status: RuleStatus; says: string }>;

/** The statuses a broken rule is answered with. */
export type RuleStatus = 403 | 404 | 409 | 422;

/**
 * The two ways a context uses its rules table: refusing by a rule's name (a violation carrying the
 * rule's status), and documenting the rules a route may break (`{ rule, status, detail }`).
 */
export function ruleBook<Rules extends RulesTable>(rules: Rules) {
  const entry = (rule: keyof Rules & string) => rules[rule] as Rules[keyof Rules];
  return {
    documentedRules: (...names: Array<keyof Rules & string>) => names.map((rule) => ({ rule, status: entry(rule).status, detail: entry(rule).says })),
    refuse: (rule: keyof Rules & string, message: string) => new DomainRuleViolation(rule, message, entry(rule).status),
  };
}
