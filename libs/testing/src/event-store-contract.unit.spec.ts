import type { EventStore } from '@eutf/event-sourcing';
import { describeEventStoreContract, type EventStoreContractSubject } from './event-store-contract';

interface RegisteredCheck {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * The checks the contract suite registers for a subject, captured instead of run: jest's own
 * `describe`, `it` and `afterAll` are stood in for while the suite is declared, then put back.
 */
function checksRegisteredFor(subject: EventStoreContractSubject): RegisteredCheck[] {
  const registered: RegisteredCheck[] = [];
  const jestGlobals = { describe: globalThis.describe, it: globalThis.it, afterAll: globalThis.afterAll };
  Object.assign(globalThis, {
    describe: (_name: string, body: () => void) => body(),
    it: (name: string, run: () => Promise<unknown>) => registered.push({ name, run }),
    afterAll: () => undefined,
  });
  try {
    describeEventStoreContract('an adapter', subject);
  } finally {
    Object.assign(globalThis, jestGlobals);
  }
  return registered;
}

const lateCommitChecks = [
  'never lets a reader pass an event whose transaction commits late',
  'hands every event to a catch-up reader exactly once, in order, while 8 appenders race with delayed commits',
];

describe('the event store contract suite', () => {
  const subject = (canDelayCommits: boolean): EventStoreContractSubject => ({
    canDelayCommits,
    create: () => Promise.reject(new Error('no store in this spec')) as Promise<EventStore>,
  });

  it('registers the late-commit checks for every adapter, whether or not it can delay commits', () => {
    for (const canDelayCommits of [true, false]) {
      expect(checksRegisteredFor(subject(canDelayCommits)).map((check) => check.name)).toEqual(expect.arrayContaining(lateCommitChecks));
    }
  });

  it('fails the late-commit checks of an adapter that cannot delay commits, saying they are not checked', async () => {
    const checks = checksRegisteredFor(subject(false)).filter((check) => lateCommitChecks.includes(check.name));
    expect(checks).toHaveLength(lateCommitChecks.length);
    for (const check of checks) {
      await expect(check.run()).rejects.toThrow(/an adapter cannot hold a commit open, so ".+" is not checked/);
    }
  });
});
