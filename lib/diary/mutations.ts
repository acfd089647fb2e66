import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { diaryEntries, patients } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import { fieldErrorsOf, type FieldErrors } from '@/lib/platform/errors';
import { latestAllowedDate } from '@/lib/questionnaires/schema';
import { diaryEntryInputSchema } from './schema';

export type AddDiaryEntryOutcome = { ok: true; data: { entryId: string } } | { ok: false; error: string; fieldErrors?: FieldErrors };

const INVALID = 'Some entries need correcting. Nothing was saved.';

/** A patient adds a day to their own food-and-symptom diary. Only the patient, on their own record. */
export async function addDiaryEntry(actor: Actor, input: unknown, options: { patientId?: string } = {}): Promise<AddDiaryEntryOutcome> {
  const db = getDb();
  const patientId = options.patientId ?? actor.patientId ?? '';
  await authorizePatientAccess(db, actor, patientId, 'patient-report', { action: 'diary.create', recordAllowed: false });

  const parsed = diaryEntryInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, error: fieldErrors._form?.[0] ?? INVALID, fieldErrors };
  }
  const v = parsed.data;
  // "Not in the future", with the same one day of slack as results (server in UTC, patient may be ahead).
  if (v.entryDate > latestAllowedDate()) return { ok: false, error: INVALID, fieldErrors: { entryDate: ['The date cannot be in the future.'] } };

  const entryId = await inTransaction(async (tx) => {
    const [row] = await tx
      .insert(diaryEntries)
      .values({
        patientId,
        entryDate: v.entryDate,
        meals: v.meals.map((m) => (m.time ? { time: m.time, description: m.description } : { description: m.description })),
        stoolForm: v.stoolForm ?? null,
        itch: v.itch ?? null,
        flare: v.flare ?? null,
        notes: v.notes || null,
        confounders: v.confounders,
        submittedBy: actor.userId,
      })
      .returning({ id: diaryEntries.id });
    if (!row) throw new Error('diary insert returned no row');
    await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, patientId));
    await recordAudit(tx, actor, [{ action: 'diary.create', outcome: 'allowed', patientId, entityType: 'diary_entry', entityId: row.id, detail: { entryDate: v.entryDate } }]);
    return row.id;
  });
  return { ok: true, data: { entryId } };
}
