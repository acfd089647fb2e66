import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { patients, users } from '@/db/schema';
import { authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { hashPassword } from '@/lib/platform/auth/password';
import { revokeAllSessionsOfUser } from '@/lib/platform/auth/sessions';
import { recordAudit } from '@/lib/platform/audit/record';
import { uniqueViolationConstraint } from '@/lib/platform/db/errors';
import { inTransaction } from '@/lib/platform/db/transaction';
import type { MutationResult } from '@/lib/platform/errors';
import { createUserSchema, setUserActiveSchema } from './schema';

export async function createUser(actor: Actor, input: unknown): Promise<MutationResult<{ userId: string }>> {
  const db = getDb();
  await authorizeRole(db, actor, ['admin'], { action: 'user.create' });
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const v = parsed.data;

  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, v.email));
  if (existing) return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { email: ['An account with this email already exists.'] } };

  let patientId: string | null = null;
  if (v.role === 'patient' && v.patientMrn) {
    const [patient] = await db.select({ id: patients.id }).from(patients).where(eq(patients.mrn, v.patientMrn));
    if (!patient) return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { patientMrn: ['No patient has this MRN.'] } };
    const [portal] = await db.select({ id: users.id }).from(users).where(eq(users.patientId, patient.id));
    if (portal) return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { patientMrn: ['This patient already has a portal account.'] } };
    patientId = patient.id;
  }

  const passwordHash = await hashPassword(v.password);
  // The checks above give the usual message; the unique indexes decide when two admins race.
  let userId: string;
  try {
    userId = await insertUser(actor, v, patientId, passwordHash);
  } catch (error) {
    const constraint = uniqueViolationConstraint(error);
    if (constraint === 'users_email_unique') return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { email: ['An account with this email already exists.'] } };
    if (constraint === 'users_patient_unique') return { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { patientMrn: ['This patient already has a portal account.'] } };
    throw error;
  }
  return { ok: true, data: { userId } };
}

async function insertUser(actor: Actor, v: z.output<typeof createUserSchema>, patientId: string | null, passwordHash: string): Promise<string> {
  return inTransaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        name: v.name,
        email: v.email,
        role: v.role,
        specialty: v.role === 'clinician' ? (v.specialty ?? null) : null,
        patientId,
        passwordHash,
      })
      .returning({ id: users.id });
    if (!row) throw new Error('user insert returned no row');
    await recordAudit(tx, actor, [
      { action: 'user.create', outcome: 'allowed', entityType: 'user', entityId: row.id, patientId, detail: { role: v.role } },
    ]);
    return row.id;
  });
}

/** Deactivation also revokes every session of the user, so it takes effect on their next request. */
export async function setUserActive(actor: Actor, input: unknown): Promise<MutationResult> {
  const db = getDb();
  await authorizeRole(db, actor, ['admin'], { action: 'user.set_active' });
  const parsed = setUserActiveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'That request was not understood. Reload the page and try again.' };
  const { userId, active } = parsed.data;
  if (userId === actor.userId && !active) return { ok: false, error: 'You cannot deactivate your own account. Ask another administrator.' };

  const now = new Date();
  return inTransaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ active, deactivatedAt: active ? null : now })
      .where(and(eq(users.id, userId), ne(users.active, active)))
      .returning({ id: users.id });
    if (!updated) {
      const [exists] = await tx.select({ active: users.active }).from(users).where(eq(users.id, userId));
      if (!exists) return { ok: false as const, error: 'That account no longer exists.' };
      return { ok: true as const };
    }
    if (!active) await revokeAllSessionsOfUser(tx, userId, 'deactivated', now);
    await recordAudit(tx, actor, [
      { action: active ? 'user.reactivate' : 'user.deactivate', outcome: 'allowed', entityType: 'user', entityId: userId },
    ]);
    return { ok: true as const };
  });
}
