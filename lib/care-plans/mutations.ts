import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { carePlanChanges, carePlanGoals, carePlanInterventions, patients } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import { fieldErrorsOf, type FieldErrors } from '@/lib/platform/errors';
import { scheduleTestOfCure, syncBreathRetest } from '@/lib/outcomes/follow-ups';
import { atHomeReintroductionRefusal } from './reintroduction-safety';
import { clinicToday } from '@/lib/platform/clinic-time';
import { checkInterventionGuardrails, unacknowledgedCautions, type GuardrailFinding } from './guardrails';
import { ALLOWED_STATUS_CHANGES, INTERVENTION_STATUS_LABELS } from './kinds';
import { activeTeamClinicians, conflictFor, goalSnapshot, interventionSnapshot, patientOfEntity, type CarePlanConflict, type InterventionRow } from './records';
import {
  addGoalSchema,
  changeInterventionStatusSchema,
  declineInterventionSchema,
  proposeInterventionSchema,
  updateGoalSchema,
  updateInterventionSchema,
  versionedInterventionSchema,
  type ProposeInterventionInput,
} from './schema';

// Writes to the living care plan. Each one: who may act is settled first (and audited when refused),
// then the input is parsed, then one transaction updates the row only if it is still at the version
// the clinician opened (checked in the UPDATE's WHERE), appends a snapshot to care_plan_changes,
// records the audit event and touches the patient's last activity. A lost race is a value naming the
// colleague who won and what they changed; nothing is overwritten.

export type CarePlanOutcome<T> =
  | { ok: true; data: T; guardrails: GuardrailFinding[] }
  | {
      ok: false;
      error: string;
      fieldErrors?: FieldErrors;
      /** Cautions to acknowledge before the save can go through (tick them and save again). */
      cautions?: GuardrailFinding[];
      conflict?: CarePlanConflict;
    };

export type { CarePlanConflict };

const INVALID = 'Some values need correcting before this can be saved. Nothing was saved.';

const invalid = (error: z.ZodError) => ({ ok: false as const, error: INVALID, fieldErrors: fieldErrorsOf(error) });

async function touchPatient(tx: Transaction, patientId: string) {
  await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, patientId));
}

async function appendChange(tx: Transaction, actor: Actor, entry: { patientId: string; entityType: 'goal' | 'intervention'; entityId: string; version: number; change: string; snapshot: Record<string, unknown> }) {
  await tx.insert(carePlanChanges).values({ ...entry, changedBy: actor.userId });
}

/** The owner must be a clinician on this patient's care team now, and the goal (if any) this patient's. */
async function checkOwnerAndGoal(tx: Transaction, patientId: string, input: Pick<ProposeInterventionInput, 'ownerUserId' | 'ownerSpecialty' | 'goalId'>) {
  const fieldErrors: FieldErrors = {};
  const team = await activeTeamClinicians(tx, patientId);
  const owner = team.find((m) => m.userId === input.ownerUserId);
  if (!owner) fieldErrors.ownerUserId = ['The owner must be an active clinician on this patient’s care team.'];
  const ownerSpecialty = owner?.specialty ?? 'other';
  if (owner && input.ownerSpecialty && input.ownerSpecialty !== ownerSpecialty) {
    fieldErrors.ownerSpecialty = [`${owner.name} is in ${ownerSpecialty}, not ${input.ownerSpecialty}.`];
  }
  if (input.goalId) {
    const [goal] = await tx.select({ patientId: carePlanGoals.patientId }).from(carePlanGoals).where(eq(carePlanGoals.id, input.goalId));
    if (goal?.patientId !== patientId) fieldErrors.goalId = ['Choose one of this patient’s goals.'];
  }
  return Object.keys(fieldErrors).length ? { ok: false as const, fieldErrors } : { ok: true as const, ownerSpecialty };
}

function cautionRefusal(cautions: GuardrailFinding[]) {
  return {
    ok: false as const,
    error:
      cautions.length === 1
        ? 'Please read the caution below and tick it to confirm before saving. Nothing was saved.'
        : `Please read the ${cautions.length} cautions below and tick each to confirm before saving. Nothing was saved.`,
    cautions,
  };
}

