import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { sessions, users } from '../../../db/schema';
import { authenticate } from '../../../lib/platform/auth/credentials';
import { createSession, resolveSession, revokeAllSessionsOfUser, revokeSession, SESSION_MAX_AGE_SECONDS } from '../../../lib/platform/auth/sessions';
import { setUserActive } from '../../../lib/users/mutations';
import { actorOf, makePatient, makeUser, TEST_PASSWORD } from '../fixtures';

// resolveSession() is what lib/platform/auth/session.ts getActor() calls on every request, with new Date().

const context = { address: '192.0.2.10', userAgent: 'vitest' };

async function sessionRow(id: string) {
  const [row] = await getDb().select().from(sessions).where(eq(sessions.id, id));
  if (!row) throw new Error(`no session ${id}`);
  return row;
}

describe('sessions', () => {
  it('creates a session that resolves to the actor as the database has them', async () => {
    const user = await makeUser('clinician', { specialty: 'gastroenterology' });
    const now = new Date();
    const sessionId = await createSession(getDb(), user.id, context, now);

    const actor = await resolveSession(getDb(), sessionId, '192.0.2.99', now);
    expect(actor).toEqual({
      userId: user.id,
      role: 'clinician',
      name: user.name,
      email: user.email,
      specialty: 'gastroenterology',
      patientId: null,
      sessionId,
      // The address of the current request, not the one the session began from.
      requestAddress: '192.0.2.99',
    });
    expect(await sessionRow(sessionId)).toMatchObject({ userId: user.id, requestAddress: '192.0.2.10', userAgent: 'vitest', revokedAt: null });
  });

  it('resolves a portal session to the patient record it belongs to', async () => {
    const patient = await makePatient();
    const user = await makeUser('patient', { patientId: patient.id });
    const sessionId = await createSession(getDb(), user.id, { address: null, userAgent: null }, new Date());
    expect(await resolveSession(getDb(), sessionId, null, new Date())).toMatchObject({ role: 'patient', patientId: patient.id, specialty: null, requestAddress: null });
  });

  it('resolves the session a successful sign-in created', async () => {
    const user = await makeUser('admin');
    const result = await authenticate(getDb(), { email: user.email, password: TEST_PASSWORD }, context, new Date());
    if (!result.ok) throw new Error(`sign-in failed: ${result.message}`);
    expect(await resolveSession(getDb(), result.sessionId, null, new Date())).toMatchObject({ userId: user.id, role: 'admin', sessionId: result.sessionId });
  });

  it('returns null for a session id that was never issued', async () => {
    expect(await resolveSession(getDb(), '6f1c1a8e-1d2b-4c3d-8e4f-000000000000', null, new Date())).toBeNull();
  });

  it('stops resolving a revoked session, and only that one', async () => {
    const user = await makeUser('clinician');
    const now = new Date();
    const signedOut = await createSession(getDb(), user.id, context, now);
    const otherDevice = await createSession(getDb(), user.id, context, now);

    await revokeSession(getDb(), signedOut, 'signed-out', now);
    expect(await resolveSession(getDb(), signedOut, null, now)).toBeNull();
    expect(await resolveSession(getDb(), otherDevice, null, now)).not.toBeNull();
    expect(await sessionRow(signedOut)).toMatchObject({ revokedReason: 'signed-out' });

    // Revoking again keeps the original time and reason.
    await revokeSession(getDb(), signedOut, 'something-else', new Date(now.getTime() + 60_000));
    const row = await sessionRow(signedOut);
    expect(row.revokedReason).toBe('signed-out');
    expect(row.revokedAt?.getTime()).toBe(now.getTime());
  });

  it('revokeAllSessionsOfUser ends every session of that user and no one else’s', async () => {
    const user = await makeUser('clinician');
    const bystander = await makeUser('clinician');
    const now = new Date();
    const mine = [await createSession(getDb(), user.id, context, now), await createSession(getDb(), user.id, context, now)];
    const theirs = await createSession(getDb(), bystander.id, context, now);
    await revokeAllSessionsOfUser(getDb(), user.id, 'test', now);
    for (const id of mine) expect(await resolveSession(getDb(), id, null, now)).toBeNull();
    expect(await resolveSession(getDb(), theirs, null, now)).not.toBeNull();
  });

  it('stops resolving on the next request once an administrator deactivates the user', async () => {
    const admin = await makeUser('admin');
    const user = await makeUser('clinician');
    const first = await createSession(getDb(), user.id, context, new Date());
    const second = await createSession(getDb(), user.id, context, new Date());
    expect(await resolveSession(getDb(), first, null, new Date())).not.toBeNull();

    expect(await setUserActive(actorOf(admin), { userId: user.id, active: false })).toEqual({ ok: true });
    expect(await resolveSession(getDb(), first, null, new Date())).toBeNull();
    expect(await resolveSession(getDb(), second, null, new Date())).toBeNull();
    expect(await sessionRow(first)).toMatchObject({ revokedReason: 'deactivated' });

    // Reactivation does not bring old sessions back: the person signs in again.
    expect(await setUserActive(actorOf(admin), { userId: user.id, active: true })).toEqual({ ok: true });
    expect(await resolveSession(getDb(), first, null, new Date())).toBeNull();
    const fresh = await createSession(getDb(), user.id, context, new Date());
    expect(await resolveSession(getDb(), fresh, null, new Date())).toMatchObject({ userId: user.id });
  });

  it('refuses a session of an inactive user even if the session itself was never revoked', async () => {
    const user = await makeUser('clinician');
    const sessionId = await createSession(getDb(), user.id, context, new Date());
    // Deactivated behind the application's back (e.g. by an operator in SQL).
    await getDb().update(users).set({ active: false, deactivatedAt: new Date() }).where(eq(users.id, user.id));
    expect(await resolveSession(getDb(), sessionId, null, new Date())).toBeNull();
    expect((await sessionRow(sessionId)).revokedAt).toBeNull();
  });

  it(`expires after ${SESSION_MAX_AGE_SECONDS / 3600} hours`, async () => {
    const user = await makeUser('clinician');
    const start = new Date('2031-06-01T08:00:00.000Z');
    const sessionId = await createSession(getDb(), user.id, context, start);
    const expiry = start.getTime() + SESSION_MAX_AGE_SECONDS * 1000;
    expect((await sessionRow(sessionId)).expiresAt.getTime()).toBe(expiry);

    // Active all day (a request every 10 minutes keeps it from idling out), it still ends on time.
    for (let t = start.getTime() + 10 * 60_000; t < expiry; t += 10 * 60_000) {
      expect(await resolveSession(getDb(), sessionId, null, new Date(t))).not.toBeNull();
    }
    expect(await resolveSession(getDb(), sessionId, null, new Date(expiry - 1))).not.toBeNull();
    expect(await resolveSession(getDb(), sessionId, null, new Date(expiry))).toBeNull();
    expect(await resolveSession(getDb(), sessionId, null, new Date(expiry + 86_400_000))).toBeNull();
  });

  it('records last-seen at most once a minute', async () => {
    const user = await makeUser('clinician');
    const start = new Date('2031-06-02T08:00:00.000Z');
    const sessionId = await createSession(getDb(), user.id, context, start);

    await resolveSession(getDb(), sessionId, null, new Date(start.getTime() + 30_000));
    expect((await sessionRow(sessionId)).lastSeenAt.getTime()).toBe(start.getTime());

    const later = new Date(start.getTime() + 5 * 60_000);
    await resolveSession(getDb(), sessionId, null, later);
    expect((await sessionRow(sessionId)).lastSeenAt.getTime()).toBe(later.getTime());
    // Using the session does not extend it.
    expect((await sessionRow(sessionId)).expiresAt.getTime()).toBe(start.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  });
});
