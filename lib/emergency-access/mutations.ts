import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { emergencyAccessGrants, patients } from '@/db/schema';
import { loadPatientAccessFacts } from '@/lib/platform/access/guard';
import { decideEmergencyAccessRequest, type DenialReason } from '@/lib/platform/access/rules';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import { readEnv } from '@/lib/platform/env';
import type { MutationResult } from '@/lib/platform/errors';
import { emergencyAccessRequestSchema } from './schema';

export const EMERGENCY_ACCESS_ACTION = 'emergency_access.grant';

// Never a real patient: stands in when the MRN matched nobody, so the actor's facts still load.
const NO_PATIENT = '00000000-0000-0000-0000-000000000000';

export type EmergencyAccessOutcome =
  | { patientId: string; grantId: string; expiresAt: string; alreadyOnCareTeam: false }
  | { patientId: string; grantId: null; expiresAt: null; alreadyOnCareTeam: true };

/**
 * Breaks the glass: an active clinician off the patient's care team gets read-only access to the
 * record for AXIS_EMERGENCY_ACCESS_MINUTES, for a stated reason. The grant and its audit event (with the
 * reason) are written in one transaction; refusals are audited too. Expiry is computed from the
 * database clock, so the grant needs no later change to end.
 */
export async function requestEmergencyAccess(actor: Actor, input: unknown): Promise<MutationResult<EmergencyAccessOutcome>> {
  const parsed = emergencyAccessRequestSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: 'Emergency access was not granted. Correct the fields below.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const { mrn, patientId: requestedId, reasonCategory, reason } = parsed.data;
  const db = getDb();

  const [patient] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(requestedId ? eq(patients.id, requestedId) : eq(patients.mrn, mrn ?? ''));
  const facts = await loadPatientAccessFacts(db, actor.userId, patient?.id ?? NO_PATIENT);
  const decision = decideEmergencyAccessRequest({ ...facts, patientId: patient?.id ?? NO_PATIENT });

  if (!decision.allowed) {
    if (decision.reason === 'already-on-care-team' && patient) {
      return { ok: true, data: { patientId: patient.id, grantId: null, expiresAt: null, alreadyOnCareTeam: true } };
    }
    await recordAudit(db, actor, [
      {
        action: EMERGENCY_ACCESS_ACTION,
        outcome: 'denied',
        patientId: patient?.id ?? null,
        entityType: 'patient',
        entityId: patient?.id ?? requestedId ?? null,
        detail: { reason: decision.reason, ...(mrn ? { mrn } : {}), reasonCategory },
      },
    ]);
    return refusal(decision.reason, requestedId !== undefined);
  }
  if (!patient) throw new Error('emergency access allowed without a patient');

  const minutes = readEnv().AXIS_EMERGENCY_ACCESS_MINUTES;
  return inTransaction(async (tx) => {
    const [grant] = await tx
      .insert(emergencyAccessGrants)
      .values({
        patientId: patient.id,
        clinicianUserId: actor.userId,
        reasonCategory,
        reason,
        // now() is the transaction's start, the same instant granted_at defaults to.
        expiresAt: sql`now() + make_interval(mins => ${minutes}::int)`,
      })
      .returning({ id: emergencyAccessGrants.id, expiresAt: emergencyAccessGrants.expiresAt });
    if (!grant) throw new Error('emergency access grant was not stored');
    await recordAudit(tx, actor, [
      {
        action: EMERGENCY_ACCESS_ACTION,
        outcome: 'allowed',
        patientId: patient.id,
        entityType: 'emergency_access',
        entityId: grant.id,
        detail: { emergencyAccessId: grant.id, reasonCategory, reasonText: reason, minutes, expiresAt: grant.expiresAt.toISOString() },
      },
    ]);
    return {
      ok: true as const,
      data: { patientId: patient.id, grantId: grant.id, expiresAt: grant.expiresAt.toISOString(), alreadyOnCareTeam: false as const },
    };
  });
}

function refusal(reason: DenialReason, byLink: boolean): { ok: false; error: string; fieldErrors?: Record<string, string[]> } {
  switch (reason) {
    case 'patient-not-found':
      return byLink
        ? { ok: false, error: 'That link does not lead to a patient record. Enter the patient’s MRN instead.' }
        : { ok: false, error: 'Emergency access was not granted.', fieldErrors: { mrn: ['No patient has this MRN. Check it against the patient’s documents; it must match exactly.'] } };
    case 'inactive-account':
      return { ok: false, error: 'Your account has been deactivated.' };
    default:
      return { ok: false, error: 'Only clinicians can use emergency access. Administrators and patients never can.' };
  }
}

const grantIdSchema = z.uuid();

/**
 * The holder ends their own running grant early (done before it expires): the record closes to them at
 * once. Audited with the grant. Ending someone else's, an ended or an expired grant changes nothing.
 */
export async function endEmergencyAccess(actor: Actor, grantId: unknown): Promise<MutationResult<{ patientId: string }>> {
  const parsed = grantIdSchema.safeParse(grantId);
  if (!parsed.success) return { ok: false, error: 'That emergency access was not found.' };
  return inTransaction(async (tx) => {
    const [ended] = await tx
      .update(emergencyAccessGrants)
      .set({ endedAt: sql`now()` })
      .where(
        and(
          eq(emergencyAccessGrants.id, parsed.data),
          eq(emergencyAccessGrants.clinicianUserId, actor.userId),
          isNull(emergencyAccessGrants.endedAt),
          gt(emergencyAccessGrants.expiresAt, sql`now()`),
        ),
      )
      .returning({ patientId: emergencyAccessGrants.patientId });
    if (!ended) {
      const [grant] = await tx
        .select({ patientId: emergencyAccessGrants.patientId, holder: emergencyAccessGrants.clinicianUserId })
        .from(emergencyAccessGrants)
        .where(eq(emergencyAccessGrants.id, parsed.data));
      if (grant && grant.holder !== actor.userId) {
        // Someone else's grant: refused like a missing one, and the attempt is evidence worth keeping.
        await recordAudit(tx, actor, [
          { action: 'emergency_access.end', outcome: 'denied', patientId: grant.patientId, entityType: 'emergency_access', entityId: parsed.data, detail: { reason: 'not-your-emergency-access' } },
        ]);
        return { ok: false as const, error: 'That emergency access was not found.' };
      }
      return { ok: false as const, error: grant ? 'This emergency access has already ended.' : 'That emergency access was not found.' };
    }
    await recordAudit(tx, actor, [
      { action: 'emergency_access.end', outcome: 'allowed', patientId: ended.patientId, entityType: 'emergency_access', entityId: parsed.data, detail: { emergencyAccessId: parsed.data } },
    ]);
    return { ok: true as const, data: { patientId: ended.patientId } };
  });
}