/**
 * Either specialty proposes; the owner accepts later. The evidence guardrails are recomputed here from
 * what was sent: a caution the clinician has not acknowledged refuses the save and is sent back so the
 * form can show it. Acknowledged cautions are stored with the intervention.
 */
export async function proposeIntervention(actor: Actor, patientId: string, input: unknown): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'care_plan.intervention.propose', recordAllowed: false });
  const parsed = proposeInterventionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const v = parsed.data;
  const findings = checkInterventionGuardrails(v);
  const missing = unacknowledgedCautions(findings, v.acknowledgedCautions);
  if (missing.length) return cautionRefusal(missing);
  const acknowledged = findings.filter((f) => f.severity === 'caution').map((f) => f.code);

  return inTransaction(async (tx): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> => {
    const owner = await checkOwnerAndGoal(tx, patientId, v);
    if (!owner.ok) return { ok: false, error: INVALID, fieldErrors: owner.fieldErrors };
    const unsafe = await atHomeReintroductionRefusal(tx, patientId, v);
    if (unsafe) return { ok: false, ...unsafe };
    const [row] = await tx
      .insert(carePlanInterventions)
      .values({
        patientId,
        goalId: v.goalId ?? null,
        kind: v.kind,
        title: v.title,
        details: v.details,
        ownerSpecialty: owner.ownerSpecialty,
        ownerUserId: v.ownerUserId,
        startDate: v.startDate ?? null,
        endDate: v.endDate ?? null,
        ...outcomeFields(v),
        acknowledgedCautions: acknowledged,
        proposedBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('intervention insert returned no row');
    await appendChange(tx, actor, { patientId, entityType: 'intervention', entityId: row.id, version: 1, change: 'propose', snapshot: interventionSnapshot(row) });
    await syncBreathRetest(tx, actor, row);
    await recordAudit(tx, actor, [
      { action: 'care_plan.intervention.propose', outcome: 'allowed', patientId, entityType: 'intervention', entityId: row.id, detail: { kind: v.kind, owner: v.ownerUserId, acknowledgedCautions: acknowledged } },
    ]);
    await touchPatient(tx, patientId);
    return { ok: true, data: { interventionId: row.id, version: 1 }, guardrails: findings };
  });
}

/** The outcome-tracking fields as stored: the target decides which of the dates may be kept. */
function outcomeFields(v: Pick<ProposeInterventionInput, 'gutTarget' | 'responseWeeks' | 'ppiLastDoseDate' | 'retestDate'>) {
  return {
    gutTarget: v.gutTarget ?? null,
    responseWeeks: v.responseWeeks ?? null,
    ppiLastDoseDate: v.gutTarget === 'h_pylori' ? (v.ppiLastDoseDate ?? null) : null,
    retestDate: v.gutTarget === 'sibo' || v.gutTarget === 'imo' ? (v.retestDate ?? null) : null,
  };
}

/** Completed or stopped after it ran (a withdrawn proposal never ran: nothing to test). */
function ranAndEnded(row: InterventionRow): boolean {
  return row.acceptedAt !== null && (row.status === 'completed' || row.status === 'stopped');
}

type Verdict = { ok: true } | { ok: false; error: string; fieldErrors?: FieldErrors; cautions?: GuardrailFinding[]; audit?: Record<string, unknown> };
type RowCheck = (current: InterventionRow, tx: Transaction) => Verdict | Promise<Verdict>;

/**
 * The one way an intervention changes: re-read it, refuse if it moved on from the opened version or
 * breaks a rule, then UPDATE … WHERE id = ? AND version = ? (version + 1). Zero rows means a colleague
 * saved first; their version is described instead.
 */
async function changeIntervention(
  actor: Actor,
  opts: {
    interventionId: string;
    patientId: string;
    expectedVersion: number;
    action: string;
    change: string | ((current: InterventionRow) => string);
    check: RowCheck;
    set: (current: InterventionRow) => PgUpdateSetSource<typeof carePlanInterventions>;
    detail?: Record<string, unknown>;
    /** Follow-on writes in the same transaction, from the saved row (follow-up tests). */
    after?: (row: InterventionRow, tx: Transaction) => Promise<void>;
  },
): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> {
  return inTransaction(async (tx): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> => {
    const { interventionId: id, patientId, expectedVersion } = opts;
    const [current] = await tx.select().from(carePlanInterventions).where(eq(carePlanInterventions.id, id));
    if (!current || current.version !== expectedVersion) return { ok: false, ...(await conflictFor(tx, 'intervention', id, expectedVersion)) };
    const verdict = await opts.check(current, tx);
    if (!verdict.ok) {
      if (verdict.audit) {
        await recordAudit(tx, actor, [{ action: opts.action, outcome: 'denied', patientId, entityType: 'intervention', entityId: id, detail: verdict.audit }]);
      }
      return { ok: false, error: verdict.error, fieldErrors: verdict.fieldErrors, cautions: verdict.cautions };
    }
    const [row] = await tx
      .update(carePlanInterventions)
      .set({ ...opts.set(current), version: sql`${carePlanInterventions.version} + 1`, updatedBy: actor.userId, updatedAt: sql`now()` })
      .where(and(eq(carePlanInterventions.id, id), eq(carePlanInterventions.version, expectedVersion)))
      .returning();
    if (!row) return { ok: false, ...(await conflictFor(tx, 'intervention', id, expectedVersion)) };
    const change = typeof opts.change === 'string' ? opts.change : opts.change(current);
    await appendChange(tx, actor, { patientId, entityType: 'intervention', entityId: id, version: row.version, change, snapshot: interventionSnapshot(row) });
    await recordAudit(tx, actor, [
      { action: opts.action, outcome: 'allowed', patientId, entityType: 'intervention', entityId: id, detail: { version: row.version, change, ...opts.detail } },
    ]);
    await touchPatient(tx, patientId);
    await opts.after?.(row, tx);
    return { ok: true, data: { interventionId: id, version: row.version }, guardrails: checkInterventionGuardrails(row) };
  });
}

async function authorizeIntervention(actor: Actor, interventionId: unknown, action: string): Promise<string> {
  const db = getDb();
  const patientId = await patientOfEntity(db, actor, 'intervention', interventionId, action);
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', {
    action,
    entityType: 'intervention',
    entityId: typeof interventionId === 'string' ? interventionId : '',
    recordAllowed: false,
  });
  return patientId;
}

