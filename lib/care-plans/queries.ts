import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { carePlanChanges, carePlanGoals, carePlanInterventions, patients, users } from '@/db/schema';
import type { GoalStatus, InterventionKind, InterventionStatus, Specialty } from '@/db/schema/enum-values';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import type { InterventionResponse } from '@/lib/clinical/outcomes/response';
import { responsesByIntervention } from '@/lib/outcomes/responses';
import { loadScoreSeries } from '@/lib/results/queries';
import type { GutTarget } from './kinds';
import { changeLabel, describeChanges, summarizeDetails, type FieldChange } from './describe';
import { checkInterventionGuardrails, type GuardrailFinding } from './guardrails';
import { activeTeamClinicians, namesFor, patientOfEntity } from './records';

export interface GoalView {
  id: string;
  description: string;
  targetInstrument: string | null;
  targetValue: string | null;
  targetDate: string | null;
  status: GoalStatus;
  version: number;
  updatedByName: string;
  updatedAt: string;
}

export interface InterventionView {
  id: string;
  kind: InterventionKind;
  title: string;
  details: Record<string, unknown>;
  summary: string;
  goalId: string | null;
  ownerSpecialty: Specialty;
  ownerUserId: string;
  ownerName: string;
  status: InterventionStatus;
  statusReason: string | null;
  startDate: string | null;
  endDate: string | null;
  gutTarget: GutTarget | null;
  responseWeeks: number | null;
  ppiLastDoseDate: string | null;
  retestDate: string | null;
  /** The response of each scored instrument since it started (lib/clinical/outcomes/response.ts). */
  responses: InterventionResponse[];
  acknowledgedCautions: string[];
  /** Evidence guardrails as the intervention stands now (flags stay visible on the plan). */
  guardrails: GuardrailFinding[];
  proposedByName: string;
  proposedAt: string;
  acceptedByName: string | null;
  acceptedAt: string | null;
  version: number;
  updatedByName: string;
  updatedAt: string;
  /** Proposed and owned by the clinician looking: only they can accept or decline it. */
  awaitingMyAcceptance: boolean;
}

export interface PlanChangeView {
  id: number;
  entityType: 'goal' | 'intervention';
  entityId: string;
  /** The goal's description or the intervention's title at that version. */
  label: string;
  version: number;
  change: string;
  changeLabel: string;
  changedByName: string;
  changedAt: string;
  /** What this version changed compared with the one before (empty for the first). */
  fields: FieldChange[];
  reason: string | null;
}

export interface CarePlanView {
  patient: { id: string; givenName: string; familyName: string; mrn: string };
  goals: GoalView[];
  interventions: InterventionView[];
  /** Newest first. */
  recentChanges: PlanChangeView[];
  /** Who may own an intervention: the active clinicians on the care team. */
  team: { userId: string; name: string; specialty: Specialty | null }[];
  awaitingMyAcceptance: number;
}

/** How interventions are listed: what needs a decision first, then running, then finished. */
export const INTERVENTION_STATUS_ORDER: Record<InterventionStatus, number> = { proposed: 0, active: 1, paused: 2, completed: 3, stopped: 4, declined: 5 };

async function changesFor(patientId: string, entityId?: string): Promise<PlanChangeView[]> {
  const db = getDb();
  const rows = await db
    .select({
      id: carePlanChanges.id,
      entityType: carePlanChanges.entityType,
      entityId: carePlanChanges.entityId,
      version: carePlanChanges.version,
      change: carePlanChanges.change,
      snapshot: carePlanChanges.snapshot,
      changedByName: users.name,
      changedAt: carePlanChanges.changedAt,
    })
    .from(carePlanChanges)
    .innerJoin(users, eq(users.id, carePlanChanges.changedBy))
    .where(entityId ? eq(carePlanChanges.entityId, entityId) : eq(carePlanChanges.patientId, patientId))
    .orderBy(asc(carePlanChanges.id));
  const names = await namesFor(db, patientId);
  const previous = new Map<string, Record<string, unknown>>();
  const out: PlanChangeView[] = [];
  for (const r of rows) {
    const entityType = r.entityType === 'goal' ? 'goal' : 'intervention';
    const before = previous.get(r.entityId) ?? null;
    previous.set(r.entityId, r.snapshot);
    const s = r.snapshot;
    const reason = typeof s.statusReason === 'string' && (r.change === 'decline' || r.change.startsWith('status:')) ? s.statusReason : null;
    out.push({
      id: r.id,
      entityType,
      entityId: r.entityId,
      label: String((entityType === 'goal' ? s.description : s.title) ?? ''),
      version: r.version,
      change: r.change,
      changeLabel: changeLabel(r.change),
      changedByName: r.changedByName,
      changedAt: r.changedAt.toISOString(),
      fields: r.change === 'update' ? describeChanges(entityType, before, s, names) : [],
      reason,
    });
  }
  return out.reverse();
}

/**
 * The patient's living care plan for the care team: goals, interventions (current ones first, with
 * who owns and who proposed each), what awaits this clinician's acceptance, and recent changes.
 */
