import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  carePlanGoals,
  carePlanInterventions,
  careTeamMembers,
  clinicalNotes,
  clinicianTasks,
  conditions,
  diaryEntries,
  eliminationProtocols,
  emergencyAccessGrants,
  noteLinks,
  patients,
  patientViews,
  results,
  users,
  type StoredChallenge,
} from '@/db/schema';
import type { GoalStatus, InterventionStatus } from '@/db/schema/enum-values';
import { authorizePatientSections, type PatientSectionRead } from '@/lib/platform/access/guard';
import { recordAudit } from '@/lib/platform/audit/record';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { INTERVENTION_STATUS_ORDER } from '@/lib/care-plans/queries';
import { daysAgo, type DiaryEntry } from '@/lib/diary/queries';
import type { EmergencyAccessView } from '@/lib/emergency-access/queries';
import { compareLinks, firstNoteVersion, noteSummaryColumns, resultLinkLabel, type NoteLinkView, type NoteSummary } from '@/lib/notes/queries';
import type { NoteLinkTargetType } from '@/lib/notes/schema';
import { recordPatientView, scoreSeriesFrom, selectCurrentResults, summarizeResults, type PatientResults, type ScorePoint } from '@/lib/results/queries';
import type { InterventionResponse } from '@/lib/clinical/outcomes/response';
import { FOLLOW_UP_ORDER, followUpViews, type FollowUpRow, type FollowUpView } from '@/lib/outcomes/follow-ups';
import { responsesByIntervention } from '@/lib/outcomes/responses';
import { diaryDayTag } from '@/lib/clinical/reintroduction/progress';
import { protocolSchedule } from '@/lib/clinical/reintroduction/schedule';
import { ageInYears } from './caseload-query';
import { patientIdentityColumns, type PatientRecord } from './queries';

/** The care plan as the record page summarises it: goals and interventions, current ones first. */
export interface CarePlanSummaryView {
  goals: { id: string; description: string; targetDate: string | null; status: GoalStatus }[];
  interventions: {
    id: string;
    title: string;
    status: InterventionStatus;
    ownerName: string;
    startDate: string | null;
    endDate: string | null;
    /** Proposed and owned by the clinician looking: only they can accept or decline it. */
    awaitingMyAcceptance: boolean;
  }[];
  awaitingMyAcceptance: number;
}

export interface PatientRecordPage {
  record: PatientRecord;
  results: PatientResults;
  scoreSeries: Record<string, ScorePoint[]>;
  plan: CarePlanSummaryView;
  /** The newest notes, one more than the card shows, so it knows whether to link to all of them. */
  notes: NoteSummary[];
  /** The patient's diary, last 14 days. */
  diary: DiaryEntry[];
  emergencyAccesses: EmergencyAccessView[];
  /** "What worked": each intervention that ran, with the response of every scored instrument. */
  whatWorked: { interventionId: string; title: string; status: InterventionStatus; startDate: string | null; endDate: string | null; responses: InterventionResponse[] }[];
  /** Test of cure and breath retests scheduled from the plan, open ones first. */
  followUps: FollowUpView[];
  /** The reader's own running emergency grant on this record (read-only while it runs), if any. */
  liveEmergencyAccessId: string | null;
}

/** How many notes the record page shows before "All treatment notes". */
export const RECORD_PAGE_NOTES = 5;
/** Days of diary on the record page, today included. */
export const RECORD_PAGE_DIARY_DAYS = 14;
const DIARY_LIMIT = 200;
const EMERGENCY_LIMIT = 50;

/**
 * Each section of the page with the purpose and audit event its own lib/ function uses (getPatientRecord,
 * getPatientResults, getScoreSeries, getCarePlan, listNotes, listDiaryEntries,
 * listEmergencyAccessesForPatient), so the page leaves the same trail as reading them one by one.
 */
function sectionsFor(actor: Actor): PatientSectionRead[] {
  return [
    { purpose: 'clinical-read', audit: { action: 'patient.read' } },
    { purpose: 'team-read', audit: { action: 'result.list' } },
    { purpose: 'team-read', audit: { action: 'score.trend.read' } },
    { purpose: 'team-read', audit: { action: 'care_plan.read' } },
    { purpose: 'team-read', audit: { action: 'note.list' } },
    { purpose: actor.role === 'patient' ? 'clinical-read' : 'team-read', audit: { action: 'diary.list' } },
    { purpose: 'team-read', audit: { action: 'emergency_access.list' } },
    { purpose: 'team-read', audit: { action: 'follow_up.list' } },
  ];
}