const idOf = (input: unknown): unknown => (input && typeof input === 'object' && 'interventionId' in input ? input.interventionId : undefined);

function onlyOwner(actor: Actor, current: InterventionRow, verb: string) {
  if (current.status !== 'proposed') {
    return { ok: false as const, error: `This intervention is ${INTERVENTION_STATUS_LABELS[current.status].toLowerCase()}, not awaiting acceptance; nothing was changed.` };
  }
  if (current.ownerUserId !== actor.userId) {
    return { ok: false as const, error: `Only the clinician who owns this intervention can ${verb} it; nothing was changed.`, audit: { reason: 'not-owner' } };
  }
  return { ok: true as const };
}

/** The owner accepts a proposal: it becomes active, starting today unless a start date was planned. */
export async function acceptIntervention(actor: Actor, input: unknown): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> {
  const patientId = await authorizeIntervention(actor, idOf(input), 'care_plan.intervention.accept');
  const parsed = versionedInterventionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return changeIntervention(actor, {
    ...parsed.data,
    patientId,
    action: 'care_plan.intervention.accept',
    change: 'accept',
    check: (current) => onlyOwner(actor, current, 'accept'),
    set: () => ({
      status: 'active',
      acceptedBy: actor.userId,
      acceptedAt: sql`now()`,
      // least() skips nulls: today (the clinic's date, not the database server's), or the planned end date if that has already passed.
      startDate: sql`coalesce(${carePlanInterventions.startDate}, least(${clinicToday()}::date, ${carePlanInterventions.endDate}))`,
    }),
    after: (row, tx) => syncBreathRetest(tx, actor, row),
  });
}

