import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { sessions, users } from '@/db/schema';
import type { Actor } from './actor-types';

/** A working day; after it the clinician signs in again. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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

/**
 * Resolves a session id from the signed cookie into the actor, or null when the session was revoked,
 * expired, or its user deactivated: the check that makes deactivation take effect on the next request.
 */
export async function resolveSession(
  executor: Executor,
  sessionId: string,
  requestAddress: string | null,
  now: Date,
): Promise<Actor | null> {
  const [row] = await executor
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      specialty: users.specialty,
      patientId: users.patientId,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row || row.revokedAt || row.expiresAt <= now || !row.active) return null;
  // Recorded at most once a minute: enough for "last seen", cheap on every request.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await executor.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
  }
  return {
    userId: row.userId,
    role: row.role,
    name: row.name,
    email: row.email,
    specialty: row.specialty,
    patientId: row.patientId,
    sessionId: row.sessionId,
    requestAddress,
  };
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
