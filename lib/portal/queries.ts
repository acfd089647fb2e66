import 'server-only';
import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { carePlanGoals, carePlanInterventions, patients, results, resultShares, users } from '@/db/schema';
import type { InterventionKind, ResultFlag, ResultKind, Specialty } from '@/db/schema/enum-values';
import { authorizePatientAccess, authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { plannedUntil, summarizeDetails, type PlannedUntil } from '@/lib/care-plans/describe';
import { INTERVENTION_KIND_LABELS, NEVER_RAN_STATUSES } from '@/lib/care-plans/kinds';
import { ForbiddenError } from '@/lib/platform/errors';
import { listSharedNotesForPatient, type SharedNote } from '@/lib/notes/queries';
import { loadCareTeams, loadConditions } from '@/lib/patients/queries';
import { describeProvenance } from '@/lib/results/provenance';
import { readStoredResult, type StoredResult } from '@/lib/results/stored';
import { getInstrument, INSTRUMENT_IDS, isInstrumentId, type InstrumentId } from '@/lib/clinical/scores/instruments';
import { responsesByIntervention } from '@/lib/outcomes/responses';
import { formatDate } from '@/lib/ui/format';
import { explainResponseForPatient, explainResultForPatient, RESULT_KIND_PLAIN, type PlainExplanation } from './plain-language';

export interface PortalHome {
  givenName: string;
  familyName: string;
  careTeam: { name: string; specialty: Specialty | null }[];
}

/** A patient's own portal home. Only the patient's own record is ever read: the id comes from the account. */
export async function getPortalHome(actor: Actor): Promise<PortalHome> {
  const db = getDb();
  await authorizeRole(db, actor, ['patient'], { action: 'portal.home.read' });
  if (!actor.patientId) throw new ForbiddenError('This account is not linked to a patient record.');
  await authorizePatientAccess(db, actor, actor.patientId, 'clinical-read', { action: 'portal.home.read' });
  const [p] = await db.select({ givenName: patients.givenName, familyName: patients.familyName }).from(patients).where(eq(patients.id, actor.patientId));
  if (!p) throw new ForbiddenError();
  const team = (await loadCareTeams(db, [actor.patientId])).get(actor.patientId) ?? [];
  return { ...p, careTeam: team.map((m) => ({ name: m.name, specialty: m.specialty })) };
}

// --- The patient's summary ---------------------------------------------------------------------
//
// What a patient sees is what their care team chose to show them, on their own record only:
// - results: the current version of every series with an active share (result_shares, revoked_at null);
// - notes: signed, current notes shared with the patient (lib/notes/queries listSharedNotesForPatient);
// - plan: interventions that are active or paused now (not proposals, not finished or declined ones);
// - score trends: score results whose series is shared, plus the scores the patient reported themself
//   (results of kind 'score' entered by a portal account linked to this patient). A clinician's
//   unshared score never appears in a chart.
// The patient id always comes from the account, never from the request.

export interface PortalPlanItem {
  id: string;
  /** What: the item's title and kind. */
  title: string;
  kindLabel: string;
  details: string;
  /** Why: the goal it serves, or what this kind of item is for. */
  why: string;
  /** Until when: the planned end date (or a diet's planned reintroduction), or null for ongoing. */
  until: PlannedUntil | null;
  startDate: string | null;
  paused: boolean;
  ownerName: string;
  ownerSpecialty: Specialty;
}

export interface PortalSharedResult {
  id: string;
  kind: ResultKind;
  kindLabel: string;
  title: string;
  effectiveDate: string;
  flag: ResultFlag;
  explanation: PlainExplanation;
  messageToPatient: string | null;
  sharedAt: string;
  sharedByName: string;
}

export interface PortalScoreTrend {
  instrument: InstrumentId;
  label: string;
  fullName: string;
  min: number;
  max: number;
  bands: { from: number; to: number; label: string; severity: string }[];
  points: { effectiveDate: string; value: number; reportedByMe: boolean }[];
}

export interface PortalSummary {
  patient: { givenName: string; familyName: string; dateOfBirth: string; sex: string; mrn: string };
  conditions: { code: string; display: string; clinicalStatus: string; onsetDate: string | null }[];
  careTeam: { name: string; specialty: Specialty | null; role: string }[];
  plan: PortalPlanItem[];
  results: PortalSharedResult[];
  notes: SharedNote[];
  scoreTrends: PortalScoreTrend[];
  /** How visible scores changed since each plan item started, in plain words (assessed or early only). */
  scoreChanges: PortalScoreChange[];
  generatedAt: string;
}

export interface PortalScoreChange {
  interventionTitle: string;
  instrumentLabel: string;
  early: boolean;
  text: string;
}

/** Why a plan item of this kind is there, when it is not linked to a goal. */
const KIND_PURPOSE: Record<InterventionKind, string> = {
  medication: 'A medicine your care team prescribed for your condition.',
  topical: 'A treatment you put on your skin.',
  procedure: 'A treatment done in the clinic.',
  diet: 'A change to what you eat, to help your gut and skin.',
  supplement: 'A supplement to support your treatment.',
  probiotic: 'A probiotic to support the balance of bacteria in your gut.',
  lifestyle: 'A change to daily habits that can help your condition.',
  referral: 'A test or an appointment with another specialist.',
};

/** Resolves the signed-in patient's own record id, refusing (and auditing) anyone else. */
async function ownPatientId(actor: Actor, action: string, entity?: { entityType: string; entityId: string }): Promise<string> {
  const db = getDb();
  await authorizeRole(db, actor, ['patient'], { action, ...entity });
  if (!actor.patientId) {
    await recordAudit(db, actor, [{ action, outcome: 'denied', ...entity, detail: { reason: 'no-linked-record' } }]);
    throw new ForbiddenError('This account is not linked to a patient record.');
  }
  return actor.patientId;
}

/** Score series the patient may see: shared by the team, or reported by the patient's own account. */
function visibleScoreCondition(patientId: string) {
  const db = getDb();
  return or(
    sql`exists (${db
      .select({ one: sql`1` })
      .from(resultShares)
      .where(and(eq(resultShares.seriesId, results.seriesId), eq(resultShares.patientId, patientId), isNull(resultShares.revokedAt)))})`,
    sql`exists (${db
      .select({ one: sql`1` })
      .from(users)
      .where(and(eq(users.id, results.enteredBy), eq(users.role, 'patient'), eq(users.patientId, patientId)))})`,
  );
}

async function loadScoreTrends(patientId: string): Promise<PortalScoreTrend[]> {
  const db = getDb();
  const rows = await db
    .select({ instrument: results.instrument, effectiveDate: results.effectiveDate, value: results.value, enteredByRole: users.role, enteredByName: users.name, reportedBy: sql<string | null>`${results.data}->>'reportedBy'` })
    .from(results)
    .innerJoin(users, eq(users.id, results.enteredBy))
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true), eq(results.kind, 'score'), visibleScoreCondition(patientId)))
    .orderBy(asc(results.effectiveDate), asc(results.enteredAt));
  const byInstrument = new Map<InstrumentId, PortalScoreTrend['points']>();
  for (const r of rows) {
    if (!r.instrument || r.value === null || !isInstrumentId(r.instrument)) continue;
    const list = byInstrument.get(r.instrument) ?? [];
    // Self-reported: the patient's own report, whether they typed it in the portal or the team entered it for them.
    list.push({ effectiveDate: r.effectiveDate, value: r.value, reportedByMe: describeProvenance(r).reportedByPatient });
    byInstrument.set(r.instrument, list);
  }
  return INSTRUMENT_IDS.filter((id) => byInstrument.has(id)).map((id) => {
    const instrument = getInstrument(id);
    return {
      instrument: id,
      label: instrument.label,
      fullName: instrument.fullName,
      min: instrument.min,
      max: instrument.max,
      bands: instrument.bands.map((b) => ({ from: b.from, to: b.to, label: b.label, severity: b.severity })),
      points: byInstrument.get(id) ?? [],
    };
  });
}

