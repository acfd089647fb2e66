import 'server-only';
import { and, desc, eq, exists, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { careTeamMembers, emergencyAccessGrants, patients, users } from '@/db/schema';
import type { Specialty } from '@/db/schema/enums';
import { authorizePatientAccess, authorizeRole, loadPatientAccessFacts } from '@/lib/platform/access/guard';
import { recordAudit } from '@/lib/platform/audit/record';
import type { Actor } from '@/lib/platform/auth/actor-types';
import type { EmergencyReasonCategory } from './reasons';

const uuidSchema = z.uuid();

export interface LiveEmergencyAccess {
  id: string;
  grantedAt: string;
  expiresAt: string;
  /** Seconds left by the database clock, so the banner does not depend on the browser's clock. */
  secondsLeft: number;
}

/**
 * The signed-in clinician's own running grant on this patient, for the banner on every page of the
 * record. It reveals nothing about the patient (only the actor's own grant), so it is not audited
 * itself; every read of the record under the grant is, by the guard.
 */
export async function getLiveEmergencyAccess(actor: Actor, patientId: string): Promise<LiveEmergencyAccess | null> {
  if (actor.role !== 'clinician' || !uuidSchema.safeParse(patientId).success) return null;
  // The access facts the record's banner and page read anyway (once per render) already say whether a
  // grant runs; only then is its clock read. Most pages have none, and cost no statement here.
  const facts = await loadPatientAccessFacts(getDb(), actor.userId, patientId);
  if (!facts.emergencyAccessId) return null;
  const [row] = await getDb()
    .select({
      id: emergencyAccessGrants.id,
      grantedAt: emergencyAccessGrants.grantedAt,
      expiresAt: emergencyAccessGrants.expiresAt,
      secondsLeft: sql<number>`greatest(0, floor(extract(epoch from (${emergencyAccessGrants.expiresAt} - now()))))`.mapWith(Number),
    })
    .from(emergencyAccessGrants)
    .where(
      and(
        eq(emergencyAccessGrants.clinicianUserId, actor.userId),
        eq(emergencyAccessGrants.patientId, patientId),
        gt(emergencyAccessGrants.expiresAt, sql`now()`),
        isNull(emergencyAccessGrants.endedAt),
      ),
    )
    .orderBy(desc(emergencyAccessGrants.expiresAt))
    .limit(1);
  return row ? { id: row.id, grantedAt: row.grantedAt.toISOString(), expiresAt: row.expiresAt.toISOString(), secondsLeft: row.secondsLeft } : null;
}

export interface EmergencyAccessView {
  id: string;
  clinicianName: string;
  clinicianSpecialty: Specialty | null;
  reasonCategory: EmergencyReasonCategory;
  reason: string;
  grantedAt: string;
  /** When it ended: its expiry, or earlier if its holder ended it. */
  expiresAt: string;
  durationMinutes: number;
  live: boolean;
  /** Its holder ended it before it expired. */
  endedEarly: boolean;
}

const LIST_LIMIT = 50;

/** What the care team and the clinician see of a grant: who, why, when, and whether it still runs. */
function grantSummaryColumns() {
  return {
    clinicianName: users.name,
    clinicianSpecialty: users.specialty,
    reasonCategory: emergencyAccessGrants.reasonCategory,
    reason: emergencyAccessGrants.reason,
    grantedAt: emergencyAccessGrants.grantedAt,
    // Ended early counts from when it ended.
    expiresAt: sql<Date>`least(${emergencyAccessGrants.expiresAt}, coalesce(${emergencyAccessGrants.endedAt}, ${emergencyAccessGrants.expiresAt}))`.mapWith(emergencyAccessGrants.expiresAt),
    live: sql<boolean>`${emergencyAccessGrants.expiresAt} > now() and ${emergencyAccessGrants.endedAt} is null`,
    endedEarly: sql<boolean>`${emergencyAccessGrants.endedAt} is not null`,
  };
}

/**
 * Emergency accesses to a patient's record, newest first, for the care team (anyone who may read the
 * team's view). Audited as a read of the record.
 */
export async function listEmergencyAccessesForPatient(actor: Actor, patientId: string): Promise<EmergencyAccessView[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'emergency_access.list' });
  const rows = await db
    .select({
      id: emergencyAccessGrants.id,
      ...grantSummaryColumns(),
    })
    .from(emergencyAccessGrants)
    .innerJoin(users, eq(users.id, emergencyAccessGrants.clinicianUserId))
    .where(eq(emergencyAccessGrants.patientId, patientId))
    .orderBy(desc(emergencyAccessGrants.grantedAt), desc(emergencyAccessGrants.id))
    .limit(LIST_LIMIT);
  return rows.map((r) => ({
    ...r,
    grantedAt: r.grantedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    durationMinutes: Math.round((r.expiresAt.getTime() - r.grantedAt.getTime()) / 60_000),
  }));
}

export interface EmergencyAccessOnMyPatient extends EmergencyAccessView {
  patientId: string;
  patientName: string;
  patientMrn: string;
}

/** How far back the home page's "For you" list reports emergency accesses to the clinician's patients. */
export const RECENT_EMERGENCY_DAYS = 7;

/**
 * Emergency accesses in the last week to patients whose care team includes the clinician, for their
 * home page. Each patient shown is audited, as the caseload does.
 */
export async function listRecentEmergencyAccessesOnMyPatients(actor: Actor): Promise<EmergencyAccessOnMyPatient[]> {
  const db = getDb();
  await authorizeRole(db, actor, ['clinician'], { action: 'emergency_access.recent' });
  const rows = await db
    .select({
      id: emergencyAccessGrants.id,
      patientId: patients.id,
      patientName: sql<string>`${patients.familyName} || ', ' || ${patients.givenName}`,
      patientMrn: patients.mrn,
      ...grantSummaryColumns(),
    })
    .from(emergencyAccessGrants)
    .innerJoin(patients, eq(patients.id, emergencyAccessGrants.patientId))
    .innerJoin(users, eq(users.id, emergencyAccessGrants.clinicianUserId))
    .where(
      and(
        gt(emergencyAccessGrants.grantedAt, sql`now() - make_interval(days => ${RECENT_EMERGENCY_DAYS}::int)`),
        exists(
          db
            .select({ one: sql`1` })
            .from(careTeamMembers)
            .where(
              and(eq(careTeamMembers.patientId, emergencyAccessGrants.patientId), eq(careTeamMembers.userId, actor.userId), isNull(careTeamMembers.removedAt)),
            ),
        ),
      ),
    )
    .orderBy(desc(emergencyAccessGrants.grantedAt), desc(emergencyAccessGrants.id))
    .limit(LIST_LIMIT);
  const patientIds = [...new Set(rows.map((r) => r.patientId))];
  await recordAudit(
    db,
    actor,
    patientIds.map((id) => ({ action: 'emergency_access.list', outcome: 'allowed' as const, patientId: id, entityType: 'patient', entityId: id, detail: { view: 'for-you' } })),
  );
  return rows.map((r) => ({
    ...r,
    grantedAt: r.grantedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    durationMinutes: Math.round((r.expiresAt.getTime() - r.grantedAt.getTime()) / 60_000),
  }));
}
