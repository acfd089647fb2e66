import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { careTeamMembers, patients, users } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import type { MutationResult } from '@/lib/platform/errors';
import { addCareTeamMemberSchema, removeCareTeamMemberSchema } from './schema';

export async function addCareTeamMember(actor: Actor, input: unknown): Promise<MutationResult> {
  const parsed = addCareTeamMemberSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Choose a clinician to add.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const { patientId, userId, role } = parsed.data;
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-admin', { action: 'care_team.add', entityType: 'user', entityId: userId, recordAllowed: false });

  const [clinician] = await db.select({ role: users.role, active: users.active, name: users.name }).from(users).where(eq(users.id, userId));
  if (!clinician || clinician.role !== 'clinician') return { ok: false, error: 'Only clinicians can join a care team.' };
  if (!clinician.active) return { ok: false, error: `${clinician.name}’s account is deactivated; reactivate it first.` };

  return inTransaction(async (tx) => {
    const inserted = await tx
      .insert(careTeamMembers)
      .values({ patientId, userId, role, addedBy: actor.userId })
      .onConflictDoNothing()
      .returning({ id: careTeamMembers.id });
    const membership = inserted[0];
    if (!membership) return { ok: false as const, error: `${clinician.name} is already on this care team.` };
    await touchPatient(tx, patientId);
    await recordAudit(tx, actor, [
      { action: 'care_team.add', outcome: 'allowed', patientId, entityType: 'care_team_member', entityId: membership.id, detail: { userId, role } },
    ]);
    return { ok: true as const };
  });
}

export async function removeCareTeamMember(actor: Actor, input: unknown): Promise<MutationResult> {
  const parsed = removeCareTeamMemberSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'That request was not understood. Reload the page and try again.' };
  const { patientId, membershipId } = parsed.data;
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-admin', { action: 'care_team.remove', entityType: 'care_team_member', entityId: membershipId, recordAllowed: false });

  return inTransaction(async (tx) => {
    const [removed] = await tx
      .update(careTeamMembers)
      .set({ removedAt: new Date(), removedBy: actor.userId })
      .where(and(eq(careTeamMembers.id, membershipId), eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.removedAt)))
      .returning({ userId: careTeamMembers.userId });
    if (!removed) return { ok: false as const, error: 'That clinician is no longer on this care team (someone may have removed them already).' };
    await touchPatient(tx, patientId);
    await recordAudit(tx, actor, [
      { action: 'care_team.remove', outcome: 'allowed', patientId, entityType: 'care_team_member', entityId: membershipId, detail: { userId: removed.userId } },
    ]);
    return { ok: true as const };
  });
}

async function touchPatient(tx: Transaction, patientId: string) {
  await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, patientId));
}
