import 'server-only';
import { and, asc, desc, eq, exists, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { careTeamMembers, conditions, patients, users } from '@/db/schema';
import type { AdministrativeSex, CareTeamRole, ConditionClinicalStatus, Specialty } from '@/db/schema/enums';
import { authorizePatientAccess, authorizeRole } from '@/lib/access/guard';
import type { Actor } from '@/lib/auth/actor-types';
import { recordAudit } from '@/lib/audit/record';
import { findConditionGroup, likePatternsFor } from '@/lib/conditions/catalog';
import { countAwaitingReview } from '@/lib/results/queries';
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
}

export interface CaseloadPage {
  rows: CaseloadRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** The clinician's caseload: only patients whose care team includes them. Each shown patient is audited. */
export async function listCaseload(actor: Actor, query: CaseloadQuery): Promise<CaseloadPage> {
  const db = getDb();
  await authorizeRole(db, actor, ['clinician'], { action: 'caseload.view', detail: { query }, recordAllowed: true });

  const filters: SQL[] = [
    exists(
      db
        .select({ one: sql`1` })
        .from(careTeamMembers)
        .where(and(eq(careTeamMembers.patientId, patients.id), eq(careTeamMembers.userId, actor.userId), isNull(careTeamMembers.removedAt))),
    ),
  ];
  if (query.q) {
    const term = `%${escapeLike(query.q)}%`;
    const nameOrMrn = or(
      ilike(patients.familyName, term),
      ilike(patients.givenName, term),
      sql`(${patients.givenName} || ' ' || ${patients.familyName}) ilike ${term}`,
      sql`(${patients.familyName} || ', ' || ${patients.givenName}) ilike ${term}`,
      ilike(patients.mrn, `${escapeLike(query.q.toUpperCase())}%`),
    );
    if (nameOrMrn) filters.push(nameOrMrn);
  }
  const group = query.condition ? findConditionGroup(query.condition) : undefined;
  if (group) {
    const codeMatch = or(...likePatternsFor(group).map((p) => sql`${conditions.code} like ${p}`));
    filters.push(
      exists(db.select({ one: sql`1` }).from(conditions).where(and(eq(conditions.patientId, patients.id), codeMatch))),
    );
  }
  if (query.specialty) {
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(careTeamMembers)
          .innerJoin(users, eq(users.id, careTeamMembers.userId))
          .where(and(eq(careTeamMembers.patientId, patients.id), isNull(careTeamMembers.removedAt), eq(users.specialty, query.specialty))),
      ),
    );
  }
  const where = and(...filters);

  const direction = query.dir === 'asc' ? asc : desc;
  const orderBy = {
    name: [direction(patients.familyName), direction(patients.givenName)],
    // Older first when ascending by age means the earlier birth date first.
    age: [query.dir === 'asc' ? desc(patients.dateOfBirth) : asc(patients.dateOfBirth)],
    lastActivity: [direction(patients.lastActivityAt)],
    mrn: [direction(patients.mrn)],
  }[query.sort];

  const [countRow] = await db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(patients).where(where);
  const total = countRow?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);

  const base = await db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      familyName: patients.familyName,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
      lastActivityAt: patients.lastActivityAt,
    })
    .from(patients)
    .where(where)
    .orderBy(...orderBy, asc(patients.id))
    .limit(query.size)
    .offset((page - 1) * query.size);

  const ids = base.map((p) => p.id);
  const [conditionsByPatient, teamsByPatient, awaiting] = await Promise.all([
    loadConditions(db, ids),
    loadCareTeams(db, ids),
    countAwaitingReview(db, actor, ids),
  ]);

  await recordAudit(
    db,
    actor,
    ids.map((id) => ({ action: 'patient.list', outcome: 'allowed' as const, patientId: id, entityType: 'patient', entityId: id })),
  );

  const today = new Date();
  return {
    total,
    page,
    pageCount,
    rows: base.map((p) => ({
      id: p.id,
      mrn: p.mrn,
      givenName: p.givenName,
      familyName: p.familyName,
      age: ageInYears(p.dateOfBirth, today),
      sex: p.sex,
      conditions: (conditionsByPatient.get(p.id) ?? []).map(({ code, display }) => ({ code, display })),
      careTeam: (teamsByPatient.get(p.id) ?? []).map(({ name, specialty, role }) => ({ name, specialty, role })),
      lastActivityAt: p.lastActivityAt.toISOString(),
      awaitingReview: awaiting.get(p.id) ?? 0,
    })),
  };
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
