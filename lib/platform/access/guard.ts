import 'server-only';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { cache } from 'react';
import { z } from 'zod';
import { getDb, isTransaction, type Executor } from '@/db/client';
import { careTeamMembers, emergencyAccessGrants, patients, users } from '@/db/schema';
import type { UserRole } from '@/db/schema/enums';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit, type AuditEntry } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';
import { decidePatientAccess, decideRoleAccess, type PatientPurpose } from './rules';

const uuidSchema = z.uuid();

export const NO_ACCESS_MESSAGE = 'This patient record does not exist, or you are not on its care team.';

interface AuditAs {
  action: string;
  entityType?: string;
  entityId?: string;
  detail?: Record<string, unknown>;
  /**
   * Reads are audited here when allowed. Writes pass false: they record their own event inside the
   * write's transaction (with the new entity's id), so one change is one event. Denials always record.
   */
  recordAllowed?: boolean;
}

export const EMERGENCY_READ_ONLY_MESSAGE =
  'Emergency access lets you read this record, not change it. Ask an administrator to add you to the care team.';

/** How access was granted, for callers that show or record it (reads under an emergency grant). */
export interface PatientAccessGrant {
  emergencyAccessId: string | null;
}

/**
 * Checks, against the database (never the session's cached claims), that the actor may act on the
 * patient for the purpose; audits the outcome either way. On refusal it throws ForbiddenError after
 * writing the denial outside any transaction, so a rollback cannot erase the evidence. Access through
 * a live emergency grant is marked on the event (detail.emergencyAccessId), allowed or refused.
 */
export async function authorizePatientAccess(
  executor: Executor,
  actor: Actor,
  patientId: string,
  purpose: PatientPurpose,
  audit: AuditAs,
): Promise<PatientAccessGrant> {
  const validId = uuidSchema.safeParse(patientId).success;
  const facts = validId
    ? await loadPatientAccessFacts(executor, actor.userId, patientId)
    : { actor: await loadActor(executor, actor.userId), patientExists: false, onCareTeam: false, emergencyAccessId: null };

  const decision = decidePatientAccess({ ...facts, patientId }, purpose);
  const emergencyAccessId = decision.allowed ? (decision.emergencyAccessId ?? null) : facts.emergencyAccessId;
  const marked = emergencyAccessId ? { ...audit.detail, emergencyAccessId } : audit.detail;
  const entry: AuditEntry = {
    action: audit.action,
    outcome: decision.allowed ? 'allowed' : 'denied',
    patientId: validId ? patientId : null,
    entityType: audit.entityType ?? 'patient',
    entityId: audit.entityId ?? patientId,
    detail: decision.allowed ? marked : { ...marked, reason: decision.reason, purpose },
  };
  if (decision.allowed) {
    if (audit.recordAllowed !== false) await recordAudit(executor, actor, [entry]);
    return { emergencyAccessId };
  }
  return refuse(executor, actor, entry, decision.reason === 'emergency-access-is-read-only' ? EMERGENCY_READ_ONLY_MESSAGE : NO_ACCESS_MESSAGE);
}

/**
 * Records a denial and throws. Inside a transaction the denial cannot be written there (the rollback
 * would erase it) nor beside it (PGlite has one connection, so that would wait forever on the open
 * transaction); it travels on the error and inTransaction() writes it after the rollback.
 */
async function refuse(executor: Executor, actor: Actor, entry: AuditEntry, message: string): Promise<never> {
  const error = new ForbiddenError(message);
  const db = getDb();
  if (executor === db) {
    await recordAudit(db, actor, [entry]);
  } else {
    error.pendingAudit = { actor: { userId: actor.userId, role: actor.role, requestAddress: actor.requestAddress }, entry: { ...entry, outcome: 'denied' } };
  }
  throw error;
}

/** One section of a page that reads several parts of a record, with the event its read leaves. */
export interface PatientSectionRead {
  purpose: PatientPurpose;
  audit: Omit<AuditAs, 'recordAllowed'>;
}

/**
 * authorizePatientAccess for a page made of several sections (the patient record page): the facts
 * are loaded once and every section's purpose is decided from them, with the same rules and the same
 * events as separate checks would give. The allowed events are returned, not written, so the caller
 * records them in one insert beside its reads. If any section is refused nothing is read: the first
 * refusal is recorded and thrown exactly as authorizePatientAccess does.
 */
export async function authorizePatientSections(
  executor: Executor,
  actor: Actor,
  patientId: string,
  sections: readonly PatientSectionRead[],
): Promise<{ events: AuditEntry[]; emergencyAccessId: string | null; liveEmergencyAccessId: string | null }> {
  const validId = uuidSchema.safeParse(patientId).success;
  const facts = validId
    ? await loadPatientAccessFacts(executor, actor.userId, patientId)
    : { actor: await loadActor(executor, actor.userId), patientExists: false, onCareTeam: false, emergencyAccessId: null };
  const events: AuditEntry[] = [];
  let emergencyAccessId: string | null = null;
  for (const { purpose, audit } of sections) {
    const decision = decidePatientAccess({ ...facts, patientId }, purpose);
    const grantId = decision.allowed ? (decision.emergencyAccessId ?? null) : facts.emergencyAccessId;
    const marked = grantId ? { ...audit.detail, emergencyAccessId: grantId } : audit.detail;
    const entry: AuditEntry = {
      action: audit.action,
      outcome: decision.allowed ? 'allowed' : 'denied',
      patientId: validId ? patientId : null,
      entityType: audit.entityType ?? 'patient',
      entityId: audit.entityId ?? patientId,
      detail: decision.allowed ? marked : { ...marked, reason: decision.reason, purpose },
    };
    if (!decision.allowed) {
      return refuse(executor, actor, entry, decision.reason === 'emergency-access-is-read-only' ? EMERGENCY_READ_ONLY_MESSAGE : NO_ACCESS_MESSAGE);
    }
    emergencyAccessId ??= grantId;
    events.push(entry);
  }
  return { events, emergencyAccessId, liveEmergencyAccessId: facts.emergencyAccessId };
}

