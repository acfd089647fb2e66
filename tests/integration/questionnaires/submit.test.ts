import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, patients, questionnaireResponses, results } from '../../../db/schema';
import { ForbiddenError } from '../../../lib/platform/errors';
import { QUESTIONNAIRES, type QuestionnaireId } from '../../../lib/questionnaires/definitions';
import { submitQuestionnaire } from '../../../lib/questionnaires/mutations';
import { getMyQuestionnaires } from '../../../lib/questionnaires/queries';
import { getPatientResults } from '../../../lib/results/queries';
import { actorOf, addCondition, makeClinic } from '../fixtures';

// A patient completes DLQI/POEM/UAS7 about themself: the total is computed from the raw answers, stored
// as a patient-reported score entered by the patient, the raw answers kept beside it, all in one
// transaction with its audit event. Nobody else may submit, and nobody may submit for someone else.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
beforeAll(async () => {
  c = await makeClinic();
});

const today = () => new Date().toISOString().slice(0, 10);
/** Every item answered with the option of the given score (or the nearest lower one). */
function answersScoring(id: QuestionnaireId, score: number): Record<string, string> {
  return Object.fromEntries(
    QUESTIONNAIRES[id].items.map((item) => {
      const opts = [...item.options].sort((a, b) => b.score - a.score);
      return [item.id, (opts.find((o) => o.score <= score) ?? opts[opts.length - 1])?.value ?? ''];
    }),
  );
}

async function deniedCount(userId: string, action: string) {
  const rows = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action), eq(auditEvents.outcome, 'denied')));
  return rows.length;
}