/** The signed-in patient's own summary: only what their care team shared, plus their own reports. Audited. */
export async function getPortalSummary(actor: Actor): Promise<PortalSummary> {
  const db = getDb();
  const patientId = await ownPatientId(actor, 'portal.summary.read');
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'portal.summary.read' });
  const sharer = alias(users, 'sharer');
  const owner = alias(users, 'owner');
  const [[p], conditionMap, teamMap, planRows, resultRows, notes, scoreTrends, ranRows] = await Promise.all([
    db
      .select({ givenName: patients.givenName, familyName: patients.familyName, dateOfBirth: patients.dateOfBirth, sex: patients.sex, mrn: patients.mrn })
      .from(patients)
      .where(eq(patients.id, patientId)),
    loadConditions(db, [patientId]),
    loadCareTeams(db, [patientId]),
    db
      .select({ i: carePlanInterventions, goal: carePlanGoals.description, ownerName: owner.name })
      .from(carePlanInterventions)
      .innerJoin(owner, eq(owner.id, carePlanInterventions.ownerUserId))
      .leftJoin(carePlanGoals, eq(carePlanGoals.id, carePlanInterventions.goalId))
      .where(and(eq(carePlanInterventions.patientId, patientId), inArray(carePlanInterventions.status, ['active', 'paused'])))
      .orderBy(asc(carePlanInterventions.status), asc(carePlanInterventions.startDate), asc(carePlanInterventions.title)),
    db
      .select({ r: results, messageToPatient: resultShares.messageToPatient, sharedAt: resultShares.sharedAt, sharedByName: sharer.name })
      .from(results)
      .innerJoin(resultShares, and(eq(resultShares.seriesId, results.seriesId), eq(resultShares.patientId, patientId), isNull(resultShares.revokedAt)))
      .innerJoin(sharer, eq(sharer.id, resultShares.sharedBy))
      .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true)))
      .orderBy(desc(results.effectiveDate), desc(results.enteredAt)),
    listSharedNotesForPatient(actor, patientId),
    loadScoreTrends(patientId),
    // Plan items that ran (not proposals, not declined ones), for "how your scores changed".
    db
      .select({ id: carePlanInterventions.id, title: carePlanInterventions.title, status: carePlanInterventions.status, startDate: carePlanInterventions.startDate, endDate: carePlanInterventions.endDate, responseWeeks: carePlanInterventions.responseWeeks })
      .from(carePlanInterventions)
      .where(and(eq(carePlanInterventions.patientId, patientId), notInArray(carePlanInterventions.status, [...NEVER_RAN_STATUSES])))
      .orderBy(desc(carePlanInterventions.startDate), asc(carePlanInterventions.title)),
  ]);
  if (!p) throw new ForbiddenError();
  // Only from the scores the patient can see: an unshared clinician score never shapes what they read.
  const visible = Object.fromEntries(scoreTrends.map((t) => [t.instrument, t.points]));
  const byIntervention = responsesByIntervention(ranRows, visible);
  const scoreChanges: PortalScoreChange[] = ranRows.flatMap((i) =>
    (byIntervention.get(i.id) ?? []).flatMap((r) => {
      const text = explainResponseForPatient(r, i.title, formatDate);
      return text ? [{ interventionTitle: i.title, instrumentLabel: getInstrument(r.instrument).label, early: r.status === 'provisional', text }] : [];
    }),
  );
  return {
    patient: p,
    conditions: (conditionMap.get(patientId) ?? []).map((c) => ({ code: c.code, display: c.display, clinicalStatus: c.clinicalStatus, onsetDate: c.onsetDate })),
    careTeam: (teamMap.get(patientId) ?? []).map((m) => ({ name: m.name, specialty: m.specialty, role: m.role })),
    plan: planRows.map(({ i, goal, ownerName }) => ({
      id: i.id,
      title: i.title,
      kindLabel: INTERVENTION_KIND_LABELS[i.kind],
      details: summarizeDetails(i.kind, i.details),
      why: goal ?? KIND_PURPOSE[i.kind],
      until: plannedUntil(i.kind, i.endDate, i.details),
      startDate: i.startDate,
      paused: i.status === 'paused',
      ownerName,
      ownerSpecialty: i.ownerSpecialty,
    })),
    results: resultRows.map(({ r, messageToPatient, sharedAt, sharedByName }) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: RESULT_KIND_PLAIN[r.kind],
      title: r.title,
      effectiveDate: r.effectiveDate,
      flag: r.flag,
      explanation: explainResultForPatient(readStoredResult(r.kind, r.data, r.interpretation)),
      messageToPatient,
      sharedAt: sharedAt.toISOString(),
      sharedByName,
    })),
    notes,
    scoreTrends,
    scoreChanges,
    generatedAt: new Date().toISOString(),
  };
}