/** Role-level check for work that is not about one patient (administration, the caseload). */
export async function authorizeRole(
  executor: Executor,
  actor: Actor,
  allowedRoles: readonly UserRole[],
  audit: AuditAs,
): Promise<void> {
  const current = await loadActor(executor, actor.userId);
  const decision = decideRoleAccess(current, allowedRoles);
  if (decision.allowed) {
    // Role checks guard lists and writes that audit their own rows, so "allowed" is opt-in here.
    if (audit.recordAllowed === true) {
      await recordAudit(executor, actor, [
        { action: audit.action, outcome: 'allowed', entityType: audit.entityType, entityId: audit.entityId, detail: audit.detail },
      ]);
    }
    return;
  }
  await refuse(
    executor,
    actor,
    { action: audit.action, outcome: 'denied', entityType: audit.entityType, entityId: audit.entityId, detail: { ...audit.detail, reason: decision.reason } },
    decision.reason === 'inactive-account' ? 'Your account has been deactivated.' : 'You do not have permission to do this.',
  );
}

/** The actor's role and state as stored now; once per render outside a transaction, like the facts below. */
function loadActor(executor: Executor, userId: string) {
  return isTransaction(executor) ? readActor(executor, userId) : actorForThisRender(executor, userId);
}

const actorForThisRender = cache((executor: Executor, userId: string) => readActor(executor, userId));

async function readActor(executor: Executor, userId: string) {
  const [row] = await executor
    .select({ role: users.role, active: users.active, patientId: users.patientId })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/**
 * The facts an access decision needs, in one query: the actor as stored now, whether the patient
 * exists, active care-team membership, and the actor's live emergency grant (expiry against the
 * database clock, so a grant ends by itself on every instance at the same moment).
 *
 * Within one server render (a record's layout and its page) they are read once and shared: React's
 * cache() lives for that render only, so every request still checks against the database. Inside a
 * transaction, in server actions and in route handlers (no render) every call reads afresh.
 */
export async function loadPatientAccessFacts(executor: Executor, userId: string, patientId: string): Promise<PatientAccessFacts> {
  return isTransaction(executor) ? readPatientAccessFacts(executor, userId, patientId) : factsForThisRender(executor, userId, patientId);
}

export interface PatientAccessFacts {
  actor: { role: UserRole; active: boolean; patientId: string | null } | null;
  patientExists: boolean;
  onCareTeam: boolean;
  emergencyAccessId: string | null;
}

const factsForThisRender = cache((executor: Executor, userId: string, patientId: string) => readPatientAccessFacts(executor, userId, patientId));

async function readPatientAccessFacts(executor: Executor, userId: string, patientId: string): Promise<PatientAccessFacts> {
  const [row] = await executor
    .select({
      role: users.role,
      active: users.active,
      patientId: users.patientId,
      // Built with the query builder, which qualifies column names inside the subquery.
      onCareTeam: sql<boolean>`exists (${executor
        .select({ one: sql`1` })
        .from(careTeamMembers)
        .where(and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.userId, userId), isNull(careTeamMembers.removedAt)))})`,
      patientExists: sql<boolean>`exists (${executor.select({ one: sql`1` }).from(patients).where(eq(patients.id, patientId))})`,
      emergencyAccessId: sql<string | null>`(${executor
        .select({ id: emergencyAccessGrants.id })
        .from(emergencyAccessGrants)
        .where(
          and(
            eq(emergencyAccessGrants.clinicianUserId, userId),
            eq(emergencyAccessGrants.patientId, patientId),
            gt(emergencyAccessGrants.expiresAt, sql`now()`),
            isNull(emergencyAccessGrants.endedAt),
          ),
        )
        .orderBy(desc(emergencyAccessGrants.expiresAt))
        .limit(1)})`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) {
    const [p] = await executor.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId));
    return { actor: null, patientExists: Boolean(p), onCareTeam: false, emergencyAccessId: null };
  }
  return {
    actor: { role: row.role, active: row.active, patientId: row.patientId },
    patientExists: row.patientExists,
    onCareTeam: row.onCareTeam,
    // Grants are only ever made to clinicians, but a role change must not carry one over.
    emergencyAccessId: row.role === 'clinician' ? row.emergencyAccessId : null,
  };
}

/** Ids of active care-team memberships, for list queries that must stay inside the caseload. */
export function activeMembershipOf(userId: string) {
  return and(eq(careTeamMembers.userId, userId), isNull(careTeamMembers.removedAt));
}