// JSON built inside PostgreSQL carries timestamps as text with an offset; the page's types use toISOString().
const iso = (text: string) => new Date(text).toISOString();
// The outer row in the correlated subqueries, qualified: drizzle leaves a one-table select's columns bare.
const patientRef = sql`${patients}.id`;

interface RawCondition {
  id: string;
  codeSystem: string;
  code: string;
  display: string;
  onsetDate: string | null;
  clinicalStatus: PatientRecord['conditions'][number]['clinicalStatus'];
}
type RawCareTeamMember = Omit<PatientRecord['careTeam'][number], 'addedAt'> & { addedAt: string };
type RawIntervention = Omit<CarePlanSummaryView['interventions'][number], 'awaitingMyAcceptance'> & { ownerUserId: string; responseWeeks: number | null };
type RawFollowUp = FollowUpRow;
type RawDiaryEntry = Omit<DiaryEntry, 'patientReported' | 'challengeTag'>;
type RawProtocol = { startDate: string; eliminationWeeks: number; challenges: StoredChallenge[] } | null;
type RawEmergencyAccess = Omit<EmergencyAccessView, 'durationMinutes'>;
interface RawNoteLink {
  targetType: NoteLinkTargetType;
  targetId: string;
  resultId: string | null;
  resultTitle: string | null;
  resultDate: string | null;
  interventionTitle: string | null;
}

/**
 * Everything the clinician's patient page shows, with one access check and one audit insert for the
 * whole page instead of one per card. Refusals are those of the cards' own functions (a ForbiddenError
 * that says nothing about whether the patient exists); reads under an emergency grant are marked with
 * the grant on every event. Six statements whatever the record's size: the access facts, the audit
 * insert, the record with its small sections as JSON, the results, the newest notes with their tags,
 * and (for a clinician) moving their "last looked" time to now.
 */
