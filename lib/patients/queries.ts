import 'server-only';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, exists, inArray, isNull, like, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { careTeamMembers, clinicianTasks, conditions, conversations, eliminationProtocols, patients, results, users } from '@/db/schema';
import { latestSenderIdOf } from '@/lib/messages/sql';
import type { AdministrativeSex, CareTeamRole, ConditionClinicalStatus, Specialty } from '@/db/schema/enums';
import { authorizePatientAccess, authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { findConditionGroup, likePatternsFor } from '@/lib/clinical/conditions/catalog';
import { addDays } from '@/lib/clinical/dates';
import { followUpState, type FollowUpState } from '@/lib/clinical/outcomes/test-of-cure';
import { clinicToday } from '@/lib/platform/clinic-time';
import { readEnv } from '@/lib/platform/env';
import { awaitingMyReview } from '@/lib/results/queries';
import { ageInYears, escapeLike, type CaseloadQuery } from './caseload-query';

export interface CareTeamMemberView {
  membershipId: string;
  userId: string;
  name: string;
  specialty: Specialty | null;
  role: CareTeamRole;
  addedAt: string;
}

export interface ConditionView {
  id: string;
  codeSystem: string;
  code: string;
  display: string;
  onsetDate: string | null;
  clinicalStatus: ConditionClinicalStatus;
}

export interface CaseloadRow {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  age: number;
  sex: AdministrativeSex;
  conditions: Pick<ConditionView, 'code' | 'display'>[];
  careTeam: Pick<CareTeamMemberView, 'name' | 'specialty' | 'role'>[];
  lastActivityAt: string;
  /** Current results entered by colleagues that this clinician has not yet marked reviewed. */
  awaitingReview: number;
  /** The patient's earliest open follow-up test (test of cure, breath retest), with where it stands today. */
  followUp: { kind: 'h_pylori_test_of_cure' | 'breath_retest'; dueFrom: string; state: FollowUpState } | null;
  /** An elimination protocol running past its last scheduled day, with that day (DOMAIN.md §10.2: eliminations must end). */
  eliminationOverrunSince: string | null;
  /** Patient conversations whose latest message is the patient's: the team has not answered. */
  unansweredMessages: number;
}

export interface CaseloadPage {
  rows: CaseloadRow[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * The text the caseload's name search matches: both name orders, so "Maya Chen" and "Chen, Maya" both
 * find her. It must stay identical to the expression of the trigram index patients_name_search_trgm_idx
 * (db/schema/patients.ts), or PostgreSQL cannot use the index.
 */
/** Who a row is about, as the caseload, the record page and the banner select it. */
export const patientIdentityColumns = {
  id: patients.id,
  mrn: patients.mrn,
  givenName: patients.givenName,
  familyName: patients.familyName,
  dateOfBirth: patients.dateOfBirth,
  sex: patients.sex,
};

/** Another member of the same care team, in the caseload's specialty filter (the outer row is the clinician's own). */
const teammates = alias(careTeamMembers, 'teammate');

export const patientSearchText = sql`(${patients.givenName} || ' ' || ${patients.familyName} || ' | ' || ${patients.familyName} || ', ' || ${patients.givenName})`;

interface CaseloadPageRow {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: AdministrativeSex;
  lastActivityAt: Date | string;
  total: number;
  conditions: Pick<ConditionView, 'code' | 'display'>[] | string;
  careTeam: Pick<CareTeamMemberView, 'name' | 'specialty' | 'role'>[] | string;
  awaitingReview: number;
  followUp: { kind: 'h_pylori_test_of_cure' | 'breath_retest'; dueFrom: string } | string | null;
  eliminationOverrunSince: string | null;
  /** Patient conversations whose latest message is the patient's: the team has not answered. */
  unansweredMessages: number;
}

/**
 * The clinician's caseload: only patients whose care team includes them. Each shown patient is audited.
 * One statement returns the page, the total and each row's conditions, team and review count, so a
 * page costs the same few queries whatever the caseload's size (docs/PERFORMANCE.md).
 */
export async function listCaseload(actor: Actor, query: CaseloadQuery): Promise<CaseloadPage> {
  const db = getDb();
  // The allowed view is recorded below, in the same insert as the patients it showed.
  await authorizeRole(db, actor, ['clinician'], { action: 'caseload.view', detail: { query } });

  // The caseload is read starting from the clinician's memberships (care_team_user_patient_idx), so a
  // page touches their ~2,000 patients, never the clinic's 100,000 (docs/PERFORMANCE.md).
  const filters: SQL[] = [];
  // Filters name the patient by the membership row's patient_id, so the patients table is joined for
  // all of the caseload only when a search or the order needs its columns (see loadCaseloadPage).
  const memberPatientId = careTeamMembers.patientId;
  if (query.q) {
    // MRNs are stored upper-case (a check constraint), so a case-sensitive prefix LIKE on the
    // upper-cased term finds what ILIKE did, and can use patients_mrn_pattern_idx.
    const nameOrMrn = or(sql`${patientSearchText} ilike ${`%${escapeLike(query.q)}%`}`, like(patients.mrn, `${escapeLike(query.q.toUpperCase())}%`));
    if (nameOrMrn) filters.push(nameOrMrn);
  }
  const group = query.condition ? findConditionGroup(query.condition) : undefined;
  if (group) {
    const codeMatch = or(...likePatternsFor(group).map((p) => sql`${conditions.code} like ${p}`));
    filters.push(
      exists(db.select({ one: sql`1` }).from(conditions).where(and(eq(conditions.patientId, memberPatientId), codeMatch))),
    );
  }
  if (query.specialty) {
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(teammates)
          .innerJoin(users, eq(users.id, teammates.userId))
          .where(and(eq(teammates.patientId, memberPatientId), isNull(teammates.removedAt), eq(users.specialty, query.specialty))),
      ),
    );
  }
  const awaitingMine = awaitingMyReviewCount(actor, memberPatientId);
  if (query.review === 'awaiting') filters.push(sql`${awaitingMine} > 0`);
  const today = clinicToday();
  if (query.followUp === 'elimination_overrun') {
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(eliminationProtocols)
          .where(and(eq(eliminationProtocols.patientId, memberPatientId), eq(eliminationProtocols.status, 'active'), sql`${eliminationProtocols.endsOn} < ${today}`)),
      ),
    );
  } else if (query.followUp) {
    // Due: the earliest valid date has come; overdue: more than the clinic's setting past it.
    const dueBy = query.followUp === 'due' ? today : addDays(today, -readEnv().AXIS_FOLLOW_UP_OVERDUE_DAYS - 1);
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(clinicianTasks)
          .where(and(eq(clinicianTasks.patientId, memberPatientId), sql`${clinicianTasks.followUp} is not null`, isNull(clinicianTasks.doneAt), sql`${clinicianTasks.dueDate} <= ${dueBy}`)),
      ),
    );
  }
  if (query.messages === 'unanswered') filters.push(sql`${unansweredMessagesOf(memberPatientId)} > 0`);
  const where = and(eq(careTeamMembers.userId, actor.userId), isNull(careTeamMembers.removedAt), ...filters);

  const direction = query.dir === 'asc' ? asc : desc;
  // Latest activity is the membership row's copy (care_team_caseload_activity_idx), the same value as
  // patients.last_activity_at (kept by triggers, migration 0025).
  const activity = careTeamMembers.patientLastActivityAt;
  const orderBy = [
    ...{
      name: [direction(patients.familyName), direction(patients.givenName)],
      // Older first when ascending by age means the earlier birth date first.
      age: [query.dir === 'asc' ? desc(patients.dateOfBirth) : asc(patients.dateOfBirth)],
      lastActivity: [direction(activity)],
      mrn: [direction(patients.mrn)],
      // Most to review first when descending; ties by latest activity, so the busiest records lead.
      awaitingReview: [direction(awaitingMine), desc(activity)],
    }[query.sort],
    asc(memberPatientId),
  ];
  // Only a name search or an order by the patient's own columns needs patients joined before paging.
  const order: CaseloadOrder = { where, orderBy, joinPatients: Boolean(query.q) || ['name', 'age', 'mrn'].includes(query.sort) };

  let rows = await loadCaseloadPage(db, actor, order, query.size, (query.page - 1) * query.size);
  let total = rows[0]?.total ?? 0;
  let page = query.page;
  if (rows.length === 0 && query.page > 1) {
    // A page beyond the end (a stale link) shows the last page instead.
    const [countRow] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(careTeamMembers)
      .innerJoin(patients, eq(patients.id, careTeamMembers.patientId))
      .where(where);
    total = countRow?.total ?? 0;
    page = Math.max(1, Math.ceil(total / query.size));
    rows = total > 0 ? await loadCaseloadPage(db, actor, order, query.size, (page - 1) * query.size) : [];
  }
  if (rows.length === 0) page = 1;
  const pageCount = Math.max(1, Math.ceil(total / query.size));

  await recordAudit(db, actor, [
    { action: 'caseload.view', outcome: 'allowed', detail: { query } },
    ...rows.map((r) => ({ action: 'patient.list', outcome: 'allowed' as const, patientId: r.id, entityType: 'patient', entityId: r.id })),
  ]);

  const now = new Date();
  const overdueAfter = readEnv().AXIS_FOLLOW_UP_OVERDUE_DAYS;
  return {
    total,
    page,
    pageCount,
    rows: rows.map((p) => ({
      id: p.id,
      mrn: p.mrn,
      givenName: p.givenName,
      familyName: p.familyName,
      age: ageInYears(p.dateOfBirth, now),
      sex: p.sex,
      conditions: parseJsonList(p.conditions),
      careTeam: parseJsonList(p.careTeam),
      lastActivityAt: new Date(p.lastActivityAt).toISOString(),
      awaitingReview: Number(p.awaitingReview),
      followUp: followUpOf(p.followUp, today, overdueAfter),
      eliminationOverrunSince: p.eliminationOverrunSince,
      unansweredMessages: Number(p.unansweredMessages),
    })),
  };
}

