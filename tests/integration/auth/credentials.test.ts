import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb, openDatabase, type Executor } from '../../../db/client';
import { auditEvents, loginAttempts, sessions } from '../../../db/schema';
import { authenticate, SIGN_IN_FAILED_MESSAGE } from '../../../lib/platform/auth/credentials';
import { SESSION_MAX_AGE_SECONDS } from '../../../lib/platform/auth/sessions';
import { checkSignInThrottle, recordSignInAttempt } from '../../../lib/platform/auth/throttle';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from '../../../lib/platform/auth/throttle-policy';
import { makePatient, makeUser, secondInstanceTarget, TEST_PASSWORD } from '../fixtures';

// authenticate() takes the clock as a parameter, and every attempt is stored with that time, so the
// throttle windows are driven here by passing times rather than by waiting. Each test uses its own
// accounts and its own client address, so tests sharing this file's database do not throttle each other.

const T0 = new Date('2031-03-04T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const WRONG = 'not the right password';

let addressCounter = 0;
/** A client address of its own for each test (TEST-NET-2). */
const freshAddress = () => `198.51.100.${++addressCounter}`;
let emailCounter = 0;
const unknownEmail = () => `nobody.${++emailCounter}.${Date.now().toString(36)}@axis.test`;

function signIn(email: string, password: string, address: string | null, now: Date, executor: Executor = getDb()) {
  return authenticate(executor, { email, password }, { address, userAgent: 'vitest' }, now);
}

async function attemptsFor(email: string) {
  return getDb().select().from(loginAttempts).where(eq(loginAttempts.email, email)).orderBy(loginAttempts.id);
}

async function signInAudits(userId: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, 'auth.sign_in')))
    .orderBy(auditEvents.id);
}

const throttled = expect.objectContaining({ ok: false, reason: 'throttled' });

describe('authenticate: outcomes', () => {
  it('signs in with the right password, creating a session, a login attempt and an audit event', async () => {
    const user = await makeUser('clinician', { specialty: 'nutrition' });
    const address = freshAddress();
    const result = await authenticate(getDb(), { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD }, { address, userAgent: 'Firefox/140' }, T0);

    expect(result).toEqual({ ok: true, user: { id: user.id, name: user.name, email: user.email, role: 'clinician' }, sessionId: expect.any(String) });
    if (!result.ok) throw new Error('unreachable');

    const [session] = await getDb().select().from(sessions).where(eq(sessions.id, result.sessionId));
    expect(session).toMatchObject({ userId: user.id, requestAddress: address, userAgent: 'Firefox/140', revokedAt: null });
    expect(session?.createdAt.getTime()).toBe(T0.getTime());
    expect(session?.expiresAt.getTime()).toBe(T0.getTime() + SESSION_MAX_AGE_SECONDS * 1000);

    // The attempt is stored under the normalised email, at the caller's clock.
    const attempts = await attemptsFor(user.email);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ email: user.email, requestAddress: address, succeeded: true });
    expect(attempts[0]?.attemptedAt.getTime()).toBe(T0.getTime());

    const audits = await signInAudits(user.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ outcome: 'allowed', actorRole: 'clinician', entityType: 'session', entityId: result.sessionId, requestAddress: address });
  });

  it('gives the same answer for a wrong password, an unknown email and a deactivated account', async () => {
    const active = await makeUser('clinician');
    const deactivated = await makeUser('clinician', { active: false });
    const nobody = unknownEmail();
    const address = freshAddress();

    const wrongPassword = await signIn(active.email, WRONG, address, at(0));
    const unknownUser = await signIn(nobody, TEST_PASSWORD, address, at(1));
    const inactive = await signIn(deactivated.email, TEST_PASSWORD, address, at(2));

    const failure = { ok: false, reason: 'invalid', message: SIGN_IN_FAILED_MESSAGE };
    expect(wrongPassword).toEqual(failure);
    expect(unknownUser).toEqual(failure);
    expect(inactive).toEqual(failure);

    // Every attempt is a failed login attempt, whether or not the account exists.
    for (const email of [active.email, nobody, deactivated.email]) {
      const attempts = await attemptsFor(email);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ succeeded: false, requestAddress: address });
    }

    // Known accounts also get a denied audit event saying why (for administrators, never the form).
    expect(await signInAudits(active.id)).toEqual([
      expect.objectContaining({ outcome: 'denied', entityType: 'user', entityId: active.id, requestAddress: address, detail: { reason: 'wrong-password' } }),
    ]);
    expect(await signInAudits(deactivated.id)).toEqual([
      expect.objectContaining({ outcome: 'denied', entityType: 'user', entityId: deactivated.id, requestAddress: address, detail: { reason: 'inactive-account' } }),
    ]);

    // No session for anyone.
    for (const user of [active, deactivated]) {
      expect(await getDb().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    }
  });

  it('answers malformed input with the same message and records nothing', async () => {
    const address = freshAddress();
    const email = unknownEmail();
    for (const input of [{ email }, { email, password: '' }, { email: 'x', password: TEST_PASSWORD }, 'not an object', null]) {
      expect(await authenticate(getDb(), input, { address, userAgent: null }, T0)).toEqual({ ok: false, reason: 'invalid', message: SIGN_IN_FAILED_MESSAGE });
    }
    expect(await getDb().select().from(loginAttempts).where(eq(loginAttempts.requestAddress, address))).toHaveLength(0);
  });

  it("records an attempt without a client address under 'unknown'", async () => {
    const user = await makeUser('admin');
    const result = await signIn(user.email, TEST_PASSWORD, null, T0);
    expect(result.ok).toBe(true);
    expect(await attemptsFor(user.email)).toEqual([expect.objectContaining({ requestAddress: 'unknown', succeeded: true })]);
    // The audit trail keeps the address as it was: none.
    expect((await signInAudits(user.id))[0]?.requestAddress).toBeNull();
  });
});

