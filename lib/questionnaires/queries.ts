import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { conditions, questionnaireResponses } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { bandFor } from '@/lib/clinical/scores/instruments';
import { QUESTIONNAIRE_IDS, offersUas7, type QuestionnaireId } from './definitions';

export interface QuestionnaireResponseSummary {
  id: string;
  instrument: QuestionnaireId;
  effectiveDate: string;
  total: number;
  bandLabel: string | null;
  submittedAt: string;
}

export interface MyQuestionnaires {
  /** The questionnaires this patient is offered (UAS7 only with an urticaria diagnosis). */
  offered: QuestionnaireId[];
  recent: QuestionnaireResponseSummary[];
}

const asId = (s: string): QuestionnaireId | null => (QUESTIONNAIRE_IDS as readonly string[]).includes(s) ? (s as QuestionnaireId) : null;

/** The signed-in patient's own questionnaires: which to offer and what they sent before. Audited. */
export async function getMyQuestionnaires(actor: Actor, limit = 10): Promise<MyQuestionnaires> {
  const db = getDb();
  const patientId = actor.patientId ?? '';
  await authorizePatientAccess(db, actor, patientId, 'patient-report', { action: 'questionnaire.list' });
  const codes = await db.select({ code: conditions.code }).from(conditions).where(eq(conditions.patientId, patientId));
  const offered: QuestionnaireId[] = offersUas7(codes.map((c) => c.code)) ? ['dlqi', 'poem', 'uas7'] : ['dlqi', 'poem'];
  const rows = await db
    .select()
    .from(questionnaireResponses)
    .where(eq(questionnaireResponses.patientId, patientId))
    .orderBy(desc(questionnaireResponses.submittedAt))
    .limit(limit);
  const recent: QuestionnaireResponseSummary[] = [];
  for (const r of rows) {
    const instrument = asId(r.instrument);
    if (!instrument) continue;
    recent.push({ id: r.id, instrument, effectiveDate: r.effectiveDate, total: r.total, bandLabel: bandFor(instrument, r.total)?.label ?? null, submittedAt: r.submittedAt.toISOString() });
  }
  return { offered, recent };
}
