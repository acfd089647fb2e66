import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, sessions, users } from '../../../db/schema';
import { ForbiddenError } from '../../../lib/platform/errors';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { DEFAULT_SESSION_POLICY } from '../../../lib/platform/auth/session-policy';
import { createSession, inspectSession, listOwnSessions, resolveSession, revokeOtherOwnSessions, revokeOwnSession, revokeSession, sessionPolicy } from '../../../lib/platform/auth/sessions';
import { actorOf, makePatient, makeUser } from '../fixtures';

// Every function takes the clock, so idle and absolute expiry are driven by passing times.

const context = { address: '192.0.2.20', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' };
const START = new Date('2031-07-01T08:00:00.000Z');
const at = (minutes: number, seconds = 0) => new Date(START.getTime() + minutes * 60_000 + seconds * 1000);

async function sessionRow(id: string) {
  const [row] = await getDb().select().from(sessions).where(eq(sessions.id, id));
  if (!row) throw new Error(`no session ${id}`);
  return row;
}

function auditsFor(action: string, entityId: string) {
  return getDb().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
}

async function signedInActor(role: 'clinician' | 'admin' | 'patient', when = START): Promise<Actor> {
  const user = role === 'patient' ? await makeUser('patient', { patientId: (await makePatient()).id }) : await makeUser(role);
  const sessionId = await createSession(getDb(), user.id, context, when);
  return { ...actorOf(user), sessionId };
}

describe('idle timeout', () => {
  it('uses the documented defaults when nothing is configured', () => {
    expect(sessionPolicy()).toEqual(DEFAULT_SESSION_POLICY);
  });

  it.each(['clinician', 'admin'] as const)('signs a %s out after 15 minutes without a request, revoking and auditing once', async (role) => {
    const actor = await signedInActor(role);
    const twin = await createSession(getDb(), actor.userId, context, START);
    // A request at +1 min is recorded as last seen; 15 minutes from then is the limit.
    for (const id of [actor.sessionId, twin]) expect(await resolveSession(getDb(), id, null, at(1))).not.toBeNull();
    expect(await resolveSession(getDb(), twin, null, at(15, 59))).not.toBeNull();
    expect(await inspectSession(getDb(), actor.sessionId, '192.0.2.21', at(16))).toEqual({ status: 'signed-out', reason: 'idle' });

    const row = await sessionRow(actor.sessionId);
    expect(row).toMatchObject({ revokedReason: 'idle' });
    expect(row.revokedAt?.getTime()).toBe(at(16).getTime());
    const audits = await auditsFor('auth.session_idle_timeout', actor.sessionId);
    expect(audits).toEqual([expect.objectContaining({ actorUserId: actor.userId, actorRole: role, outcome: 'allowed', requestAddress: '192.0.2.21', detail: { idleLimitSeconds: 900 } })]);

    // It stays ended, says why, and is audited only the first time.
    expect(await inspectSession(getDb(), actor.sessionId, null, at(16, 5))).toEqual({ status: 'signed-out', reason: 'idle' });
    expect(await resolveSession(getDb(), actor.sessionId, null, at(16, 10))).toBeNull();
    expect(await auditsFor('auth.session_idle_timeout', actor.sessionId)).toHaveLength(1);
  });

  it('never lets a staff session outlive 15 minutes after its last recorded request', async () => {
    const actor = await signedInActor('clinician');
    // +30 s is not recorded (last seen is written once a minute), so the limit counts from sign-in.
    expect(await resolveSession(getDb(), actor.sessionId, null, at(0, 30))).not.toBeNull();
    expect(await resolveSession(getDb(), actor.sessionId, null, at(15))).toBeNull();
  });

  it('keeps an active session alive', async () => {
    const actor = await signedInActor('clinician');
    for (let minute = 10; minute <= 120; minute += 10) expect(await resolveSession(getDb(), actor.sessionId, null, at(minute))).not.toBeNull();
    expect((await sessionRow(actor.sessionId)).revokedAt).toBeNull();
  });

  it('gives patients 30 minutes', async () => {
    const actor = await signedInActor('patient');
    expect(await resolveSession(getDb(), actor.sessionId, null, at(29, 59))).not.toBeNull();
    expect(await inspectSession(getDb(), actor.sessionId, null, at(59, 59))).toEqual({ status: 'signed-out', reason: 'idle-portal' });
  });

  it('follows a configured policy', async () => {
    const actor = await signedInActor('clinician');
    const policy = { staffIdleSeconds: 5 * 60, patientIdleSeconds: 60 * 60, maxAgeSeconds: 8 * 3600 };
    expect(await resolveSession(getDb(), actor.sessionId, null, at(4, 59), { policy })).not.toBeNull();
    expect(await resolveSession(getDb(), actor.sessionId, null, at(9, 59), { policy })).toBeNull();
  });

  it('reports the absolute lifetime as expired, not idle', async () => {
    const actor = await signedInActor('clinician');
    for (let minute = 10; minute < 8 * 60; minute += 10) await resolveSession(getDb(), actor.sessionId, null, at(minute));
    expect(await inspectSession(getDb(), actor.sessionId, null, at(8 * 60))).toEqual({ status: 'signed-out', reason: 'expired' });
  });

  it('says nothing special after a plain sign-out', async () => {
    const actor = await signedInActor('clinician');
    await revokeSession(getDb(), actor.sessionId, 'signed-out', at(1));
    expect(await inspectSession(getDb(), actor.sessionId, null, at(2))).toEqual({ status: 'signed-out', reason: null });
    expect(await inspectSession(getDb(), 'not-a-uuid', null, at(2))).toEqual({ status: 'signed-out', reason: null });
  });
});

describe('your sessions', () => {
  it('lists only the live sessions of the signed-in person, this one first and marked', async () => {
    const now = new Date();
    const me = await signedInActor('clinician', new Date(now.getTime() - 5 * 60_000));
    const phone = await createSession(getDb(), me.userId, { address: '198.51.100.5', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1' }, now);
    const ended = await createSession(getDb(), me.userId, context, now);
    await revokeSession(getDb(), ended, 'signed-out', now);
    const idle = await createSession(getDb(), me.userId, context, new Date(now.getTime() - 20 * 60_000));
    const someoneElse = await signedInActor('clinician', now);

    const list = await listOwnSessions(me, now);
    expect(list.map((s) => s.id)).toEqual([me.sessionId, phone]);
    expect(list[0]).toMatchObject({ current: true, device: 'Firefox on Linux', address: '192.0.2.20' });
    expect(list[1]).toMatchObject({ current: false, device: 'Safari on iPhone', address: '198.51.100.5', signedInAt: now.toISOString() });
    expect(list.map((s) => s.id)).not.toContain(someoneElse.sessionId);
    expect(list.map((s) => s.id)).not.toContain(idle);
  });

  it('signs out one other session of one’s own: it stops resolving on its next request, audited', async () => {
    const now = new Date();
    const me = await signedInActor('admin', now);
    const other = await createSession(getDb(), me.userId, context, now);
    expect(await revokeOwnSession(me, { sessionId: other }, now)).toEqual({ ok: true });
    expect(await inspectSession(getDb(), other, null, now)).toEqual({ status: 'signed-out', reason: 'revoked' });
    expect(await resolveSession(getDb(), me.sessionId, null, now)).not.toBeNull();
    expect(await auditsFor('auth.session_revoke', other)).toEqual([expect.objectContaining({ actorUserId: me.userId, outcome: 'allowed' })]);
    // Again: already ended.
    expect(await revokeOwnSession(me, { sessionId: other }, now)).toMatchObject({ ok: false, error: expect.stringContaining('already ended or is not one of yours') });
  });

  it('refuses to sign out another person’s session, leaves it working, and audits the attempt', async () => {
    const now = new Date();
    const userA = await signedInActor('clinician', now);
    const userB = await signedInActor('clinician', now);
    const result = await revokeOwnSession(userA, { sessionId: userB.sessionId }, now);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('not one of yours') });
    expect(await resolveSession(getDb(), userB.sessionId, null, now)).toMatchObject({ userId: userB.userId });
    expect((await sessionRow(userB.sessionId)).revokedAt).toBeNull();
    expect(await auditsFor('auth.session_revoke', userB.sessionId)).toEqual([
      expect.objectContaining({ actorUserId: userA.userId, outcome: 'denied', detail: { reason: 'not-own-session' } }),
    ]);
    // "Sign out all other sessions" by A does not touch B either.
    await revokeOtherOwnSessions(userA, now);
    expect(await resolveSession(getDb(), userB.sessionId, null, now)).not.toBeNull();
  });

  it('refuses a deactivated account even with an actor resolved a moment before', async () => {
    const now = new Date();
    const me = await signedInActor('clinician', now);
    const other = await createSession(getDb(), me.userId, context, now);
    await getDb().update(users).set({ active: false, deactivatedAt: now }).where(eq(users.id, me.userId));
    await expect(revokeOwnSession(me, { sessionId: other }, now)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revokeOtherOwnSessions(me, now)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listOwnSessions(me, now)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('points to Sign out for the current session and refuses malformed ids', async () => {
    const me = await signedInActor('clinician', new Date());
    expect(await revokeOwnSession(me, { sessionId: me.sessionId })).toEqual({ ok: false, error: 'To end this session, use Sign out.' });
    expect(await revokeOwnSession(me, { sessionId: 'x' })).toMatchObject({ ok: false });
    expect(await revokeOwnSession(me, null)).toMatchObject({ ok: false });
    expect(await resolveSession(getDb(), me.sessionId, null, new Date())).not.toBeNull();
  });

  it('signs out all other sessions and keeps this one', async () => {
    const now = new Date();
    const me = await signedInActor('clinician', now);
    const others = [await createSession(getDb(), me.userId, context, now), await createSession(getDb(), me.userId, context, now)];
    expect(await revokeOtherOwnSessions(me, now)).toEqual({ ok: true, data: { revoked: 2 } });
    for (const id of others) expect(await inspectSession(getDb(), id, null, now)).toEqual({ status: 'signed-out', reason: 'revoked' });
    expect(await resolveSession(getDb(), me.sessionId, null, now)).not.toBeNull();
    expect(await auditsFor('auth.session_revoke_others', me.userId)).toEqual([expect.objectContaining({ outcome: 'allowed', detail: { revoked: 2 } })]);
  });
});
