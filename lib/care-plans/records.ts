import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { carePlanChanges, carePlanGoals, carePlanInterventions, careTeamMembers, eliminationProtocols, users } from '@/db/schema';
import type { Specialty } from '@/db/schema/enum-values';
import { NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';
import { describeChanges, type FieldChange } from './describe';

// Shared by queries.ts and mutations.ts: the plain snapshots kept in care_plan_changes, finding which
// patient a goal or intervention belongs to, and describing a lost race to the clinician who lost it.

export type InterventionRow = typeof carePlanInterventions.$inferSelect;
export type GoalRow = typeof carePlanGoals.$inferSelect;

/** A version of an intervention as kept in the history: plain JSON, dates as ISO strings. */
export interface InterventionSnapshot {
  [key: string]: unknown;
  id: string;
  kind: InterventionRow['kind'];
  title: string;
  details: Record<string, unknown>;
  goalId: string | null;
  ownerSpecialty: Specialty;
  ownerUserId: string;
  status: InterventionRow['status'];
  statusReason: string | null;
  startDate: string | null;
  endDate: string | null;
  gutTarget: InterventionRow['gutTarget'];
  responseWeeks: number | null;
  ppiLastDoseDate: string | null;
  retestDate: string | null;
  acknowledgedCautions: string[];
  proposedBy: string;
  proposedAt: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export interface GoalSnapshot {
  [key: string]: unknown;
  id: string;
  description: string;
  targetInstrument: string | null;
  targetValue: string | null;
  targetDate: string | null;
  status: GoalRow['status'];
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export function interventionSnapshot(r: InterventionRow): InterventionSnapshot {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    details: r.details,
    goalId: r.goalId,
    ownerSpecialty: r.ownerSpecialty,
    ownerUserId: r.ownerUserId,
    status: r.status,
    statusReason: r.statusReason,
    startDate: r.startDate,
    endDate: r.endDate,
    gutTarget: r.gutTarget,
    responseWeeks: r.responseWeeks,
    ppiLastDoseDate: r.ppiLastDoseDate,
    retestDate: r.retestDate,
    acknowledgedCautions: r.acknowledgedCautions,
    proposedBy: r.proposedBy,
    proposedAt: r.proposedAt.toISOString(),
    acceptedBy: r.acceptedBy,
    acceptedAt: r.acceptedAt ? r.acceptedAt.toISOString() : null,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function goalSnapshot(r: GoalRow): GoalSnapshot {
  return {
    id: r.id,
    description: r.description,
    targetInstrument: r.targetInstrument,
    targetValue: r.targetValue,
    targetDate: r.targetDate,
    status: r.status,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What a clinician who lost a race is shown: who saved first, when, and what they changed. */
export interface CarePlanConflict {
  currentVersion: number;
  changedByName: string;
  changedAt: string;
  current: InterventionSnapshot | GoalSnapshot;
  /** From the version this clinician opened to the current one. */
  changes: FieldChange[];
}

const idSchema = z.uuid();

const ENTITY_TABLES = { goal: carePlanGoals, intervention: carePlanInterventions, protocol: eliminationProtocols } as const;

/** Which patient a plan entry belongs to; unknown and garbage ids are refused (and audited) like foreign ones. */
export async function patientOfEntity(executor: Executor, actor: Actor, entityType: keyof typeof ENTITY_TABLES, id: unknown, action: string): Promise<string> {
  const requested = typeof id === 'string' ? id : '';
  const table = ENTITY_TABLES[entityType];
  const row = idSchema.safeParse(requested).success ? (await executor.select({ patientId: table.patientId }).from(table).where(eq(table.id, requested)))[0] : undefined;
  if (!row) {
    await recordAudit(getDb(), actor, [{ action, outcome: 'denied', entityType, entityId: requested.slice(0, 64), detail: { reason: `${entityType}-not-found` } }]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  return row.patientId;
}

/** Names for the user and goal ids that snapshots mention, so history reads in words. */
export async function namesFor(executor: Executor, patientId: string): Promise<Record<string, string>> {
  const [people, goals] = await Promise.all([
    executor.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, 'clinician')),
    executor.select({ id: carePlanGoals.id, description: carePlanGoals.description }).from(carePlanGoals).where(eq(carePlanGoals.patientId, patientId)),
  ]);
  return Object.fromEntries([...people.map((p) => [p.id, p.name]), ...goals.map((g) => [g.id, g.description])]);
}

/** The clinicians on the patient's care team now (active accounts, not removed): who may own an intervention. */
export async function activeTeamClinicians(executor: Executor, patientId: string): Promise<{ userId: string; name: string; specialty: Specialty | null }[]> {
  return executor
    .select({ userId: users.id, name: users.name, specialty: users.specialty })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.userId))
    .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.removedAt), eq(users.active, true), eq(users.role, 'clinician')))
    .orderBy(users.name);
}

/**
 * Describes the version that beat this clinician's save: read after the failed UPDATE, so on
 * PostgreSQL it sees the winner's committed row.
 */
export async function conflictFor(executor: Executor, entityType: 'goal' | 'intervention', id: string, openedVersion: number): Promise<{ error: string; conflict?: CarePlanConflict }> {
  const table = entityType === 'goal' ? carePlanGoals : carePlanInterventions;
  const [row] = await executor.select().from(table).where(eq(table.id, id));
  if (!row) return { error: 'This entry could not be found any more. Reload the plan; your change was not saved.' };
  const current = 'kind' in row ? interventionSnapshot(row) : goalSnapshot(row);
  const [[who], [opened], names] = await Promise.all([
    executor.select({ name: users.name }).from(users).where(eq(users.id, row.updatedBy)),
    executor
      .select({ snapshot: carePlanChanges.snapshot })
      .from(carePlanChanges)
      .where(and(eq(carePlanChanges.entityId, id), eq(carePlanChanges.version, openedVersion)))
      .orderBy(desc(carePlanChanges.id))
      .limit(1),
    namesFor(executor, row.patientId),
  ]);
  const changedByName = who?.name ?? 'A colleague';
  const changes = opened ? describeChanges(entityType, opened.snapshot, current, names) : [];
  const what = entityType === 'goal' ? 'this goal' : 'this intervention';
  return {
    error: `${changedByName} changed ${what} since you opened it (now version ${row.version}); your change was not saved. Review their change below, then apply yours to it.`,
    conflict: { currentVersion: row.version, changedByName, changedAt: row.updatedAt.toISOString(), current, changes },
  };
}
