import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { careTeamMembers, patients, users } from '@/db/schema';
import type { UserRole } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor-types';
import { recordAudit, type AuditEntry } from '@/lib/audit/record';
import { ForbiddenError } from '@/lib/errors';
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

/**
 * Checks, against the database (never the session's cached claims), that the actor may act on the
 * patient for the purpose; audits the outcome either way. On refusal it throws ForbiddenError after
 * writing the denial outside any transaction, so a rollback cannot erase the evidence.
 */
export async function authorizePatientAccess(
  executor: Executor,
  actor: Actor,
  patientId: string,
  purpose: PatientPurpose,
  audit: AuditAs,
): Promise<void> {
  const validId = uuidSchema.safeParse(patientId).success;
  const facts = validId
    ? await loadFacts(executor, actor.userId, patientId)
    : { actor: await loadActor(executor, actor.userId), patientExists: false, onCareTeam: false };

  const decision = decidePatientAccess({ ...facts, patientId }, purpose);
  const entry: AuditEntry = {
    action: audit.action,
    outcome: decision.allowed ? 'allowed' : 'denied',
    patientId: validId ? patientId : null,
    entityType: audit.entityType ?? 'patient',
    entityId: audit.entityId ?? patientId,
    detail: decision.allowed ? audit.detail : { ...audit.detail, reason: decision.reason, purpose },
  };
  if (decision.allowed) {
    if (audit.recordAllowed !== false) await recordAudit(executor, actor, [entry]);
    return;
  }
  await refuse(executor, actor, entry, NO_ACCESS_MESSAGE);
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

async function loadActor(executor: Executor, userId: string) {
  const [row] = await executor
    .select({ role: users.role, active: users.active, patientId: users.patientId })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

async function loadFacts(executor: Executor, userId: string, patientId: string) {
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
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) {
    const [p] = await executor.select({ id: patients.id }).from(patients).where(eq(patients.id, patientId));
    return { actor: null, patientExists: Boolean(p), onCareTeam: false };
  }
  return {
    actor: { role: row.role, active: row.active, patientId: row.patientId },
    patientExists: row.patientExists,
    onCareTeam: row.onCareTeam,
  };
}

/** Ids of active care-team memberships, for list queries that must stay inside the caseload. */
export function activeMembershipOf(userId: string) {
  return and(eq(careTeamMembers.userId, userId), isNull(careTeamMembers.removedAt));
}