export interface PortalResultDetail extends PortalSharedResult {
  stored: StoredResult;
  /** For a score: the visible trend of its instrument. */
  trend: PortalScoreTrend | null;
}

const uuidSchema = z.uuid();

/**
 * One shared result for the patient's detail page. Refused (ForbiddenError, audited) unless the result
 * is on the patient's own record and its series is shared now. Always shows the series' current version.
 */
export async function getPortalResult(actor: Actor, resultId: string): Promise<PortalResultDetail> {
  const db = getDb();
  const action = 'portal.result.read';
  const entity = { entityType: 'result', entityId: resultId.slice(0, 64) };
  const patientId = await ownPatientId(actor, action, entity);
  const [target] = uuidSchema.safeParse(resultId).success
    ? await db.select({ patientId: results.patientId, seriesId: results.seriesId }).from(results).where(eq(results.id, resultId))
    : [];
  if (!target) {
    await recordAudit(db, actor, [{ action, outcome: 'denied', ...entity, detail: { reason: 'result-not-found' } }]);
    throw new ForbiddenError(NOT_SHARED_MESSAGE);
  }
  // Another patient's result is refused here, with the reason 'not-own-record'.
  await authorizePatientAccess(db, actor, target.patientId, 'clinical-read', { action, ...entity, recordAllowed: false });
  const sharer = alias(users, 'sharer');
  const [row] = await db
    .select({ r: results, messageToPatient: resultShares.messageToPatient, sharedAt: resultShares.sharedAt, sharedByName: sharer.name })
    .from(results)
    .innerJoin(resultShares, and(eq(resultShares.seriesId, results.seriesId), eq(resultShares.patientId, patientId), isNull(resultShares.revokedAt)))
    .innerJoin(sharer, eq(sharer.id, resultShares.sharedBy))
    .where(and(eq(results.seriesId, target.seriesId), eq(results.patientId, patientId), eq(results.isCurrent, true)));
  if (!row) {
    await recordAudit(db, actor, [{ action, outcome: 'denied', patientId, ...entity, detail: { reason: 'not-shared' } }]);
    throw new ForbiddenError(NOT_SHARED_MESSAGE);
  }
  await recordAudit(db, actor, [{ action, outcome: 'allowed', patientId, ...entity }]);
  const stored = readStoredResult(row.r.kind, row.r.data, row.r.interpretation);
  const trend = row.r.kind === 'score' ? ((await loadScoreTrends(patientId)).find((t) => t.instrument === row.r.instrument) ?? null) : null;
  return {
    id: row.r.id,
    kind: row.r.kind,
    kindLabel: RESULT_KIND_PLAIN[row.r.kind],
    title: row.r.title,
    effectiveDate: row.r.effectiveDate,
    flag: row.r.flag,
    explanation: explainResultForPatient(stored),
    messageToPatient: row.messageToPatient,
    sharedAt: row.sharedAt.toISOString(),
    sharedByName: row.sharedByName,
    stored,
    trend,
  };
}

export const NOT_SHARED_MESSAGE = 'This result does not exist, or your care team has not shared it with you.';