export async function loadPatientRecordPage(actor: Actor, patientId: string): Promise<PatientRecordPage> {
  const db = getDb();
  const { events, liveEmergencyAccessId } = await authorizePatientSections(db, actor, patientId, sectionsFor(actor));
  const diaryFrom = daysAgo(RECORD_PAGE_DIARY_DAYS - 1);

  // Written beside the reads: the page renders only if the insert succeeded, so nothing is shown unaudited.
  const [, [p], resultRows, noteRows] = await Promise.all([
    recordAudit(db, actor, events),
    db
      .select({
        ...patientIdentityColumns,
        email: patients.email,
        phone: patients.phone,
        addressLine: patients.addressLine,
        lastActivityAt: patients.lastActivityAt,
        // When this reader had last opened the record, before this visit (read before it is moved below).
        previousViewAt: sql<Date | null>`(select pv.last_viewed_at from ${patientViews} pv
          where pv.user_id = ${actor.userId} and pv.patient_id = ${patientRef})`.mapWith(patientViews.lastViewedAt),
        // As loadConditions: active first, then by code.
        conditions: sql<RawCondition[]>`coalesce((
          select json_agg(json_build_object('id', c.id, 'codeSystem', c.code_system, 'code', c.code, 'display', c.display,
            'onsetDate', c.onset_date, 'clinicalStatus', c.clinical_status) order by c.clinical_status <> 'active', c.code)
          from ${conditions} c where c.patient_id = ${patientRef}), '[]'::json)`,
        // As loadCareTeams: the lead first, then by name.
        careTeam: sql<RawCareTeamMember[]>`coalesce((
          select json_agg(json_build_object('membershipId', m.id, 'userId', u.id, 'name', u.name, 'specialty', u.specialty,
            'role', m.role, 'addedAt', m.added_at) order by m.role, u.name)
          from ${careTeamMembers} m join ${users} u on u.id = m.user_id
          where m.patient_id = ${patientRef} and m.removed_at is null), '[]'::json)`,
        // As getCarePlan: goals in the order they were set.
        goals: sql<CarePlanSummaryView['goals']>`coalesce((
          select json_agg(json_build_object('id', g.id, 'description', g.description, 'targetDate', g.target_date, 'status', g.status)
            order by g.created_at)
          from ${carePlanGoals} g where g.patient_id = ${patientRef}), '[]'::json)`,
        // As getCarePlan: newest proposal first (sorted by status below).
        interventions: sql<RawIntervention[]>`coalesce((
          select json_agg(json_build_object('id', i.id, 'title', i.title, 'status', i.status, 'ownerUserId', i.owner_user_id,
            'ownerName', o.name, 'startDate', i.start_date, 'endDate', i.end_date, 'responseWeeks', i.response_weeks) order by i.proposed_at desc)
          from ${carePlanInterventions} i join ${users} o on o.id = i.owner_user_id
          where i.patient_id = ${patientRef}), '[]'::json)`,
        // As listDiaryEntries: newest day first.
        diary: sql<RawDiaryEntry[]>`coalesce((
          select json_agg(json_build_object('id', d.id, 'entryDate', d.entry_date, 'meals', d.meals, 'stoolForm', d.stool_form,
            'itch', d.itch, 'flare', d.flare, 'notes', d.notes, 'confounders', d.confounders, 'submittedAt', d.submitted_at) order by d.entry_date desc, d.submitted_at desc)
          from (select * from ${diaryEntries} de where de.patient_id = ${patientRef} and de.entry_date >= ${diaryFrom}
            order by de.entry_date desc, de.submitted_at desc limit ${DIARY_LIMIT}) d), '[]'::json)`,
        // As runningScheduleFor: the protocol whose days the diary entries are tagged with.
        protocol: sql<RawProtocol>`(
          select json_build_object('startDate', ep.start_date, 'eliminationWeeks', ep.elimination_weeks, 'challenges', ep.challenges)
          from ${eliminationProtocols} ep where ep.patient_id = ${patientRef} and ep.status in ('active', 'finished')
          order by ep.created_at desc limit 1)`,
        // As listEmergencyAccessesForPatient: newest first; one ended early counts from when it ended.
        emergencyAccesses: sql<RawEmergencyAccess[]>`coalesce((
          select json_agg(json_build_object('id', e.id, 'clinicianName', e.clinician_name, 'clinicianSpecialty', e.clinician_specialty,
            'reasonCategory', e.reason_category, 'reason', e.reason, 'grantedAt', e.granted_at, 'expiresAt', e.ends_at, 'live', e.live,
            'endedEarly', e.ended_early)
            order by e.granted_at desc, e.id desc)
          from (select g.id, u.name as clinician_name, u.specialty as clinician_specialty, g.reason_category, g.reason, g.granted_at,
              least(g.expires_at, coalesce(g.ended_at, g.expires_at)) as ends_at, (g.expires_at > now() and g.ended_at is null) as live,
              g.ended_at is not null as ended_early
            from ${emergencyAccessGrants} g join ${users} u on u.id = g.clinician_user_id
            where g.patient_id = ${patientRef}
            order by g.granted_at desc, g.id desc limit ${EMERGENCY_LIMIT}) e), '[]'::json)`,
        // As loadFollowUps: test of cure and retests scheduled from the plan, open ones first.
        followUps: sql<RawFollowUp[]>`coalesce((
          select json_agg(f) from (
            select t.id as "taskId", t.follow_up as "kind", i.id as "interventionId", i.title as "interventionTitle", i.end_date as "endDate",
              i.ppi_last_dose_date as "ppiLastDoseDate", a.name as "assigneeName", t.due_date as "dueFrom", t.done_at as "doneAt"
            from ${clinicianTasks} t join ${carePlanInterventions} i on i.id = t.intervention_id join ${users} a on a.id = t.assignee_id
            where t.patient_id = ${patientRef} and t.follow_up is not null
            order by ${FOLLOW_UP_ORDER} limit 50) f), '[]'::json)`,
      })
      .from(patients)
      .where(eq(patients.id, patientId)),
    selectCurrentResults(db, actor, patientId),
    selectRecentNotes(patientId),
  ]);
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  // After the read of the previous view time above, so "new since you last looked" is about the last visit.
  await recordPatientView(db, actor, patientId);

  const interventions = p.interventions
    .map(({ ownerUserId, responseWeeks: _responseWeeks, ...i }) => ({ ...i, awaitingMyAcceptance: actor.role === 'clinician' && i.status === 'proposed' && ownerUserId === actor.userId }))
    .sort((a, b) => INTERVENTION_STATUS_ORDER[a.status] - INTERVENTION_STATUS_ORDER[b.status]);
  // As loadScoreSeries: current score entries, oldest first (the results come newest first).
  const scoreRows = resultRows
    .filter((r) => r.kind === 'score')
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.enteredAt.getTime() - b.enteredAt.getTime());

  const scoreSeries = scoreSeriesFrom(scoreRows);
  const responses = responsesByIntervention(p.interventions, scoreSeries);
  const whatWorked = [...p.interventions]
    .filter((i) => responses.has(i.id))
    .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''))
    .map((i) => ({ interventionId: i.id, title: i.title, status: i.status, startDate: i.startDate, endDate: i.endDate, responses: responses.get(i.id) ?? [] }));

  const schedule = p.protocol ? protocolSchedule(p.protocol) : null;
  const followUps = followUpViews(
    p.followUps.map((f) => ({ ...f, doneAt: f.doneAt === null ? null : iso(f.doneAt) })),
    resultRows.map((r) => ({ id: r.id, kind: r.kind, effectiveDate: r.effectiveDate, summary: r.summary, method: r.method })),
  );

  return {
    record: {
      id: p.id,
      mrn: p.mrn,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      age: ageInYears(p.dateOfBirth),
      sex: p.sex,
      email: p.email,
      phone: p.phone,
      addressLine: p.addressLine,
      lastActivityAt: p.lastActivityAt.toISOString(),
      conditions: p.conditions,
      careTeam: p.careTeam.map((m) => ({ ...m, addedAt: iso(m.addedAt) })),
    },
    results: summarizeResults(actor, resultRows, p.previousViewAt),
    scoreSeries,
    whatWorked,
    followUps,
    plan: { goals: p.goals, interventions, awaitingMyAcceptance: interventions.filter((i) => i.awaitingMyAcceptance).length },
    notes: noteRows.map(({ links, ...n }) => ({
      ...n,
      startedAt: n.startedAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
      signedAt: n.signedAt?.toISOString() ?? null,
      links: links.map(linkView).sort(compareLinks),
    })),
    diary: p.diary.map((e) => ({ ...e, submittedAt: iso(e.submittedAt), patientReported: true as const, challengeTag: schedule ? diaryDayTag(schedule, e.entryDate) : null })),
    emergencyAccesses: p.emergencyAccesses.map((a) => {
      const grantedAt = new Date(a.grantedAt);
      const expiresAt = new Date(a.expiresAt);
      return { ...a, grantedAt: grantedAt.toISOString(), expiresAt: expiresAt.toISOString(), durationMinutes: Math.round((expiresAt.getTime() - grantedAt.getTime()) / 60_000) };
    }),
    liveEmergencyAccessId,
  };
}