function followUpOf(raw: CaseloadPageRow['followUp'], today: string, overdueAfter: number): CaseloadRow['followUp'] {
  const f = typeof raw === 'string' ? (JSON.parse(raw) as Exclude<CaseloadPageRow['followUp'], string>) : raw;
  return f ? { kind: f.kind, dueFrom: f.dueFrom, state: followUpState(f.dueFrom, today, overdueAfter) } : null;
}

/** Drivers differ in whether they parse json columns; both shapes end up as the same list. */
function parseJsonList<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

/** How many of a patient's results await this clinician's review (the rule of lib/results awaitingMyReview). */
function awaitingMyReviewCount(actor: Actor, patientId: SQLWrapper): SQL<number> {
  return sql<number>`(select count(*) from ${results} where ${results.patientId} = ${patientId} and ${awaitingMyReview(actor)})`;
}

/** How many of the patient's conversations end with the patient's own message (conversations_patient_idx). */
function unansweredMessagesOf(patientId: SQLWrapper) {
  return sql<number>`(select count(*)::int from ${conversations} cv where cv.patient_id = ${patientId} and cv.audience = 'patient'
    and (select u.role from ${users} u where u.id = ${latestSenderIdOf(sql`cv.id`)}) = 'patient')`;
}

/** What the caseload is filtered and ordered by, and whether that needs the patients table before paging. */
interface CaseloadOrder {
  where: SQL | undefined;
  orderBy: SQL[];
  joinPatients: boolean;
}