describe('authenticate: per-account throttling', () => {
  it(`allows ${ACCOUNT_POLICY.freeFailures} free failures, then refuses even the right password until the delay passes`, async () => {
    expect(ACCOUNT_POLICY).toMatchObject({ freeFailures: 5, baseDelaySeconds: 30 });
    const user = await makeUser('clinician');
    const address = freshAddress();

    // Five failures one second apart (typed in varying case: they all count against one account).
    for (let i = 0; i < 5; i++) {
      const email = i % 2 ? user.email.toUpperCase() : user.email;
      expect(await signIn(email, WRONG, address, at(i))).toMatchObject({ ok: false, reason: 'invalid' });
    }

    // Last failure at +4 s, so the account is locked until +34 s. The right password does not help.
    const refused = await signIn(user.email, TEST_PASSWORD, address, at(10));
    expect(refused).toEqual({ ok: false, reason: 'throttled', message: expect.stringContaining('wait 24 seconds') });
    expect(await signIn(user.email, TEST_PASSWORD, address, at(33))).toMatchObject({ ok: false, reason: 'throttled', message: expect.stringContaining('wait 1 second ') });

    // A refused attempt is not recorded (it cannot extend its own lock) and opens no session.
    expect(await attemptsFor(user.email)).toHaveLength(5);
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);

    // Once the delay has passed, the right password works.
    const ok = await signIn(user.email, TEST_PASSWORD, address, at(34));
    expect(ok.ok).toBe(true);
  });

  it('holds under parallel guessing: no more than the free failures get a password check', async () => {
    const user = await makeUser('clinician');
    const address = freshAddress();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => signIn(user.email, WRONG, address, at(0))));
    const invalid = outcomes.filter((o) => !o.ok && o.reason === 'invalid').length;
    expect(invalid).toBe(ACCOUNT_POLICY.freeFailures);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'throttled')).toHaveLength(12 - ACCOUNT_POLICY.freeFailures);
    expect(await attemptsFor(user.email)).toHaveLength(ACCOUNT_POLICY.freeFailures);
  });

  it('doubles the delay with each further failure', async () => {
    const user = await makeUser('clinician');
    const address = freshAddress();
    // Earlier failures are stored through the throttle's own writer, as authenticate() stores them
    // (the test above drives them through authenticate(); argon2 is slow on purpose).
    for (let i = 0; i < 5; i++) await recordSignInAttempt(getDb(), user.email, address, false, at(i));
    // Sixth failure, made once the 30 s delay has passed: the next delay is 60 s.
    expect(await signIn(user.email, WRONG, address, at(34))).toMatchObject({ reason: 'invalid' });
    expect(await signIn(user.email, TEST_PASSWORD, address, at(34 + 59))).toMatchObject({ reason: 'throttled', message: expect.stringContaining('wait 1 second ') });
    expect(await signIn(user.email, TEST_PASSWORD, address, at(40))).toMatchObject({ reason: 'throttled', message: expect.stringContaining('wait 54 seconds') });
    expect((await signIn(user.email, TEST_PASSWORD, address, at(34 + 60))).ok).toBe(true);
  });

  it('forgets failures older than the window', async () => {
    const user = await makeUser('clinician');
    const address = freshAddress();
    // Five earlier failures, stored through the throttle's own writer (as authenticate() does).
    for (let i = 0; i < 5; i++) await recordSignInAttempt(getDb(), user.email, address, false, at(i));
    const windowEnd = ACCOUNT_POLICY.windowSeconds + 4;

    // Inside the window a sixth failure would mean a 60 s lock; after it, only this failure counts.
    expect(await signIn(user.email, WRONG, address, at(windowEnd + 1))).toMatchObject({ reason: 'invalid' });
    expect((await signIn(user.email, TEST_PASSWORD, address, at(windowEnd + 2))).ok).toBe(true);
  });

  it('starts counting again after a successful sign-in', async () => {
    const user = await makeUser('patient', { patientId: (await makePatient()).id });
    const address = freshAddress();
    for (let i = 0; i < 4; i++) await recordSignInAttempt(getDb(), user.email, address, false, at(i));
    expect((await signIn(user.email, TEST_PASSWORD, address, at(5))).ok).toBe(true);
    // Four more failures (the last through authenticate()): eight inside the window, but only four
    // since the success, so no lock.
    for (let i = 0; i < 3; i++) await recordSignInAttempt(getDb(), user.email, address, false, at(10 + i));
    expect(await signIn(user.email, WRONG, address, at(13))).toMatchObject({ reason: 'invalid' });
    expect((await signIn(user.email, TEST_PASSWORD, address, at(14))).ok).toBe(true);

    // The fifth failure since the last success locks the account again.
    for (let i = 0; i < 5; i++) await recordSignInAttempt(getDb(), user.email, address, false, at(20 + i));
    expect(await signIn(user.email, TEST_PASSWORD, address, at(25))).toEqual(throttled);
  });

  it('locks the account, not the address: the same person elsewhere is refused, others here are not', async () => {
    const victim = await makeUser('clinician');
    const colleague = await makeUser('clinician');
    const attacker = freshAddress();
    for (let i = 0; i < 5; i++) await recordSignInAttempt(getDb(), victim.email, attacker, false, at(i));

    expect(await signIn(victim.email, TEST_PASSWORD, freshAddress(), at(10))).toEqual(throttled);
    expect((await signIn(colleague.email, TEST_PASSWORD, attacker, at(10))).ok).toBe(true);
  });
});