/** As loadLinks: a result tag names the series' current version; a tag whose target is gone has no label. */
function linkView(l: RawNoteLink): NoteLinkView {
  if (l.targetType === 'intervention') return { targetType: 'intervention', targetId: l.targetId, label: l.interventionTitle, resultId: null };
  return {
    targetType: 'result',
    targetId: l.targetId,
    label: l.resultTitle !== null && l.resultDate !== null ? resultLinkLabel(l.resultTitle, l.resultDate) : null,
    resultId: l.resultId,
  };
}

/** As listNotes (newest first, one more than the page shows), with each note's tags in the same statement. */
function selectRecentNotes(patientId: string) {
  const db = getDb();
  const first = firstNoteVersion();
  return db
    .select({
      ...noteSummaryColumns(first),
      links: sql<RawNoteLink[]>`coalesce((
        select json_agg(json_build_object('targetType', nl.target_type, 'targetId', nl.target_id, 'resultId', r.id,
          'resultTitle', r.title, 'resultDate', r.effective_date, 'interventionTitle', i.title))
        from ${noteLinks} nl
        left join ${results} r on nl.target_type = 'result' and r.series_id = nl.target_id and r.is_current
        left join ${carePlanInterventions} i on nl.target_type = 'intervention' and i.id = nl.target_id
        where nl.note_id = ${clinicalNotes.id}), '[]'::json)`,
    })
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .innerJoin(first, and(eq(first.seriesId, clinicalNotes.seriesId), eq(first.version, 1)))
    .where(and(eq(clinicalNotes.patientId, patientId), eq(clinicalNotes.isCurrent, true)))
    .orderBy(desc(first.createdAt), desc(clinicalNotes.id))
    .limit(RECORD_PAGE_NOTES + 1);
}
