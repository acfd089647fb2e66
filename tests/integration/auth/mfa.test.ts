import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';

// TOTP secrets are encrypted with a key derived from NEXTAUTH_SECRET; set before any module reads it.
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-of-at-least-32-characters';
});

import { getDb } from '../../../db/client';
import { auditEvents, loginAttempts, mfaRecoveryCodes, sessions, userMfa, users } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { authenticate, MFA_CODE_REQUIRED, MFA_CODE_REPLAYED_MESSAGE, SIGN_IN_FAILED_MESSAGE } from '../../../lib/platform/auth/credentials';
import { beginMfaEnrolment, confirmMfaEnrolment, getMfaOverview, MFA_WRONG_CODE_MESSAGE, regenerateRecoveryCodes } from '../../../lib/platform/auth/mfa';
import { createSession, inspectSession, resolveSession } from '../../../lib/platform/auth/sessions';
import { totpCodeAt, totpStep } from '../../../lib/platform/auth/totp';
import { ForbiddenError } from '../../../lib/platform/errors';
import { resetUserMfa, setClinicMfaPolicy, setUserMfaRequired } from '../../../lib/users/mfa';
import { actorOf, makePatient, makeUser, TEST_PASSWORD } from '../fixtures';

// Times are passed in, so TOTP steps are chosen exactly: T is the start of a 30-second step.
const T = new Date(Math.floor(Date.UTC(2031, 8, 1, 9, 0, 0) / 30_000) * 30_000);
const step = (n: number) => new Date(T.getTime() + n * 30_000);
const context = { address: '192.0.2.40', userAgent: 'vitest' };