export async function getCarePlan(actor: Actor, patientId: string, options: { changes?: number } = {}): Promise<CarePlanView> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'care_plan.read' });
  const owner = alias(users, 'owner');
  const proposer = alias(users, 'proposer');
  const accepter = alias(users, 'accepter');
  const updater = alias(users, 'updater');
  const [[patient], goals, interventions, team, changes, scoreSeries] = await Promise.all([
    db.select({ id: patients.id, givenName: patients.givenName, familyName: patients.familyName, mrn: patients.mrn }).from(patients).where(eq(patients.id, patientId)),
    db
      .select({ goal: carePlanGoals, updatedByName: updater.name })
      .from(carePlanGoals)
      .innerJoin(updater, eq(updater.id, carePlanGoals.updatedBy))
      .where(eq(carePlanGoals.patientId, patientId))
      .orderBy(asc(carePlanGoals.createdAt)),
    db
      .select({ i: carePlanInterventions, ownerName: owner.name, proposedByName: proposer.name, acceptedByName: accepter.name, updatedByName: updater.name })
      .from(carePlanInterventions)
      .innerJoin(owner, eq(owner.id, carePlanInterventions.ownerUserId))
      .innerJoin(proposer, eq(proposer.id, carePlanInterventions.proposedBy))
      .innerJoin(updater, eq(updater.id, carePlanInterventions.updatedBy))
      .leftJoin(accepter, eq(accepter.id, carePlanInterventions.acceptedBy))
      .where(eq(carePlanInterventions.patientId, patientId))
      .orderBy(desc(carePlanInterventions.proposedAt)),
    activeTeamClinicians(db, patientId),
    options.changes === 0 ? Promise.resolve([]) : changesFor(patientId),
    // The plan shows how each intervention's scores moved; read under the plan's own check and audit event.
    loadScoreSeries(db, patientId),
  ]);
  const responses = responsesByIntervention(
    interventions.map(({ i }) => i),
    scoreSeries,
  );
  if (!patient) throw new Error(`patient ${patientId} vanished after the access check`);

  const views: InterventionView[] = interventions
    .map(({ i, ownerName, proposedByName, acceptedByName, updatedByName }) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      details: i.details,
      summary: summarizeDetails(i.kind, i.details),
      goalId: i.goalId,
      ownerSpecialty: i.ownerSpecialty,
      ownerUserId: i.ownerUserId,
      ownerName,
      status: i.status,
      statusReason: i.statusReason,
      startDate: i.startDate,
      endDate: i.endDate,
      gutTarget: i.gutTarget,
      responseWeeks: i.responseWeeks,
      ppiLastDoseDate: i.ppiLastDoseDate,
      retestDate: i.retestDate,
      responses: responses.get(i.id) ?? [],
      acknowledgedCautions: i.acknowledgedCautions,
      guardrails: checkInterventionGuardrails(i),
      proposedByName,
      proposedAt: i.proposedAt.toISOString(),
      acceptedByName,
      acceptedAt: i.acceptedAt ? i.acceptedAt.toISOString() : null,
      version: i.version,
      updatedByName,
      updatedAt: i.updatedAt.toISOString(),
      awaitingMyAcceptance: actor.role === 'clinician' && i.status === 'proposed' && i.ownerUserId === actor.userId,
    }))
    .sort((a, b) => INTERVENTION_STATUS_ORDER[a.status] - INTERVENTION_STATUS_ORDER[b.status]);

  return {
    patient,
    goals: goals.map(({ goal: g, updatedByName }) => ({
      id: g.id,
      description: g.description,
      targetInstrument: g.targetInstrument,
      targetValue: g.targetValue,
      targetDate: g.targetDate,
      status: g.status,
      version: g.version,
      updatedByName,
      updatedAt: g.updatedAt.toISOString(),
    })),
    interventions: views,
    recentChanges: changes.slice(0, options.changes ?? 50),
    team,
    awaitingMyAcceptance: views.filter((v) => v.awaitingMyAcceptance).length,
  };
}

export interface InterventionHistory {
  interventionId: string;
  patientId: string;
  /** Every version, newest first, each with what it changed and its full snapshot. */
  versions: (PlanChangeView & { snapshot: Record<string, unknown> })[];
}

/** Every version of one intervention, for its history view. */
export async function getInterventionHistory(actor: Actor, interventionId: string): Promise<InterventionHistory> {
  const db = getDb();
  const patientId = await patientOfEntity(db, actor, 'intervention', interventionId, 'care_plan.history.read');
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'care_plan.history.read', entityType: 'intervention', entityId: interventionId });
  const [changes, snapshots] = await Promise.all([
    changesFor(patientId, interventionId),
    db.select({ id: carePlanChanges.id, snapshot: carePlanChanges.snapshot }).from(carePlanChanges).where(eq(carePlanChanges.entityId, interventionId)),
  ]);
  const byId = new Map(snapshots.map((s) => [s.id, s.snapshot]));
  return { interventionId, patientId, versions: changes.map((c) => ({ ...c, snapshot: byId.get(c.id) ?? {} })) };
}
