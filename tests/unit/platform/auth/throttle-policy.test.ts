import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  combineVerdicts,
  describeWait,
  judgeAttempt,
  requiredDelaySeconds,
  type ThrottlePolicy,
  type ThrottleVerdict,
} from '@/lib/platform/auth/throttle-policy';

const T0 = new Date('2025-03-10T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const policyArb = fc.constantFrom(ACCOUNT_POLICY, ADDRESS_POLICY);

describe('policies', () => {
  it('per account: 5 free failures in a 15-minute window, 30 s base delay, capped at 15 min', () => {
    expect(ACCOUNT_POLICY).toEqual({ windowSeconds: 900, freeFailures: 5, baseDelaySeconds: 30, maxDelaySeconds: 900 });
  });

  it('per address: looser, 20 free failures, same window, delay and cap', () => {
    expect(ADDRESS_POLICY).toEqual({ windowSeconds: 900, freeFailures: 20, baseDelaySeconds: 30, maxDelaySeconds: 900 });
  });

  it('no delay ever outlasts the window', () => {
    for (const p of [ACCOUNT_POLICY, ADDRESS_POLICY]) expect(p.maxDelaySeconds).toBeLessThanOrEqual(p.windowSeconds);
  });
});

describe('requiredDelaySeconds', () => {
  it.each([0, 1, 2, 3, 4])('account: %i failures cost nothing', (n) => {
    expect(requiredDelaySeconds(n, ACCOUNT_POLICY)).toBe(0);
  });

  it('account: the delay starts once the 5th failure is on record and doubles, capped at 900 s', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((n) => requiredDelaySeconds(n, ACCOUNT_POLICY))).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('address: 19 failures are free, the 20th starts the delay', () => {
    expect(requiredDelaySeconds(19, ADDRESS_POLICY)).toBe(0);
    expect([20, 21, 22, 25, 26, 1000].map((n) => requiredDelaySeconds(n, ADDRESS_POLICY))).toEqual([30, 60, 120, 900, 900, 900]);
  });

  it('a huge failure count stays finite and capped (no overflow to Infinity)', () => {
    expect(requiredDelaySeconds(Number.MAX_SAFE_INTEGER, ACCOUNT_POLICY)).toBe(900);
    const uncapped: ThrottlePolicy = { windowSeconds: 60, freeFailures: 0, baseDelaySeconds: 1, maxDelaySeconds: Number.POSITIVE_INFINITY };
    expect(requiredDelaySeconds(1e9, uncapped)).toBe(2 ** 30);
  });

  it('follows the policy passed in, not a hard-coded one', () => {
    const custom: ThrottlePolicy = { windowSeconds: 60, freeFailures: 2, baseDelaySeconds: 5, maxDelaySeconds: 18 };
    expect([0, 1, 2, 3, 4, 5].map((n) => requiredDelaySeconds(n, custom))).toEqual([0, 0, 5, 10, 18, 18]);
  });

  it('property: monotone non-decreasing in failures, between 0 and the cap', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(200), fc.nat(200), (policy, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const dLo = requiredDelaySeconds(lo, policy);
        const dHi = requiredDelaySeconds(hi, policy);
        expect(dLo).toBeLessThanOrEqual(dHi);
        expect(dHi).toBeGreaterThanOrEqual(0);
        expect(dHi).toBeLessThanOrEqual(policy.maxDelaySeconds);
        expect(dLo === 0).toBe(lo < policy.freeFailures);
      }),
    );
  });

  it('property: below the cap, one more failure exactly doubles the delay', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(40), (policy, extra) => {
        const n = policy.freeFailures + extra;
        const d = requiredDelaySeconds(n, policy);
        const next = requiredDelaySeconds(n + 1, policy);
        expect(next).toBe(Math.min(d * 2, policy.maxDelaySeconds));
      }),
    );
  });
});