let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}`;

async function signedIn(user: Awaited<ReturnType<typeof makeUser>>, when = T): Promise<Actor> {
  return { ...actorOf(user), sessionId: await createSession(getDb(), user.id, context, when) };
}

/** Enrols the user through the real functions; returns the secret, the recovery codes and the actor. */
async function enrol(role: 'clinician' | 'admin' | 'patient' = 'clinician') {
  const user = role === 'patient' ? await makeUser('patient', { patientId: (await makePatient()).id }) : await makeUser(role);
  const actor = await signedIn(user);
  expect(await beginMfaEnrolment(actor, T)).toEqual({ ok: true });
  const pending = (await getMfaOverview(actor)).pending;
  if (!pending) throw new Error('no pending enrolment');
  const confirmed = await confirmMfaEnrolment(actor, { code: totpCodeAt(pending.secret, T) }, T);
  if (!confirmed.ok) throw new Error(confirmed.error);
  return { user, actor, secret: pending.secret, recoveryCodes: confirmed.data.recoveryCodes };
}

function signIn(email: string, code: string | undefined, now: Date, address = freshAddress(), password = TEST_PASSWORD) {
  return authenticate(getDb(), { email, password, code }, { address, userAgent: 'vitest' }, now);
}

async function audits(userId: string, action: string) {
  return getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action))).orderBy(auditEvents.id);
}

describe('enrolment', () => {
  it('shows a secret to scan, stores it only encrypted, and turns on with a current code', async () => {
    const user = await makeUser('clinician');
    const actor = await signedIn(user);
    const otherSession = await createSession(getDb(), user.id, context, T);
    expect(await getMfaOverview(actor)).toMatchObject({ enrolled: false, required: false, pending: null });

    expect(await beginMfaEnrolment(actor, T)).toEqual({ ok: true });
    const overview = await getMfaOverview(actor);
    const secret = overview.pending?.secret ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(overview.pending?.uri).toContain(`secret=${secret}`);
    const [stored] = await getDb().select().from(userMfa).where(eq(userMfa.userId, user.id));
    expect(stored?.pendingSecretCiphertext).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(secret);
    // Not on until confirmed: sign-in still needs only the password.
    expect((await signIn(user.email, undefined, T)).ok).toBe(true);

    // A wrong code is refused with a message, audited, and changes nothing.
    const wrong = await confirmMfaEnrolment(actor, { code: totpCodeAt(secret, step(5)) }, T);
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining('did not match')] } });
    expect(await audits(user.id, 'auth.mfa_enrol')).toEqual([expect.objectContaining({ outcome: 'denied', detail: { reason: 'wrong' } })]);
    expect((await getMfaOverview(actor)).enrolled).toBe(false);

    const confirmed = await confirmMfaEnrolment(actor, { code: totpCodeAt(secret, T) }, T);
    if (!confirmed.ok) throw new Error(confirmed.error);
    expect(confirmed.data.recoveryCodes).toHaveLength(10);
    const after = await getMfaOverview(actor);
    expect(after).toMatchObject({ enrolled: true, pending: null, recoveryCodesLeft: 10, enabledAt: T.toISOString() });

    // Recovery codes are stored as hashes only.
    const rows = await getDb().select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
    expect(rows).toHaveLength(10);
    for (const code of confirmed.data.recoveryCodes) expect(JSON.stringify(rows)).not.toContain(code);

    // Sessions begun without the second factor end, except the one that enrolled.
    expect(await resolveSession(getDb(), otherSession, null, T)).toBeNull();
    expect(await resolveSession(getDb(), actor.sessionId, null, T)).not.toBeNull();
    expect((await audits(user.id, 'auth.mfa_enrol')).at(-1)).toMatchObject({ outcome: 'allowed' });

    // The code used to confirm cannot then be used to sign in (same step).
    expect(await signIn(user.email, totpCodeAt(secret, T), T)).toEqual({ ok: false, reason: 'invalid-code', message: MFA_CODE_REPLAYED_MESSAGE });
    expect(await beginMfaEnrolment(actor, T)).toMatchObject({ ok: false, error: expect.stringContaining('already set up') });
  });

  it('refuses a deactivated account', async () => {
    const user = await makeUser('clinician');
    const actor = await signedIn(user);
    await getDb().update(users).set({ active: false, deactivatedAt: T }).where(eq(users.id, user.id));
    await expect(beginMfaEnrolment(actor, T)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(confirmMfaEnrolment(actor, { code: '123456' }, T)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getDb().select().from(userMfa).where(eq(userMfa.userId, user.id))).toHaveLength(0);
  });

  it('refuses to confirm without a started enrolment', async () => {
    const actor = await signedIn(await makeUser('clinician'));
    expect(await confirmMfaEnrolment(actor, { code: '123456' }, T)).toMatchObject({ ok: false, error: expect.stringContaining('Start again') });
    expect(await confirmMfaEnrolment(actor, { code: '' }, T)).toMatchObject({ ok: false, fieldErrors: { code: [expect.any(String)] } });
  });
});

describe('signing in with two-step sign-in', () => {
  it('asks for the code after a correct password, opening no session and recording no attempt', async () => {
    const { user } = await enrol();
    const address = freshAddress();
    expect(await signIn(user.email, undefined, step(2), address)).toEqual({ ok: false, reason: 'code-required', message: MFA_CODE_REQUIRED });
    expect(await getDb().select().from(loginAttempts).where(eq(loginAttempts.requestAddress, address))).toHaveLength(0);
    const mine = await getDb().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(mine.filter((s) => s.createdAt.getTime() > T.getTime())).toHaveLength(0);
  });

  it('gives a wrong password the usual answer even with a valid code, and does not use the code up', async () => {
    const { user, secret } = await enrol();
    expect(await signIn(user.email, totpCodeAt(secret, step(2)), step(2), freshAddress(), 'wrong password')).toEqual({ ok: false, reason: 'invalid', message: SIGN_IN_FAILED_MESSAGE });
    expect((await signIn(user.email, totpCodeAt(secret, step(2)), step(2))).ok).toBe(true);
  });

  it('signs in with the current code, refuses its replay, accepts one step of drift and audits each', async () => {
    const { user, secret } = await enrol();
    const ok = await signIn(user.email, totpCodeAt(secret, step(2)), step(2));
    expect(ok).toMatchObject({ ok: true, user: { id: user.id } });
    if (!ok.ok) throw new Error('unreachable');
    expect(await resolveSession(getDb(), ok.sessionId, null, step(2))).toMatchObject({ userId: user.id });

    // The same code again, within its step: refused, however right it is.
    expect(await signIn(user.email, totpCodeAt(secret, step(2)), step(2))).toEqual({ ok: false, reason: 'invalid-code', message: MFA_CODE_REPLAYED_MESSAGE });
    // A phone 30 s slow (code of the step before now) at step 4: accepted.
    expect((await signIn(user.email, totpCodeAt(secret, step(3)), step(4))).ok).toBe(true);
    // Now step 3 is used; the step-3 code is refused even though it is inside the window at step 4.
    expect(await signIn(user.email, totpCodeAt(secret, step(3)), step(4))).toMatchObject({ reason: 'invalid-code' });
    // A phone 30 s fast (code of the next step): accepted.
    expect((await signIn(user.email, totpCodeAt(secret, step(6)), step(5))).ok).toBe(true);
    // Two steps off: refused as wrong.
    expect(await signIn(user.email, totpCodeAt(secret, step(9)), step(7))).toEqual({ ok: false, reason: 'invalid-code', message: MFA_WRONG_CODE_MESSAGE });

    const [row] = await getDb().select().from(userMfa).where(eq(userMfa.userId, user.id));
    expect(row?.lastUsedStep).toBe(totpStep(step(6)));
    const signIns = await audits(user.id, 'auth.sign_in');
    expect(signIns.map((a) => [a.outcome, a.detail])).toEqual([
      ['allowed', { secondFactor: 'totp' }],
      ['denied', { reason: 'replayed-code' }],
      ['allowed', { secondFactor: 'totp' }],
      ['denied', { reason: 'replayed-code' }],
      ['allowed', { secondFactor: 'totp' }],
      ['denied', { reason: 'wrong-code' }],
    ]);
  });

  it('lets only one of two racing sign-ins use a code', async () => {
    const { user, secret } = await enrol();
    const code = totpCodeAt(secret, step(2));
    const outcomes = await Promise.all([signIn(user.email, code, step(2)), signIn(user.email, code, step(2)), signIn(user.email, code, step(2))]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  });

  it('counts wrong codes in the sign-in throttle', async () => {
    const { user, secret } = await enrol();
    const address = freshAddress();
    for (let i = 0; i < 5; i++) expect(await signIn(user.email, '000000', step(2), address)).toMatchObject({ reason: 'invalid-code' });
    const failures = await getDb().select().from(loginAttempts).where(and(eq(loginAttempts.email, user.email), eq(loginAttempts.succeeded, false)));
    expect(failures).toHaveLength(5);
    // Locked now, even with the right code, from any address.
    expect(await signIn(user.email, totpCodeAt(secret, step(2)), step(2), freshAddress())).toMatchObject({ ok: false, reason: 'throttled' });
    // And the password step alone does not clear the count.
    expect(await signIn(user.email, undefined, step(2), freshAddress())).toMatchObject({ reason: 'throttled' });
  });
});

describe('recovery codes', () => {
  it('each works once, in any case or spacing, and is audited with how many are left', async () => {
    const { user, recoveryCodes } = await enrol();
    const [first = '', second = ''] = recoveryCodes;
    expect(await signIn(user.email, first.toUpperCase().replace(/-/g, ' '), step(2))).toMatchObject({ ok: true });
    expect(await signIn(user.email, first, step(3))).toEqual({ ok: false, reason: 'invalid-code', message: MFA_WRONG_CODE_MESSAGE });
    expect(await signIn(user.email, second, step(3))).toMatchObject({ ok: true });
    const allowed = (await audits(user.id, 'auth.sign_in')).filter((a) => a.outcome === 'allowed');
    expect(allowed.map((a) => a.detail)).toEqual([
      { secondFactor: 'recovery-code', recoveryCodesLeft: 9 },
      { secondFactor: 'recovery-code', recoveryCodesLeft: 8 },
    ]);
  });

  it('are replaced on request after a current code: the old ones stop working, the new ones work', async () => {
    const { user, actor, secret, recoveryCodes } = await enrol();
    expect(await regenerateRecoveryCodes(actor, { code: '000000' }, step(2))).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining('did not match')] } });
    expect(await regenerateRecoveryCodes(actor, { code: recoveryCodes[0] }, step(2))).toMatchObject({ ok: false });
    const regenerated = await regenerateRecoveryCodes(actor, { code: totpCodeAt(secret, step(2)) }, step(2));
    if (!regenerated.ok) throw new Error(regenerated.error);
    expect(regenerated.data.recoveryCodes).toHaveLength(10);
    expect(regenerated.data.recoveryCodes).not.toContain(recoveryCodes[0]);

    expect(await signIn(user.email, recoveryCodes[1], step(3))).toMatchObject({ reason: 'invalid-code' });
    expect(await signIn(user.email, regenerated.data.recoveryCodes[0], step(3))).toMatchObject({ ok: true });
    expect(await audits(user.id, 'auth.mfa_recovery_codes_regenerate')).toEqual([
      expect.objectContaining({ outcome: 'denied' }),
      expect.objectContaining({ outcome: 'allowed' }),
    ]);
  });

  it('counts wrong codes when making new recovery codes in the sign-in throttle', async () => {
    const { actor, secret } = await enrol();
    for (let i = 0; i < 5; i++) expect(await regenerateRecoveryCodes(actor, { code: '000000' }, step(2))).toMatchObject({ ok: false, fieldErrors: { code: [expect.any(String)] } });
    expect(await regenerateRecoveryCodes(actor, { code: totpCodeAt(secret, step(2)) }, step(2))).toEqual({ ok: false, error: expect.stringContaining('Too many wrong codes') });
    // The account's sign-in is held back as well.
    expect(await signIn(actor.email, totpCodeAt(secret, step(2)), step(2))).toMatchObject({ reason: 'throttled' });
  });
});

describe('enforcement by the administrator', () => {
  it('holds back a required account’s session until it enrols, then lets it through', async () => {
    const admin = actorOf(await makeUser('admin'));
    const user = await makeUser('clinician');
    const result = await signIn(user.email, undefined, T);
    if (!result.ok) throw new Error(result.message);

    expect(await setUserMfaRequired(admin, { userId: user.id, required: true })).toEqual({ ok: true });
    expect(await audits(admin.userId, 'user.mfa_require')).toEqual([expect.objectContaining({ entityId: user.id, outcome: 'allowed' })]);

    // The existing session and a new password sign-in both resolve only for the enrolment page.
    const fresh = await signIn(user.email, undefined, step(1));
    if (!fresh.ok) throw new Error(fresh.message);
    for (const sessionId of [result.sessionId, fresh.sessionId]) {
      expect(await inspectSession(getDb(), sessionId, null, step(1))).toMatchObject({ status: 'mfa-enrolment-required', actor: { userId: user.id } });
      expect(await resolveSession(getDb(), sessionId, null, step(1))).toBeNull();
      expect(await resolveSession(getDb(), sessionId, null, step(1), { allowMfaEnrolment: true })).toMatchObject({ userId: user.id });
    }

    const actor = { ...actorOf(user), sessionId: fresh.sessionId };
    expect(await getMfaOverview(actor)).toMatchObject({ required: true, requiredBy: 'administrator', enrolled: false });
    await beginMfaEnrolment(actor, step(1));
    const secret = (await getMfaOverview(actor)).pending?.secret ?? '';
    expect((await confirmMfaEnrolment(actor, { code: totpCodeAt(secret, step(1)) }, step(1))).ok).toBe(true);
    expect(await inspectSession(getDb(), fresh.sessionId, null, step(1))).toMatchObject({ status: 'active' });

    // Stopping the requirement is audited too.
    expect(await setUserMfaRequired(admin, { userId: user.id, required: false })).toEqual({ ok: true });
    expect(await audits(admin.userId, 'user.mfa_unrequire')).toHaveLength(1);
  });

  it('clinic-wide: every clinician and administrator without it is held back; patients are not', async () => {
    const admin = actorOf(await makeUser('admin'));
    const clinician = await signedIn(await makeUser('clinician'));
    const otherAdmin = await signedIn(await makeUser('admin'));
    const patient = await signedIn(await makeUser('patient', { patientId: (await makePatient()).id }));
    const { actor: enrolled } = await enrol('clinician');

    expect(await setClinicMfaPolicy(admin, { requireForStaff: true })).toMatchObject({ ok: false });
    expect(await setClinicMfaPolicy(admin, { requireMfaForStaff: true })).toEqual({ ok: true });
    try {
      expect(await inspectSession(getDb(), clinician.sessionId, null, T)).toMatchObject({ status: 'mfa-enrolment-required' });
      expect(await inspectSession(getDb(), otherAdmin.sessionId, null, T)).toMatchObject({ status: 'mfa-enrolment-required' });
      expect(await inspectSession(getDb(), patient.sessionId, null, T)).toMatchObject({ status: 'active' });
      expect(await inspectSession(getDb(), enrolled.sessionId, null, T)).toMatchObject({ status: 'active' });
      expect(await getMfaOverview(clinician)).toMatchObject({ required: true, requiredBy: 'clinic' });
      expect(await audits(admin.userId, 'clinic.mfa_policy')).toEqual([expect.objectContaining({ detail: { requireMfaForStaff: true } })]);
    } finally {
      // This file's other tests share the database; put the clinic back.
      expect(await setClinicMfaPolicy(admin, { requireMfaForStaff: false })).toEqual({ ok: true });
    }
    expect(await inspectSession(getDb(), clinician.sessionId, null, T)).toMatchObject({ status: 'active' });
  });

  it('only administrators change the rules or reset', async () => {
    const clinician = actorOf(await makeUser('clinician'));
    const target = await makeUser('clinician');
    await expect(setUserMfaRequired(clinician, { userId: target.id, required: true })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setClinicMfaPolicy(clinician, { requireMfaForStaff: true })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetUserMfa(clinician, { userId: target.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getDb().select().from(userMfa).where(eq(userMfa.userId, target.id))).toHaveLength(0);
  });

  it('resets a lost authenticator: codes stop working, sessions end, the person enrols again', async () => {
    const admin = actorOf(await makeUser('admin'));
    const { user, actor, secret, recoveryCodes } = await enrol();
    await setUserMfaRequired(admin, { userId: user.id, required: true });

    expect(await resetUserMfa(admin, { userId: admin.userId })).toMatchObject({ ok: false, error: expect.stringContaining('Ask another administrator') });
    expect(await resetUserMfa(admin, { userId: user.id })).toEqual({ ok: true });
    expect(await audits(admin.userId, 'user.mfa_reset')).toEqual([expect.objectContaining({ entityId: user.id, outcome: 'allowed' })]);
    expect(await inspectSession(getDb(), actor.sessionId, null, step(1))).toEqual({ status: 'signed-out', reason: 'mfa-reset' });
    expect(await getDb().select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id))).toHaveLength(0);
    const [row] = await getDb().select().from(userMfa).where(eq(userMfa.userId, user.id));
    expect(row).toMatchObject({ secretCiphertext: null, enabledAt: null, lastUsedStep: null, required: true });

    // The old authenticator and recovery codes mean nothing now; the password opens a held-back session.
    const again = await signIn(user.email, totpCodeAt(secret, step(2)), step(2));
    if (!again.ok) throw new Error(again.message);
    expect(await inspectSession(getDb(), again.sessionId, null, step(2))).toMatchObject({ status: 'mfa-enrolment-required' });
    expect(await resetUserMfa(admin, { userId: user.id })).toMatchObject({ ok: false, error: expect.stringContaining('nothing to reset') });
    expect(recoveryCodes).toHaveLength(10);
  });
});