/**
 * One page of the caseload in one statement. The CTE numbers the whole filtered caseload in the
 * requested order (and counts it), and only the rows of the asked-for page get their identity,
 * conditions, team and review count. Positions instead of LIMIT/OFFSET: with a LIMIT the planner prefers
 * walking an index of all patients in sort order, which for a deep page visits all 100,000 of them;
 * numbering the ~2,000 rows of a caseload costs the same for page 1 and page 100. In the default order
 * the numbering reads only the clinician's membership rows, from care_team_caseload_activity_idx.
 */
async function loadCaseloadPage(db: Executor, actor: Actor, order: CaseloadOrder, limit: number, offset: number): Promise<CaseloadPageRow[]> {
  const numbered = db
    .select({
      id: sql<string>`${careTeamMembers.patientId}`.as('id'),
      position: sql<number>`row_number() over (order by ${sql.join(order.orderBy, sql`, `)})`.as('position'),
      total: sql<number>`count(*) over ()`.as('total'),
    })
    .from(careTeamMembers)
    .$dynamic();
  if (order.joinPatients) numbered.innerJoin(patients, eq(patients.id, careTeamMembers.patientId));
  const pageRows = db.$with('caseload_page').as(numbered.where(order.where));
  // Drizzle leaves CTE columns unqualified inside sql``, which is ambiguous in the correlated subqueries.
  const pageId = sql.raw('"caseload_page"."id"');
  const position = sql.raw('"caseload_page"."position"');
  const rows = await db
    .with(pageRows)
    .select({
      ...patientIdentityColumns,
      lastActivityAt: patients.lastActivityAt,
      total: sql<number>`"caseload_page"."total"`.mapWith(Number),
      // Same order as loadConditions: active first, then by code.
      conditions: sql<CaseloadPageRow['conditions']>`coalesce((
        select json_agg(json_build_object('code', c.code, 'display', c.display) order by c.clinical_status <> 'active', c.code)
        from ${conditions} c where c.patient_id = ${pageId}), '[]'::json)`,
      // Same order as loadCareTeams: the lead first, then by name.
      careTeam: sql<CaseloadPageRow['careTeam']>`coalesce((
        select json_agg(json_build_object('name', u.name, 'specialty', u.specialty, 'role', m.role) order by m.role, u.name)
        from ${careTeamMembers} m join ${users} u on u.id = m.user_id
        where m.patient_id = ${pageId} and m.removed_at is null), '[]'::json)`,
      awaitingReview: awaitingMyReviewCount(actor, pageId).mapWith(Number),
      // The earliest open follow-up test (clinician_tasks_follow_up_due_idx).
      followUp: sql<CaseloadPageRow['followUp']>`(
        select json_build_object('kind', t.follow_up, 'dueFrom', t.due_date)
        from ${clinicianTasks} t
        where t.patient_id = ${pageId} and t.follow_up is not null and t.done_at is null
        order by t.due_date limit 1)`,
      // A running elimination past its last day (elimination_protocols_overrun_idx).
      eliminationOverrunSince: sql<string | null>`(
        select ep.ends_on::text from ${eliminationProtocols} ep
        where ep.patient_id = ${pageId} and ep.status = 'active' and ep.ends_on < ${clinicToday()}::date limit 1)`,
      unansweredMessages: unansweredMessagesOf(pageId),
    })
    .from(pageRows)
    .innerJoin(patients, sql`${patients.id} = ${pageId}`)
    .where(sql`${position} > ${offset} and ${position} <= ${offset + limit}`)
    .orderBy(asc(position));
  return rows as CaseloadPageRow[];
}