/** The owner declines a proposal, saying why; it stays in the plan's history. */
export async function declineIntervention(actor: Actor, input: unknown): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> {
  const patientId = await authorizeIntervention(actor, idOf(input), 'care_plan.intervention.decline');
  const parsed = declineInterventionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return changeIntervention(actor, {
    ...parsed.data,
    patientId,
    action: 'care_plan.intervention.decline',
    change: 'decline',
    check: (current) => onlyOwner(actor, current, 'decline'),
    set: () => ({ status: 'declined', statusReason: parsed.data.reason }),
  });
}

/** Pause, resume, complete or stop (with a reason). Any clinician on the team may, as in a shared chart. */
export async function changeInterventionStatus(actor: Actor, input: unknown): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> {
  const patientId = await authorizeIntervention(actor, idOf(input), 'care_plan.intervention.status');
  const parsed = changeInterventionStatusSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { status, reason, ppiLastDoseDate } = parsed.data;
  const ending = status === 'completed' || status === 'stopped';
  return changeIntervention(actor, {
    ...parsed.data,
    patientId,
    action: 'care_plan.intervention.status',
    change: `status:${status}`,
    detail: { status },
    check: (current) =>
      ppiLastDoseDate && !(ending && current.gutTarget === 'h_pylori')
        ? { ok: false, error: INVALID, fieldErrors: { ppiLastDoseDate: ['The last PPI dose is recorded when an H. pylori therapy is completed or stopped.'] } }
        : ppiLastDoseDate && current.startDate && ppiLastDoseDate < current.startDate
          ? { ok: false, error: INVALID, fieldErrors: { ppiLastDoseDate: ['The last PPI dose cannot be before the therapy started.'] } }
          : ALLOWED_STATUS_CHANGES[current.status].includes(status)
        ? { ok: true }
        : {
            ok: false,
            error:
              current.status === 'proposed' && status !== 'stopped'
                ? 'This intervention has not been accepted by its owner yet; nothing was changed.'
                : `A ${INTERVENTION_STATUS_LABELS[current.status].toLowerCase()} intervention cannot be set to ${INTERVENTION_STATUS_LABELS[status].toLowerCase()}; nothing was changed.`,
          },
    set: (current) => ({
      status,
      statusReason: reason ?? null,
      // Completing or stopping ends it today unless an end date was already planned.
      ...(ending && current.status !== 'proposed' && !current.endDate ? { endDate: sql`greatest(${clinicToday()}::date, ${carePlanInterventions.startDate})` } : {}),
      // A planned end date still in the future ends today: the therapy stopped now.
      ...(ending && current.status !== 'proposed' && current.endDate ? { endDate: sql`greatest(least(${clinicToday()}::date, ${carePlanInterventions.endDate}), ${carePlanInterventions.startDate})` } : {}),
      ...(ppiLastDoseDate ? { ppiLastDoseDate } : {}),
    }),
    // When an H. pylori therapy ends its test of cure is scheduled; a retest is tracked until the treatment ends.
    after: async (row, tx) => {
      if (ending && ranAndEnded(row)) await scheduleTestOfCure(tx, actor, row);
      await syncBreathRetest(tx, actor, row);
    },
  });
}

/**
 * Edits title, details, dates, goal and owner. The kind stays. Guardrails are recomputed: a caution
 * not acknowledged before (now or when proposed) must be acknowledged.
 */
export async function updateIntervention(actor: Actor, input: unknown): Promise<CarePlanOutcome<{ interventionId: string; version: number }>> {
  const patientId = await authorizeIntervention(actor, idOf(input), 'care_plan.intervention.update');
  const parsed = updateInterventionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const v = parsed.data;
  const findings = checkInterventionGuardrails(v);
  let ownerSpecialty: InterventionRow['ownerSpecialty'] | undefined;
  return changeIntervention(actor, {
    interventionId: v.interventionId,
    expectedVersion: v.expectedVersion,
    patientId,
    action: 'care_plan.intervention.update',
    change: 'update',
    check: async (current, tx) => {
      if (current.kind !== v.kind) return { ok: false, error: INVALID, fieldErrors: { kind: ['The kind of an intervention cannot be changed; propose a new one instead.'] } };
      if (['completed', 'stopped', 'declined'].includes(current.status)) {
        return { ok: false, error: `This intervention is ${INTERVENTION_STATUS_LABELS[current.status].toLowerCase()} and can no longer be edited; propose a new one instead.` };
      }
      const missing = unacknowledgedCautions(findings, [...v.acknowledgedCautions, ...current.acknowledgedCautions]);
      if (missing.length) return cautionRefusal(missing);
      const checked = await checkOwnerAndGoal(tx, patientId, v);
      if (!checked.ok) return { ok: false, error: INVALID, fieldErrors: checked.fieldErrors };
      const unsafe = await atHomeReintroductionRefusal(tx, patientId, v);
      if (unsafe) return { ok: false, ...unsafe };
      ownerSpecialty = checked.ownerSpecialty;
      return { ok: true };
    },
    set: () => ({
      title: v.title,
      details: v.details,
      goalId: v.goalId ?? null,
      ownerUserId: v.ownerUserId,
      ownerSpecialty,
      startDate: v.startDate ?? null,
      endDate: v.endDate ?? null,
      ...outcomeFields(v),
      acknowledgedCautions: findings.filter((f) => f.severity === 'caution').map((f) => f.code),
    }),
    after: (row, tx) => syncBreathRetest(tx, actor, row),
  });
}