describe('submitQuestionnaire', () => {
  it('stores the DLQI total as a patient-reported score entered by the patient, with the raw answers', async () => {
    const patient = actorOf(c.patientUser);
    const answers = { ...answersScoring('dlqi', 0), q1: 'very_much', q2: 'a_lot', q7: 'yes', q10: 'not_relevant' };
    const before = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, c.patient.id));
    const out = await submitQuestionnaire(patient, { instrument: 'dlqi', effectiveDate: today(), answers });
    expect(out).toMatchObject({ ok: true, data: { total: 8, max: 30, bandLabel: 'moderate effect' } });
    if (!out.ok) return;

    const [result] = await getDb().select().from(results).where(eq(results.id, out.data.resultId));
    expect(result).toMatchObject({ kind: 'score', instrument: 'dlqi', value: 8, enteredBy: c.patientUser.id, patientId: c.patient.id, title: 'DLQI (patient-reported)' });
    expect(result?.data).toMatchObject({ reportedBy: 'patient', value: 8, instrument: 'dlqi' });
    expect(result?.interpretation).toBeTruthy();

    const [response] = await getDb().select().from(questionnaireResponses).where(eq(questionnaireResponses.id, out.data.responseId));
    expect(response).toMatchObject({ instrument: 'dlqi', total: 8, resultId: out.data.resultId, submittedBy: c.patientUser.id, answers });

    const audit = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'questionnaire.submit'), eq(auditEvents.entityId, out.data.responseId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.outcome).toBe('allowed');
    const after = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, c.patient.id));
    expect((after[0]?.at?.getTime() ?? 0) >= (before[0]?.at?.getTime() ?? 0)).toBe(true);

    // The care team sees it, marked patient-reported.
    const { results: list } = await getPatientResults(actorOf(c.dermOnTeam), c.patient.id);
    expect(list.find((r) => r.id === out.data.resultId)).toMatchObject({ reportedBy: 'patient', enteredByName: c.patientUser.name });
  });

  it('POEM at its maximum (28) and minimum (0)', async () => {
    const patient = actorOf(c.patientUser);
    expect(await submitQuestionnaire(patient, { instrument: 'poem', effectiveDate: today(), answers: answersScoring('poem', 4) })).toMatchObject({ ok: true, data: { total: 28 } });
    expect(await submitQuestionnaire(patient, { instrument: 'poem', effectiveDate: today(), answers: answersScoring('poem', 0) })).toMatchObject({ ok: true, data: { total: 0 } });
  });

  it('refuses a missing answer, and a future date, saving nothing', async () => {
    const patient = actorOf(c.patientUser);
    const { q4: _gone, ...missing } = answersScoring('dlqi', 1);
    const before = (await getDb().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, c.patient.id))).length;
    const out = await submitQuestionnaire(patient, { instrument: 'dlqi', effectiveDate: today(), answers: missing });
    expect(out).toMatchObject({ ok: false, fieldErrors: { 'answers.q4': ['Choose an answer.'] } });
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect(await submitQuestionnaire(patient, { instrument: 'dlqi', effectiveDate: future, answers: answersScoring('dlqi', 1) })).toMatchObject({ ok: false });
    expect((await getDb().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, c.patient.id))).length).toBe(before);
  });

  it('UAS7 only for a patient with urticaria (L50*)', async () => {
    const patient = actorOf(c.patientUser);
    expect(await submitQuestionnaire(patient, { instrument: 'uas7', effectiveDate: today(), answers: answersScoring('uas7', 3) })).toMatchObject({ ok: false });
    expect((await getMyQuestionnaires(patient)).offered).toEqual(['dlqi', 'poem']);
    await addCondition(c.otherPatient.id, 'L50.1', 'Idiopathic urticaria');
    const other = actorOf(c.otherPatientUser);
    expect((await getMyQuestionnaires(other)).offered).toEqual(['dlqi', 'poem', 'uas7']);
    expect(await submitQuestionnaire(other, { instrument: 'uas7', effectiveDate: today(), answers: answersScoring('uas7', 3) })).toMatchObject({ ok: true, data: { total: 42, bandLabel: 'severe' } });
  });

  it('a patient can never submit for another patient: refused and audited, nothing stored', async () => {
    const other = actorOf(c.otherPatientUser);
    const before = (await getDb().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, c.patient.id))).length;
    await expect(submitQuestionnaire(other, { instrument: 'dlqi', effectiveDate: today(), answers: answersScoring('dlqi', 1), patientId: c.patient.id })).rejects.toThrow(ForbiddenError);
    expect(await deniedCount(c.otherPatientUser.id, 'questionnaire.submit')).toBe(1);
    expect((await getDb().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, c.patient.id))).length).toBe(before);
  });

  it.each(['dermOnTeam', 'nutritionistOnTeam', 'dermOffTeam', 'admin'] as const)('%s cannot submit a patient questionnaire (refused and audited)', async (who) => {
    const user = c[who];
    await expect(submitQuestionnaire(actorOf(user), { instrument: 'dlqi', effectiveDate: today(), answers: answersScoring('dlqi', 1), patientId: c.patient.id })).rejects.toThrow(ForbiddenError);
    await expect(submitQuestionnaire(actorOf(user), { instrument: 'dlqi', effectiveDate: today(), answers: answersScoring('dlqi', 1) })).rejects.toThrow(ForbiddenError);
    expect(await deniedCount(user.id, 'questionnaire.submit')).toBe(2);
  });

  it('a patient reads only their own questionnaires', async () => {
    const mine = await getMyQuestionnaires(actorOf(c.patientUser));
    expect(mine.recent.length).toBeGreaterThan(0);
    const theirs = await getMyQuestionnaires(actorOf(c.otherPatientUser));
    const mineIds = new Set(mine.recent.map((r) => r.id));
    expect(theirs.recent.some((r) => mineIds.has(r.id))).toBe(false);
    // The care team's working list of results is not the patient's to read, not even their own.
    await expect(getPatientResults(actorOf(c.patientUser), c.patient.id)).rejects.toThrow(ForbiddenError);
    await expect(getPatientResults(actorOf(c.otherPatientUser), c.patient.id)).rejects.toThrow(ForbiddenError);
    await expect(getMyQuestionnaires(actorOf(c.dermOnTeam))).rejects.toThrow(ForbiddenError);
  });
});
