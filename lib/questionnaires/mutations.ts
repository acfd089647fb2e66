import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { conditions, patients, questionnaireResponses, results } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import { fieldErrorsOf, type FieldErrors } from '@/lib/platform/errors';
import { derivedColumns } from '@/lib/results/kind-handler';
import { resultHandlers } from '@/lib/results/kinds';
import { derivationPatient } from '@/lib/results/mutations';
import { bandFor } from '@/lib/clinical/scores/instruments';
import { scoreInputSchema } from '@/lib/clinical/scores/schema';
import { getQuestionnaire, offersUas7, scoreQuestionnaire } from './definitions';
import { latestAllowedDate, questionnaireSubmissionSchema } from './schema';

export type SubmitQuestionnaireOutcome =
  | { ok: true; data: { responseId: string; resultId: string; total: number; max: number; bandLabel: string | null } }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

const INVALID = 'Some answers are missing. Please answer every question; nothing was saved.';

/**
 * A patient completes a questionnaire about themself. The total is computed here from the raw answers
 * (never sent by the form) and stored as a patient-reported score result, with the raw answers beside it,
 * in one transaction with its audit event. Only the patient may do this, on their own record.
 */
export async function submitQuestionnaire(
  actor: Actor,
  input: { instrument: unknown; effectiveDate: unknown; answers: unknown; patientId?: string },
): Promise<SubmitQuestionnaireOutcome> {
  const db = getDb();
  const patientId = input.patientId ?? actor.patientId ?? '';
  await authorizePatientAccess(db, actor, patientId, 'patient-report', { action: 'questionnaire.submit', recordAllowed: false });

  const parsed = questionnaireSubmissionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  }
  const { instrument, effectiveDate, answers } = parsed.data;
  if (effectiveDate > latestAllowedDate()) return { ok: false, error: 'The date cannot be in the future.', fieldErrors: { effectiveDate: ['The date cannot be in the future.'] } };

  if (instrument === 'uas7') {
    const codes = await db.select({ code: conditions.code }).from(conditions).where(eq(conditions.patientId, patientId));
    if (!offersUas7(codes.map((c) => c.code))) return { ok: false, error: 'This questionnaire is for people with urticaria (hives). Your care team has not recorded that for you.' };
  }

  const scored = scoreQuestionnaire(instrument, answers);
  if (!scored.ok) {
    const fieldErrors: FieldErrors = {};
    for (const id of scored.missing) fieldErrors[`answers.${id}`] = ['Choose an answer.'];
    for (const id of scored.invalid) fieldErrors[`answers.${id}`] = ['Choose one of the answers shown.'];
    if (scored.unknown.length) fieldErrors._form = ['Some answers do not belong to this questionnaire.'];
    return { ok: false, error: INVALID, fieldErrors };
  }

  // The same rules a clinician-entered score goes through: range check, band, interpretation.
  const scoreInput = scoreInputSchema.safeParse({ effectiveDate, instrument, value: scored.total, reportedBy: 'patient' });
  if (!scoreInput.success) throw new Error(`questionnaire total failed score validation: ${scoreInput.error.message}`);
  const derived = resultHandlers.score.derive(scoreInput.data, await derivationPatient(db, patientId));

  const ids = await inTransaction(async (tx) => {
    const [result] = await tx
      .insert(results)
      .values({
        patientId,
        kind: 'score',
        seriesId: randomUUID(),
        version: 1,
        ...derivedColumns(derived),
        data: { ...scoreInput.data },
        enteredBy: actor.userId,
      })
      .returning({ id: results.id });
    if (!result) throw new Error('result insert returned no row');
    const [response] = await tx
      .insert(questionnaireResponses)
      .values({ patientId, instrument, answers, total: scored.total, effectiveDate, resultId: result.id, submittedBy: actor.userId })
      .returning({ id: questionnaireResponses.id });
    if (!response) throw new Error('questionnaire response insert returned no row');
    await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, patientId));
    await recordAudit(tx, actor, [
      { action: 'questionnaire.submit', outcome: 'allowed', patientId, entityType: 'questionnaire_response', entityId: response.id, detail: { instrument, resultId: result.id, total: scored.total } },
    ]);
    return { responseId: response.id, resultId: result.id };
  });

  const def = getQuestionnaire(instrument);
  return { ok: true, data: { ...ids, total: scored.total, max: def.max, bandLabel: bandFor(instrument, scored.total)?.label ?? null } };
}
