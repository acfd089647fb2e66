import 'server-only';
import { and, asc, count, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { careTeamMembers, patients, users } from '@/db/schema';
import type { Specialty } from '@/db/schema/enums';
import { authorizePatientAccess, authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { escapeLike } from '@/lib/patients/caseload-query';
import { loadCareTeams, type CareTeamMemberView } from '@/lib/patients/queries';
import { adminPatientSearchSchema } from './schema';

// Care-team administration. Administrators see who a patient is (name, MRN) so they can staff the
// team, and nothing clinical: no conditions, results, plans or notes.

export interface AdminPatientRow {
  id: string;
  mrn: string;
  name: string;
  teamSize: number;
}

const ADMIN_PAGE_SIZE = 25;

export async function listPatientsForAdministration(
  actor: Actor,
  input: unknown,
): Promise<{ rows: AdminPatientRow[]; total: number; page: number; pageCount: number; q: string }> {
  const db = getDb();
  await authorizeRole(db, actor, ['admin'], { action: 'care_team.patient_list' });
  const { q, page: requestedPage } = adminPatientSearchSchema.parse(input ?? {});
  const term = `%${escapeLike(q)}%`;
  const where = q
    ? or(
        ilike(patients.familyName, term),
        ilike(patients.givenName, term),
        sql`(${patients.givenName} || ' ' || ${patients.familyName}) ilike ${term}`,
        ilike(patients.mrn, `${escapeLike(q.toUpperCase())}%`),
      )
    : undefined;
  const [countRow] = await db.select({ total: count() }).from(patients).where(where);
  const total = countRow?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const page = Math.min(requestedPage, pageCount);
  const rows = await db
    .select({
      id: patients.id,
      mrn: patients.mrn,
      givenName: patients.givenName,
      familyName: patients.familyName,
      teamSize: sql<number>`(${db.select({ n: count() }).from(careTeamMembers).where(and(eq(careTeamMembers.patientId, patients.id), isNull(careTeamMembers.removedAt)))})`.mapWith(Number),
    })
    .from(patients)
    .where(where)
    .orderBy(asc(patients.familyName), asc(patients.givenName), asc(patients.id))
    .limit(ADMIN_PAGE_SIZE)
    .offset((page - 1) * ADMIN_PAGE_SIZE);
  await recordAudit(
    db,
    actor,
    rows.map((r) => ({ action: 'care_team.patient_list', outcome: 'allowed' as const, patientId: r.id, entityType: 'patient', entityId: r.id })),
  );
  return {
    rows: rows.map((r) => ({ id: r.id, mrn: r.mrn, name: `${r.familyName}, ${r.givenName}`, teamSize: r.teamSize })),
    total,
    page,
    pageCount,
    /** The text searched for, as parsed (NUL removed, trimmed), for the search box and "no match" line. */
    q,
  };
}

export interface CareTeamAdministration {
  patient: { id: string; mrn: string; name: string };
  members: CareTeamMemberView[];
  /** Active clinicians not yet on the team, for the "add member" choice. */
  candidates: { id: string; name: string; specialty: Specialty | null }[];
}

export async function getCareTeamForAdministration(actor: Actor, patientId: string): Promise<CareTeamAdministration> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-admin', { action: 'care_team.read' });
  const [p] = await db.select({ id: patients.id, mrn: patients.mrn, givenName: patients.givenName, familyName: patients.familyName }).from(patients).where(eq(patients.id, patientId));
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  const members = (await loadCareTeams(db, [patientId])).get(patientId) ?? [];
  const memberIds = new Set(members.map((m) => m.userId));
  const clinicians = await db
    .select({ id: users.id, name: users.name, specialty: users.specialty })
    .from(users)
    .where(and(eq(users.role, 'clinician'), eq(users.active, true)))
    .orderBy(asc(users.specialty), asc(users.name));
  return {
    patient: { id: p.id, mrn: p.mrn, name: `${p.familyName}, ${p.givenName}` },
    members,
    candidates: clinicians.filter((c) => !memberIds.has(c.id)),
  };
}