export interface PatientRecord {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  age: number;
  sex: AdministrativeSex;
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  lastActivityAt: string;
  conditions: ConditionView[];
  careTeam: CareTeamMemberView[];
}

/** One patient's record for a clinician on the care team (or the patient themself). */
export async function getPatientRecord(actor: Actor, patientId: string): Promise<PatientRecord> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'patient.read' });
  const [p] = await db.select().from(patients).where(eq(patients.id, patientId));
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  const [conditionsByPatient, teamsByPatient] = await Promise.all([loadConditions(db, [p.id]), loadCareTeams(db, [p.id])]);
  return {
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
    conditions: conditionsByPatient.get(p.id) ?? [],
    careTeam: teamsByPatient.get(p.id) ?? [],
  };
}

// Batch loaders: one query for all patients on a page, never one per row.

export async function loadConditions(executor: Executor, patientIds: string[]): Promise<Map<string, ConditionView[]>> {
  const out = new Map<string, ConditionView[]>();
  if (patientIds.length === 0) return out;
  const rows = await executor
    .select()
    .from(conditions)
    .where(inArray(conditions.patientId, patientIds))
    .orderBy(asc(conditions.patientId), sql`${conditions.clinicalStatus} <> 'active'`, asc(conditions.code));
  for (const c of rows) {
    const list = out.get(c.patientId) ?? [];
    list.push({ id: c.id, codeSystem: c.codeSystem, code: c.code, display: c.display, onsetDate: c.onsetDate, clinicalStatus: c.clinicalStatus });
    out.set(c.patientId, list);
  }
  return out;
}

export async function loadCareTeams(executor: Executor, patientIds: string[]): Promise<Map<string, CareTeamMemberView[]>> {
  const out = new Map<string, CareTeamMemberView[]>();
  if (patientIds.length === 0) return out;
  const rows = await executor
    .select({
      membershipId: careTeamMembers.id,
      patientId: careTeamMembers.patientId,
      userId: users.id,
      name: users.name,
      specialty: users.specialty,
      role: careTeamMembers.role,
      addedAt: careTeamMembers.addedAt,
    })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.userId))
    .where(and(inArray(careTeamMembers.patientId, patientIds), isNull(careTeamMembers.removedAt)))
    .orderBy(asc(careTeamMembers.patientId), asc(careTeamMembers.role), asc(users.name));
  for (const r of rows) {
    const list = out.get(r.patientId) ?? [];
    list.push({ membershipId: r.membershipId, userId: r.userId, name: r.name, specialty: r.specialty, role: r.role, addedAt: r.addedAt.toISOString() });
    out.set(r.patientId, list);
  }
  return out;
}

export interface PatientHeading {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

/** Just enough to title a page about this patient (forms, result detail); access-checked and audited. */
export async function getPatientHeading(actor: Actor, patientId: string, purpose: 'clinical-read' | 'clinical-write' = 'clinical-read'): Promise<PatientHeading> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, purpose, { action: 'patient.heading.read' });
  const [p] = await db
    .select({ id: patients.id, mrn: patients.mrn, givenName: patients.givenName, familyName: patients.familyName, dateOfBirth: patients.dateOfBirth })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  return p;
}
