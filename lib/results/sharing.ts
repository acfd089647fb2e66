import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { resultShares, users } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { uniqueViolationConstraint } from '@/lib/platform/db/errors';
import { inTransaction } from '@/lib/platform/db/transaction';
import { patientOfResult } from './queries';

// A clinician's deliberate choice to show a result to the patient in the portal. The share belongs to
// the result's series, so a later correction stays shared (the portal always shows the current
// version). Sharing and stopping are clinical writes by the care team; both are idempotent and audited.

export const MESSAGE_TO_PATIENT_MAX = 1000;

const shareInputSchema = z.object({
  messageToPatient: z
    .string()
    .trim()
    .max(MESSAGE_TO_PATIENT_MAX, `Keep the message under ${MESSAGE_TO_PATIENT_MAX} characters.`)
    .optional()
    .transform((v) => (v ? v : null)),
});

export interface ResultShareState {
  shared: boolean;
  sharedAt: string | null;
  sharedByName: string | null;
  messageToPatient: string | null;
}

export type ShareOutcome = { ok: true; changed: boolean } | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

/** Shows the result's series to the patient. Sharing an already shared series changes nothing (its message stays). */
export async function shareResult(actor: Actor, resultId: string, input: { messageToPatient?: string } = {}): Promise<ShareOutcome> {
  const db = getDb();
  const { patientId, seriesId } = await patientOfResult(db, actor, resultId, 'result.share');
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'result.share', entityType: 'result', entityId: resultId, recordAllowed: false });
  const parsed = shareInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: 'Please check the message.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  try {
    return await inTransaction(async (tx) => {
      const [active] = await tx.select({ id: resultShares.id }).from(resultShares).where(and(eq(resultShares.seriesId, seriesId), isNull(resultShares.revokedAt)));
      if (active) return { ok: true as const, changed: false };
      const [row] = await tx
        .insert(resultShares)
        .values({ patientId, seriesId, messageToPatient: parsed.data.messageToPatient, sharedBy: actor.userId })
        .returning({ id: resultShares.id });
      await recordAudit(tx, actor, [
        { action: 'result.share', outcome: 'allowed', patientId, entityType: 'result', entityId: resultId, detail: { seriesId, shareId: row?.id, withMessage: parsed.data.messageToPatient !== null } },
      ]);
      return { ok: true as const, changed: true };
    });
  } catch (error) {
    // A colleague shared the same series at the same moment: the unique index kept one active share.
    if (uniqueViolationConstraint(error) === 'result_shares_active_unique') return { ok: true, changed: false };
    throw error;
  }
}

/** Stops showing the result's series to the patient. The share row stays as the record of what was shown when. */
export async function unshareResult(actor: Actor, resultId: string): Promise<ShareOutcome> {
  const db = getDb();
  const { patientId, seriesId } = await patientOfResult(db, actor, resultId, 'result.unshare');
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'result.unshare', entityType: 'result', entityId: resultId, recordAllowed: false });
  return inTransaction(async (tx) => {
    const revoked = await tx
      .update(resultShares)
      .set({ revokedAt: sql`now()`, revokedBy: actor.userId })
      .where(and(eq(resultShares.seriesId, seriesId), isNull(resultShares.revokedAt)))
      .returning({ id: resultShares.id });
    if (revoked.length === 0) return { ok: true as const, changed: false };
    await recordAudit(tx, actor, [{ action: 'result.unshare', outcome: 'allowed', patientId, entityType: 'result', entityId: resultId, detail: { seriesId, shareId: revoked[0]?.id } }]);
    return { ok: true as const, changed: true };
  });
}

/** Whether the result's series is shown to the patient now, for the clinician's result page (care team only). */
export async function getResultShareState(actor: Actor, resultId: string): Promise<ResultShareState> {
  const db = getDb();
  const { patientId, seriesId } = await patientOfResult(db, actor, resultId, 'result.share.read');
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'result.share.read', entityType: 'result', entityId: resultId, recordAllowed: false });
  const [row] = await db
    .select({ sharedAt: resultShares.sharedAt, messageToPatient: resultShares.messageToPatient, sharedByName: users.name })
    .from(resultShares)
    .innerJoin(users, eq(users.id, resultShares.sharedBy))
    .where(and(eq(resultShares.seriesId, seriesId), isNull(resultShares.revokedAt)));
  if (!row) return { shared: false, sharedAt: null, sharedByName: null, messageToPatient: null };
  return { shared: true, sharedAt: row.sharedAt.toISOString(), sharedByName: row.sharedByName, messageToPatient: row.messageToPatient };
}
