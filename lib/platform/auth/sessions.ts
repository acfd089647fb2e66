import 'server-only';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { clinicSecuritySettings, sessions, userMfa, users } from '@/db/schema';
import { USER_ROLES, type UserRole } from '@/db/schema/enums';
import { authorizeRole } from '@/lib/platform/access/guard';
import { recordAudit } from '@/lib/platform/audit/record';
import type { MutationResult } from '@/lib/platform/errors';
import type { Actor } from './actor-types';
import { idleLimitSeconds, isMfaRequired, judgeSession, sessionPolicy, shouldRecordLastSeen, type SessionPolicy, type SignedOutReason } from './session-policy';
import { describeUserAgent } from './user-agent';

export { sessionPolicy };

/** A working day by default; after it the person signs in again however active they were. */
export const SESSION_MAX_AGE_SECONDS = sessionPolicy().maxAgeSeconds;

export async function createSession(
  executor: Executor,
  userId: string,
  context: { address: string | null; userAgent: string | null },
  now: Date,
): Promise<string> {
  const [row] = await executor
    .insert(sessions)
    .values({
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      requestAddress: context.address,
      userAgent: context.userAgent?.slice(0, 512) ?? null,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned no row');
  return row.id;
}

export type SessionInspection =
  | { status: 'active'; actor: Actor }
  /** Signed in with a password, but an administrator requires two-step sign-in and it is not set up. */
  | { status: 'mfa-enrolment-required'; actor: Actor }
  | { status: 'signed-out'; reason: SignedOutReason | null };

const uuidSchema = z.uuid();

/**
 * What the session behind a cookie is now. Ends a session idle past its role's limit (revoked with
 * reason 'idle' and audited, so every instance agrees from then on) and records last-seen.
 */
export async function inspectSession(
  executor: Executor,
  sessionId: string,
  requestAddress: string | null,
  now: Date,
  policy: SessionPolicy = sessionPolicy(),
): Promise<SessionInspection> {
  if (!uuidSchema.safeParse(sessionId).success) return { status: 'signed-out', reason: null };
  const [row] = await executor
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      revokedReason: sessions.revokedReason,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      specialty: users.specialty,
      patientId: users.patientId,
      active: users.active,
      mfaEnrolled: sql<boolean>`(${userMfa.enabledAt} is not null)`,
      requiredForUser: sql<boolean>`coalesce(${userMfa.required}, false)`,
      clinicRequiresStaff: sql<boolean>`coalesce((select ${clinicSecuritySettings.requireMfaForStaff} from ${clinicSecuritySettings} limit 1), false)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userMfa, eq(userMfa.userId, users.id))
    .where(eq(sessions.id, sessionId));
  if (!row) return { status: 'signed-out', reason: null };

  const state = judgeSession({ revokedAt: row.revokedAt, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt, userActive: row.active, role: row.role }, now, policy);
  switch (state) {
    case 'revoked':
      return { status: 'signed-out', reason: reasonShownFor(row.revokedReason, row.role) };
    case 'inactive-user':
      return { status: 'signed-out', reason: null };
    case 'expired':
      return { status: 'signed-out', reason: 'expired' };
    case 'idle': {
      const revoked = await executor
        .update(sessions)
        .set({ revokedAt: now, revokedReason: 'idle' })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      // Audited once, by whichever request ended it.
      if (revoked.length > 0) {
        await recordAudit(executor, { userId: row.userId, role: row.role, requestAddress }, [
          { action: 'auth.session_idle_timeout', outcome: 'allowed', entityType: 'session', entityId: sessionId, detail: { idleLimitSeconds: idleLimitSeconds(row.role, policy) } },
        ]);
      }
      return { status: 'signed-out', reason: row.role === 'patient' ? 'idle-portal' : 'idle' };
    }
    case 'active':
      break;
  }

  if (shouldRecordLastSeen(row.lastSeenAt, now)) {
    await executor.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
  }
  const actor: Actor = {
    userId: row.userId,
    role: row.role,
    name: row.name,
    email: row.email,
    specialty: row.specialty,
    patientId: row.patientId,
    sessionId: row.sessionId,
    requestAddress,
  };
  if (!row.mfaEnrolled && isMfaRequired(row)) return { status: 'mfa-enrolment-required', actor };
  return { status: 'active', actor };
}

function reasonShownFor(revokedReason: string | null, role: UserRole): SignedOutReason | null {
  switch (revokedReason) {
    case 'idle':
      return role === 'patient' ? 'idle-portal' : 'idle';
    case 'revoked-by-user':
      return 'revoked';
    case 'mfa-reset':
      return 'mfa-reset';
    default:
      return null;
  }
}

/**
 * Resolves a session id from the signed cookie into the actor, or null when the session was revoked,
 * expired, idle too long, or its user deactivated: the check that makes deactivation take effect on
 * the next request. A session that must first set up two-step sign-in resolves only when the caller
 * is the enrolment page (allowMfaEnrolment); everywhere else it is not a session at all.
 */
export async function resolveSession(
  executor: Executor,
  sessionId: string,
  requestAddress: string | null,
  now: Date,
  options: { allowMfaEnrolment?: boolean; policy?: SessionPolicy } = {},
): Promise<Actor | null> {
  const inspection = await inspectSession(executor, sessionId, requestAddress, now, options.policy);
  if (inspection.status === 'active') return inspection.actor;
  if (inspection.status === 'mfa-enrolment-required' && options.allowMfaEnrolment) return inspection.actor;
  return null;
}

export async function revokeSession(executor: Executor, sessionId: string, reason: string, now: Date): Promise<void> {
  await executor
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeAllSessionsOfUser(executor: Executor, userId: string, reason: string, now: Date): Promise<void> {
  await executor
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Every session of the user except the one given; returns how many ended. */
export async function revokeOtherSessionsOfUser(executor: Executor, userId: string, keepSessionId: string, reason: string, now: Date): Promise<number> {
  const revoked = await executor
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}

export interface OwnSession {
  id: string;
  signedInAt: string;
  lastActiveAt: string;
  address: string | null;
  device: string;
  current: boolean;
}

/** The signed-in person's live sessions, this one first. Only their own: the query is keyed on the actor. */
export async function listOwnSessions(actor: Actor, now: Date = new Date(), policy: SessionPolicy = sessionPolicy()): Promise<OwnSession[]> {
  const db = getDb();
  // Any role, but a live account: a deactivated one is refused (and audited) here, not only at sign-in.
  await authorizeRole(db, actor, USER_ROLES, { action: 'auth.session_list' });
  const idleCutoff = new Date(now.getTime() - idleLimitSeconds(actor.role, policy) * 1000);
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, requestAddress: sessions.requestAddress, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleCutoff)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .map((r) => ({
      id: r.id,
      signedInAt: r.createdAt.toISOString(),
      lastActiveAt: r.lastSeenAt.toISOString(),
      address: r.requestAddress,
      device: describeUserAgent(r.userAgent),
      current: r.id === actor.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

const revokeOwnSessionSchema = z.object({ sessionId: z.uuid() });
const NOT_YOURS = 'That session has already ended or is not one of yours. Reload the page to see your current sessions.';

/** Ends one of the actor's other sessions. Someone else's session id is refused and the attempt audited. */
export async function revokeOwnSession(actor: Actor, input: unknown, now: Date = new Date()): Promise<MutationResult> {
  const parsed = revokeOwnSessionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: NOT_YOURS };
  const { sessionId } = parsed.data;
  if (sessionId === actor.sessionId) return { ok: false, error: 'To end this session, use Sign out.' };
  const db = getDb();
  await authorizeRole(db, actor, USER_ROLES, { action: 'auth.session_revoke' });
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'revoked-by-user' })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (revoked.length === 0) {
      const [other] = await tx.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, sessionId));
      // Ending an already-ended session of one's own is harmless; anyone else's is a denial on record.
      if (other && other.userId !== actor.userId) {
        await recordAudit(tx, actor, [{ action: 'auth.session_revoke', outcome: 'denied', entityType: 'session', entityId: sessionId, detail: { reason: 'not-own-session' } }]);
      }
      return { ok: false as const, error: NOT_YOURS };
    }
    await recordAudit(tx, actor, [{ action: 'auth.session_revoke', outcome: 'allowed', entityType: 'session', entityId: sessionId }]);
    return { ok: true as const };
  });
}

/** "Sign out all other sessions": every session of the actor but this one. */
export async function revokeOtherOwnSessions(actor: Actor, now: Date = new Date()): Promise<MutationResult<{ revoked: number }>> {
  await authorizeRole(getDb(), actor, USER_ROLES, { action: 'auth.session_revoke_others' });
  return getDb().transaction(async (tx) => {
    const revoked = await revokeOtherSessionsOfUser(tx, actor.userId, actor.sessionId, 'revoked-by-user', now);
    await recordAudit(tx, actor, [{ action: 'auth.session_revoke_others', outcome: 'allowed', entityType: 'user', entityId: actor.userId, detail: { revoked } }]);
    return { ok: true as const, data: { revoked } };
  });
}
