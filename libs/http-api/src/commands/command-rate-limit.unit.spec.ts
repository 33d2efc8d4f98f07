import { CommandRateLimiter } from './command-rate-limit';

/** A limiter on a clock the spec moves by hand. */
function limiterAt(options: { perMinute: number; burst: number }) {
  let now = 1_000_000;
  const limiter = new CommandRateLimiter(options, () => now);
  return { limiter, wait: (milliseconds: number) => (now += milliseconds) };
}

describe('the command budget of a caller', () => {
  it('lets a burst through, then refuses with the seconds until the next command', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 3 });
    expect([1, 2, 3, 4].map(() => limiter.take('officer-ML'))).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 1 }]);
  });

  it('refills at the sustained rate: one command a second at 60 a minute, never more than the burst', () => {
    const { limiter, wait } = limiterAt({ perMinute: 60, burst: 2 });
    limiter.take('partner-IOM');
    limiter.take('partner-IOM');
    expect(limiter.take('partner-IOM').allowed).toBe(false);
    wait(1_000);
    expect([limiter.take('partner-IOM').allowed, limiter.take('partner-IOM').allowed]).toEqual([true, false]);
    wait(3_600_000);
    expect([1, 2, 3].map(() => limiter.take('partner-IOM').allowed)).toEqual([true, true, false]);
  });

  it('says how long to wait at a slow rate, in whole seconds', () => {
    const { limiter } = limiterAt({ perMinute: 6, burst: 1 });
    limiter.take('hq-finance');
    expect(limiter.take('hq-finance')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('counts each caller apart: one caller over its budget does not stop another', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 1 });
    expect([limiter.take('partner-IOM'), limiter.take('partner-IOM'), limiter.take('partner-GIZ')].map((verdict) => verdict.allowed)).toEqual([true, false, true]);
  });

  it('takes everything when turned off (0 a minute)', () => {
    const { limiter } = limiterAt({ perMinute: 0, burst: 1 });
    expect(Array.from({ length: 1_000 }, () => limiter.take('bench').allowed).every(Boolean)).toBe(true);
  });

  it('forgets callers whose budget is whole again once many are known, and still counts the ones spending', () => {
    const { limiter, wait } = limiterAt({ perMinute: 60, burst: 1 });
    for (let caller = 0; caller < 10_000; caller += 1) limiter.take(`caller-${caller}`);
    limiter.take('busy');
    wait(2_000);
    limiter.take('newcomer');
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThan(100);
    expect(limiter.take('newcomer').allowed).toBe(false);
  });
});