describe('judgeAttempt', () => {
  it('5th attempt after 4 failures goes straight through', () => {
    expect(judgeAttempt({ failures: 4, lastFailureAt: T0 }, ACCOUNT_POLICY, T0)).toEqual({ allowed: true });
  });

  it('6th attempt right after the 5th failure must wait 30 s', () => {
    expect(judgeAttempt({ failures: 5, lastFailureAt: T0 }, ACCOUNT_POLICY, T0)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('counts the wait from the last failure and rounds partial seconds up', () => {
    expect(judgeAttempt({ failures: 5, lastFailureAt: T0 }, ACCOUNT_POLICY, at(10_000))).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(judgeAttempt({ failures: 5, lastFailureAt: T0 }, ACCOUNT_POLICY, at(10_001))).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(judgeAttempt({ failures: 5, lastFailureAt: T0 }, ACCOUNT_POLICY, at(29_999))).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('allows the attempt the moment the delay has passed', () => {
    expect(judgeAttempt({ failures: 5, lastFailureAt: T0 }, ACCOUNT_POLICY, at(30_000))).toEqual({ allowed: true });
    expect(judgeAttempt({ failures: 6, lastFailureAt: T0 }, ACCOUNT_POLICY, at(59_999))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(judgeAttempt({ failures: 6, lastFailureAt: T0 }, ACCOUNT_POLICY, at(60_000))).toEqual({ allowed: true });
  });

  it('a long-locked account waits at most 15 minutes, then the window has passed too', () => {
    expect(judgeAttempt({ failures: 40, lastFailureAt: T0 }, ACCOUNT_POLICY, T0)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(judgeAttempt({ failures: 40, lastFailureAt: T0 }, ACCOUNT_POLICY, at(ACCOUNT_POLICY.windowSeconds * 1000))).toEqual({ allowed: true });
  });

  it('window reset: once failures have aged out of the window (history empty), nothing is delayed', () => {
    expect(judgeAttempt({ failures: 0, lastFailureAt: null }, ACCOUNT_POLICY, T0)).toEqual({ allowed: true });
    expect(judgeAttempt({ failures: 0, lastFailureAt: T0 }, ACCOUNT_POLICY, T0)).toEqual({ allowed: true });
  });

  it('no recorded failure time means nothing to wait from', () => {
    expect(judgeAttempt({ failures: 12, lastFailureAt: null }, ACCOUNT_POLICY, T0)).toEqual({ allowed: true });
  });

  it('address policy: 20 failures from one address delays the next attempt, 19 do not', () => {
    expect(judgeAttempt({ failures: 19, lastFailureAt: T0 }, ADDRESS_POLICY, T0)).toEqual({ allowed: true });
    expect(judgeAttempt({ failures: 20, lastFailureAt: T0 }, ADDRESS_POLICY, at(1_000))).toEqual({ allowed: false, retryAfterSeconds: 29 });
  });

  it('property: never asks for more than the required delay once time has moved past the last failure', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(100), fc.nat(2_000_000), (policy, failures, elapsedMs) => {
        const verdict = judgeAttempt({ failures, lastFailureAt: T0 }, policy, at(elapsedMs));
        const delay = requiredDelaySeconds(failures, policy);
        if (elapsedMs >= delay * 1000) expect(verdict).toEqual({ allowed: true });
        else expect(verdict).toEqual({ allowed: false, retryAfterSeconds: Math.ceil((delay * 1000 - elapsedMs) / 1000) });
        if (!verdict.allowed) {
          expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(delay);
        }
      }),
    );
  });

  it('property: waiting longer never makes the verdict stricter', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(100), fc.nat(1_000_000), fc.nat(1_000_000), (policy, failures, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const wait = (v: ThrottleVerdict) => (v.allowed ? 0 : v.retryAfterSeconds);
        const history = { failures, lastFailureAt: T0 };
        expect(wait(judgeAttempt(history, policy, at(late)))).toBeLessThanOrEqual(wait(judgeAttempt(history, policy, at(early))));
      }),
    );
  });

  it('property: more failures never make the verdict more lenient', () => {
    fc.assert(
      fc.property(policyArb, fc.nat(100), fc.nat(100), fc.nat(1_000_000), (policy, a, b, elapsed) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        const wait = (v: ThrottleVerdict) => (v.allowed ? 0 : v.retryAfterSeconds);
        expect(wait(judgeAttempt({ failures: more, lastFailureAt: T0 }, policy, at(elapsed)))).toBeGreaterThanOrEqual(
          wait(judgeAttempt({ failures: fewer, lastFailureAt: T0 }, policy, at(elapsed))),
        );
      }),
    );
  });
});

describe('combineVerdicts', () => {
  const ok: ThrottleVerdict = { allowed: true };
  it('both allowed is allowed', () => {
    expect(combineVerdicts(ok, ok)).toEqual({ allowed: true });
  });
  it('either refusal refuses', () => {
    expect(combineVerdicts({ allowed: false, retryAfterSeconds: 7 }, ok)).toEqual({ allowed: false, retryAfterSeconds: 7 });
    expect(combineVerdicts(ok, { allowed: false, retryAfterSeconds: 9 })).toEqual({ allowed: false, retryAfterSeconds: 9 });
  });
  it('two refusals wait for the longer one', () => {
    expect(combineVerdicts({ allowed: false, retryAfterSeconds: 7 }, { allowed: false, retryAfterSeconds: 300 })).toEqual({ allowed: false, retryAfterSeconds: 300 });
    expect(combineVerdicts({ allowed: false, retryAfterSeconds: 300 }, { allowed: false, retryAfterSeconds: 7 })).toEqual({ allowed: false, retryAfterSeconds: 300 });
  });
  it('property: commutative', () => {
    const verdictArb: fc.Arbitrary<ThrottleVerdict> = fc.oneof(
      fc.constant<ThrottleVerdict>({ allowed: true }),
      fc.integer({ min: 1, max: 900 }).map((s): ThrottleVerdict => ({ allowed: false, retryAfterSeconds: s })),
    );
    fc.assert(fc.property(verdictArb, verdictArb, (a, b) => {
        expect(combineVerdicts(a, b)).toEqual(combineVerdicts(b, a));
      }),
    );
  });
});

describe('describeWait', () => {
  it.each([
    [1, '1 second'],
    [2, '2 seconds'],
    [30, '30 seconds'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [120, '2 minutes'],
    [121, '3 minutes'],
    [900, '15 minutes'],
  ])('%i s → %s', (seconds, text) => {
    expect(describeWait(seconds)).toBe(text);
  });

  it('property: a stated wait in minutes never understates the real wait', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 100_000 }), (s) => {
        const minutes = Number(describeWait(s).split(' ')[0]);
        expect(minutes * 60).toBeGreaterThanOrEqual(s);
        expect(minutes * 60 - s).toBeLessThan(60);
      }),
    );
  });
});