type GoalOutcome = CarePlanOutcome<{ goalId: string; version: number }>;

/** A goal for the plan, e.g. "EASI below 7 by March", optionally tied to a score and a date. */
export async function addGoal(actor: Actor, patientId: string, input: unknown): Promise<GoalOutcome> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'care_plan.goal.add', recordAllowed: false });
  const parsed = addGoalSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const v = parsed.data;
  return inTransaction(async (tx): Promise<GoalOutcome> => {
    const [row] = await tx
      .insert(carePlanGoals)
      .values({
        patientId,
        description: v.description,
        targetInstrument: v.targetInstrument ?? null,
        targetValue: v.targetValue ?? null,
        targetDate: v.targetDate ?? null,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('goal insert returned no row');
    await appendChange(tx, actor, { patientId, entityType: 'goal', entityId: row.id, version: 1, change: 'create', snapshot: goalSnapshot(row) });
    await recordAudit(tx, actor, [{ action: 'care_plan.goal.add', outcome: 'allowed', patientId, entityType: 'goal', entityId: row.id }]);
    await touchPatient(tx, patientId);
    return { ok: true, data: { goalId: row.id, version: 1 }, guardrails: [] };
  });
}

/** Edits a goal or records it met, not met or withdrawn; refused if a colleague changed it since it was opened. */
export async function updateGoal(actor: Actor, input: unknown): Promise<GoalOutcome> {
  const db = getDb();
  const requestedId = input && typeof input === 'object' && 'goalId' in input ? input.goalId : undefined;
  const patientId = await patientOfEntity(db, actor, 'goal', requestedId, 'care_plan.goal.update');
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', {
    action: 'care_plan.goal.update',
    entityType: 'goal',
    entityId: typeof requestedId === 'string' ? requestedId : '',
    recordAllowed: false,
  });
  const parsed = updateGoalSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const v = parsed.data;
  return inTransaction(async (tx): Promise<GoalOutcome> => {
    const [row] = await tx
      .update(carePlanGoals)
      .set({
        description: v.description,
        targetInstrument: v.targetInstrument ?? null,
        targetValue: v.targetValue ?? null,
        targetDate: v.targetDate ?? null,
        status: v.status,
        version: sql`${carePlanGoals.version} + 1`,
        updatedBy: actor.userId,
        updatedAt: sql`now()`,
      })
      .where(and(eq(carePlanGoals.id, v.goalId), eq(carePlanGoals.version, v.expectedVersion)))
      .returning();
    if (!row) return { ok: false, ...(await conflictFor(tx, 'goal', v.goalId, v.expectedVersion)) };
    await appendChange(tx, actor, { patientId, entityType: 'goal', entityId: row.id, version: row.version, change: 'update', snapshot: goalSnapshot(row) });
    await recordAudit(tx, actor, [{ action: 'care_plan.goal.update', outcome: 'allowed', patientId, entityType: 'goal', entityId: row.id, detail: { version: row.version, status: row.status } }]);
    await touchPatient(tx, patientId);
    return { ok: true, data: { goalId: row.id, version: row.version }, guardrails: [] };
  });
}