describe('authenticate: per-address throttling', () => {
  it(`refuses an address after ${ADDRESS_POLICY.freeFailures} failures across different accounts`, async () => {
    expect(ADDRESS_POLICY.freeFailures).toBe(20);
    const user = await makeUser('clinician');
    const address = freshAddress();
    // 18 failures, each for a different email (no account gets near its own limit), then two more
    // through authenticate(): an unknown account and a real one with a wrong password.
    for (let i = 0; i < 18; i++) await recordSignInAttempt(getDb(), unknownEmail(), address, false, at(i));
    expect(await signIn(unknownEmail(), WRONG, address, at(18))).toMatchObject({ reason: 'invalid' });
    const bystander = await makeUser('clinician');
    expect(await signIn(bystander.email, WRONG, address, at(19))).toMatchObject({ reason: 'invalid' });

    // 20 failures from the address: anyone signing in from it now waits, even with the right password
    // for an account that never failed.
    expect(await signIn(user.email, TEST_PASSWORD, address, at(20))).toEqual({ ok: false, reason: 'throttled', message: expect.stringContaining('wait 29 seconds') });
    expect(await attemptsFor(user.email)).toHaveLength(0);

    // The same account from another address is fine.
    expect((await signIn(user.email, TEST_PASSWORD, freshAddress(), at(21))).ok).toBe(true);
    // From the throttled address once the delay has passed.
    expect((await signIn(user.email, TEST_PASSWORD, address, at(19 + 30))).ok).toBe(true);
  });

  it('does not reset the address count on a success (a shared address stays throttled)', async () => {
    const user = await makeUser('clinician');
    const address = freshAddress();
    for (let i = 0; i < 19; i++) await recordSignInAttempt(getDb(), unknownEmail(), address, false, at(i));
    expect((await signIn(user.email, TEST_PASSWORD, address, at(19))).ok).toBe(true);
    await recordSignInAttempt(getDb(), unknownEmail(), address, false, at(20));
    expect(await checkSignInThrottle(getDb(), user.email, address, at(21))).toEqual({ allowed: false, retryAfterSeconds: 29 });
  });
});

describe('throttle state lives in the database', () => {
  it('is seen by a fresh module instance and by a second database connection', async () => {
    const user = await makeUser('clinician');
    const address = freshAddress();
    for (let i = 0; i < 5; i++) expect(await signIn(user.email, WRONG, address, at(i))).toMatchObject({ reason: 'invalid' });

    // A fresh copy of the modules (as another app instance would have) agrees: no state in memory.
    vi.resetModules();
    const fresh = await import('../../../lib/platform/auth/credentials');
    const freshThrottle = await import('../../../lib/platform/auth/throttle');
    expect(await fresh.authenticate(getDb(), { email: user.email, password: TEST_PASSWORD }, { address, userAgent: null }, at(6))).toEqual(throttled);
    expect(await freshThrottle.checkSignInThrottle(getDb(), user.email, address, at(6))).toEqual({ allowed: false, retryAfterSeconds: 28 });

    // On PostgreSQL, a second connection pool on the same database agrees too.
    const target = secondInstanceTarget();
    if (target) {
      const other = openDatabase(target, { maxConnections: 2 });
      try {
        expect(await signIn(user.email, TEST_PASSWORD, freshAddress(), at(7), other.db)).toEqual(throttled);
        expect((await signIn(user.email, TEST_PASSWORD, freshAddress(), at(34), other.db)).ok).toBe(true);
      } finally {
        await other.close();
      }
      // …and its success resets the account for this instance as well.
      expect(await checkSignInThrottle(getDb(), user.email, freshAddress(), at(35))).toEqual({ allowed: true });
    }
  });
});
