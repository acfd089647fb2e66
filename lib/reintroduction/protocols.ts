import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { carePlanChanges, challengeReactions, clinicianTasks, eliminationProtocols, patients, results, users, type StoredChallenge, type StoredVerdict } from '@/db/schema';
import { challengeSafetyFacts, atHomeRefusalFor } from '@/lib/care-plans/reintroduction-safety';
import { activeTeamClinicians, patientOfEntity } from '@/lib/care-plans/records';
import { addDays } from '@/lib/clinical/dates';
import { sameFood } from '@/lib/clinical/reintroduction/foods';
import { challengeProgress } from '@/lib/clinical/reintroduction/progress';
import { nutritionPrompts, type ChallengeRiskFactor } from '@/lib/clinical/reintroduction/safety';
import { checkPlan, checkScheduleEdit, protocolSchedule, type ProtocolSchedule } from '@/lib/clinical/reintroduction/schedule';
import { FOOD_PANEL_IGG_CAVEAT, FOOD_PANEL_IGG_CAVEAT_SOURCE } from '@/lib/clinical/food-panels/options';
import { authorizePatientAccess, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { clinicToday } from '@/lib/platform/clinic-time';
import { inTransaction } from '@/lib/platform/db/transaction';
import { fieldErrorsOf, ForbiddenError, type FieldErrors } from '@/lib/platform/errors';
import { formatDate } from '@/lib/ui/format';
import { protocolDiaryAndReactions } from './diary';
import {
  confirmVerdictSchema,
  IGG_REASON_CAUTION,
  reportReactionSchema,
  startProtocolSchema,
  stopProtocolSchema,
  updateChallengesSchema,
  versionedProtocolSchema,
} from './schema';
import { protocolTitle } from './schema';

export { protocolTitle };

// Writes to an elimination → reintroduction protocol (DOMAIN.md §10). Like the rest of the care plan:
// who may act is settled first (and audited when refused); input is parsed with zod; one transaction
// updates the row only at the version the clinician opened, snapshots it into care_plan_changes, raises the
// tasks the protocol needs and records the audit event. Safety refusals (§10.4) are re-checked on every save.

export type ProtocolRow = typeof eliminationProtocols.$inferSelect;
export interface ProtocolCaution {
  code: string;
  text: string;
  source: string;
}
export type ProtocolOutcome<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors; cautions?: ProtocolCaution[] };

const INVALID = 'Some values need correcting before this can be saved. Nothing was saved.';

function invalid(error: z.ZodError): { ok: false; error: string; fieldErrors: FieldErrors } {
  return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(error) };
}

function snapshot(row: ProtocolRow): Record<string, unknown> {
  return {
    title: protocolTitle(row.foods),
    foods: row.foods,
    reasonKind: row.reasonKind,
    reasonResultId: row.reasonResultId,
    reasonText: row.reasonText,
    startDate: row.startDate,
    eliminationWeeks: row.eliminationWeeks,
    challenges: row.challenges,
    riskFactors: row.riskFactors,
    supervisedOnly: row.supervisedOnly,
    supervisorId: row.supervisorId,
    status: row.status,
    statusReason: row.statusReason,
    verdicts: row.verdicts,
    version: row.version,
  };
}

async function appendChange(tx: Transaction, actor: Actor, row: ProtocolRow, change: string) {
  await tx.insert(carePlanChanges).values({ patientId: row.patientId, entityType: 'protocol', entityId: row.id, version: row.version, change, snapshot: snapshot(row), changedBy: actor.userId });
  await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, row.patientId));
}

/**
 * The challenges may only name foods being eliminated, must cover every eliminated food that may come back
 * at home, and must not include one that may not (it stays out, with a referral instead).
 */
function checkChallengeFoods(foods: readonly string[], challenges: readonly StoredChallenge[], refusals: ReadonlyMap<string, { message: string }>): FieldErrors {
  const fieldErrors: FieldErrors = {};
  challenges.forEach((c, i) => {
    const refused = [...refusals.entries()].find(([food]) => sameFood(food, c.food));
    if (refused) (fieldErrors[`challenges.${i}.food`] ??= []).push(refused[1].message);
    else if (!foods.some((f) => sameFood(f, c.food))) (fieldErrors[`challenges.${i}.food`] ??= []).push(`${c.food} is not among the foods being eliminated: add it there first.`);
  });
  for (const food of foods) {
    if (refusals.has(food)) continue;
    if (!challenges.some((c) => sameFood(c.food, food))) {
      (fieldErrors.foods ??= []).push(`Schedule a reintroduction challenge for ${food}, or take it off the list: an elimination must end.`);
    }
  }
  return fieldErrors;
}

function scheduleProblems(eliminationWeeks: number, challenges: readonly StoredChallenge[], supervisedCount: number): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const p of checkPlan({ eliminationWeeks, challenges })) {
    // A protocol whose every food needs a supervised challenge has no at-home challenge: that is allowed.
    if (p.path === 'challenges' && challenges.length === 0 && supervisedCount > 0) continue;
    (fieldErrors[p.path] ??= []).push(p.message);
  }
  return fieldErrors;
}

const toStored = (challenges: readonly { food: string; portions: string[]; washoutDays: number }[]): StoredChallenge[] =>
  challenges.map((c) => ({ food: c.food.trim(), portions: c.portions.map((p) => p.trim()), washoutDays: c.washoutDays }));

/** How far back a protocol may be recorded as having started (entered after the first visit). */
const START_BACKDATE_DAYS = 28;
const START_AHEAD_DAYS = 90;

/**
 * Start a protocol for a patient. Either specialty may; the supervising clinician decides: it is active at
 * once when they start it themselves, otherwise proposed until they accept. Foods Axis must not let the
 * patient reintroduce at home are kept out of the challenges (named in the form) and, when asked, get a
 * referral task; dairy raises a calcium and vitamin D review, a child a growth-tracking prompt.
 */
export async function startProtocol(actor: Actor, patientId: string, input: unknown): Promise<ProtocolOutcome<{ protocolId: string; version: number; status: string }>> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'reintroduction.start', recordAllowed: false });
  const parsed = startProtocolSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const v = parsed.data;
  const riskFactors = [...new Set(v.riskFactors)];
  const today = clinicToday();
  if (v.startDate < addDays(today, -START_BACKDATE_DAYS) || v.startDate > addDays(today, START_AHEAD_DAYS)) {
    return { ok: false, error: INVALID, fieldErrors: { startDate: [`Start between ${formatDate(addDays(today, -START_BACKDATE_DAYS))} and ${formatDate(addDays(today, START_AHEAD_DAYS))}.`] } };
  }
  const foods = dedupeFoods(v.foods);
  const challenges = toStored(v.challenges);

  return inTransaction(async (tx): Promise<ProtocolOutcome<{ protocolId: string; version: number; status: string }>> => {
    const fieldErrors: FieldErrors = {};
    const team = await activeTeamClinicians(tx, patientId);
    const supervisor = team.find((m) => m.userId === v.supervisorId);
    if (!supervisor) fieldErrors.supervisorId = ['The supervising clinician must be an active clinician on this patient’s care team.'];
    const cautions: ProtocolCaution[] = [];
    if (v.reasonKind === 'food_panel' && v.reasonResultId) {
      const [result] = await tx
        .select({ kind: results.kind, interpretation: results.interpretation })
        .from(results)
        .where(and(eq(results.id, v.reasonResultId), eq(results.patientId, patientId), eq(results.isCurrent, true)));
      if (result?.kind !== 'food_panel') fieldErrors.reasonResultId = ['Choose one of this patient’s current food-panel results.'];
      const method = result?.interpretation.method;
      // IgG/IgG4 reflect exposure, not allergy (DOMAIN.md §3.2): never a reason on its own without the caution.
      if (method === 'igg' || method === 'igg4') cautions.push({ code: IGG_REASON_CAUTION, text: FOOD_PANEL_IGG_CAVEAT, source: FOOD_PANEL_IGG_CAVEAT_SOURCE });
    }
    const facts = await challengeSafetyFacts(tx, patientId);
    if (!facts) throw new ForbiddenError(NO_ACCESS_MESSAGE);
    const refusals = refusalsFor(foods, facts, riskFactors);
    Object.assign(fieldErrors, checkChallengeFoods(foods, challenges, refusals), scheduleProblems(v.eliminationWeeks, challenges, refusals.size));
    if (Object.keys(fieldErrors).length) {
      return { ok: false, error: refusals.size && Object.keys(fieldErrors).some((k) => k.startsWith('challenges.')) ? 'An at-home challenge was refused for safety. Nothing was saved.' : INVALID, fieldErrors };
    }
    const missing = cautions.filter((c) => !v.acknowledgedCautions.includes(c.code));
    if (missing.length) return { ok: false, error: 'Please read the caution below and tick it to confirm before saving. Nothing was saved.', cautions: missing };

    const schedule = protocolSchedule({ startDate: v.startDate, eliminationWeeks: v.eliminationWeeks, challenges });
    const status = v.supervisorId === actor.userId ? 'active' : 'proposed';
    const [row] = await tx
      .insert(eliminationProtocols)
      .values({
        patientId,
        foods,
        reasonKind: v.reasonKind,
        reasonResultId: v.reasonKind === 'food_panel' ? (v.reasonResultId ?? null) : null,
        reasonText: v.reasonText ?? null,
        startDate: v.startDate,
        eliminationWeeks: v.eliminationWeeks,
        challenges,
        riskFactors,
        supervisedOnly: [...refusals.entries()].map(([food, r]) => ({ food, reasons: r.reasons })),
        eliminationEndsOn: schedule.eliminationTo,
        endsOn: schedule.endsOn,
        supervisorId: v.supervisorId,
        ownerSpecialty: supervisor?.specialty ?? 'other',
        status,
        acknowledgedCautions: cautions.map((c) => c.code),
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return { ok: false, error: 'This patient already has an elimination protocol running: finish or stop it before starting another. Nothing was saved.' };
    await appendChange(tx, actor, row, 'propose');
    const tasks = await raiseTasks(tx, actor, row, facts.ageYears, v.referToAllergist);
    await recordAudit(tx, actor, [
      { action: 'reintroduction.start', outcome: 'allowed', patientId, entityType: 'protocol', entityId: row.id, detail: { status, foods: foods.length, challenges: challenges.length, supervisedOnly: row.supervisedOnly.length, tasks } },
    ]);
    return { ok: true, data: { protocolId: row.id, version: row.version, status } };
  });
}

function dedupeFoods(foods: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of foods.map((x) => x.trim())) if (!out.some((o) => sameFood(o, f))) out.push(f);
  return out;
}

function refusalsFor(foods: readonly string[], facts: NonNullable<Awaited<ReturnType<typeof challengeSafetyFacts>>>, riskFactors: readonly ChallengeRiskFactor[]) {
  const out = new Map<string, { message: string; reasons: string[] }>();
  for (const food of foods) {
    const refusal = atHomeRefusalFor(facts, food, riskFactors);
    if (refusal) out.set(food, refusal);
  }
  return out;
}

/** The tasks a new protocol needs, for its supervisor: allergist referrals, calcium and vitamin D review, growth tracking. */
async function raiseTasks(tx: Transaction, actor: Actor, row: ProtocolRow, ageYears: number, referToAllergist: boolean): Promise<number> {
  const descriptions: string[] = [];
  if (referToAllergist) {
    for (const s of row.supervisedOnly) descriptions.push(`Refer to an allergist for a supervised oral food challenge to ${s.food} (an at-home challenge was refused: ${s.reasons.join(' ')})`);
  }
  for (const p of nutritionPrompts(row.foods, ageYears)) descriptions.push(`${p.text} (${protocolTitle(row.foods)}; ${p.source})`);
  if (descriptions.length === 0) return 0;
  await tx.insert(clinicianTasks).values(descriptions.map((description) => ({ patientId: row.patientId, kind: 'task' as const, assigneeId: row.supervisorId, description, createdBy: actor.userId, protocolId: row.id })));
  return descriptions.length;
}

async function authorizeProtocol(actor: Actor, input: unknown, action: string): Promise<string> {
  const db = getDb();
  const id = input && typeof input === 'object' && 'protocolId' in input ? input.protocolId : undefined;
  const patientId = await patientOfEntity(db, actor, 'protocol', id, action);
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action, entityType: 'protocol', entityId: typeof id === 'string' ? id : '', recordAllowed: false });
  return patientId;
}

type RowCheck = { ok: true } | { ok: false; error: string; fieldErrors?: FieldErrors };

/** The one way a protocol changes: re-read, refuse if it moved on or breaks a rule, UPDATE … WHERE version = opened. */
async function changeProtocol(
  actor: Actor,
  opts: {
    protocolId: string;
    expectedVersion: number;
    action: string;
    change: string;
    check: (current: ProtocolRow, tx: Transaction) => RowCheck | Promise<RowCheck>;
    set: (current: ProtocolRow) => Partial<typeof eliminationProtocols.$inferInsert>;
    detail?: Record<string, unknown>;
    after?: (row: ProtocolRow, tx: Transaction) => Promise<void>;
  },
): Promise<ProtocolOutcome<{ protocolId: string; version: number; status: string }>> {
  return inTransaction(async (tx): Promise<ProtocolOutcome<{ protocolId: string; version: number; status: string }>> => {
    const [current] = await tx.select().from(eliminationProtocols).where(eq(eliminationProtocols.id, opts.protocolId));
    if (!current || current.version !== opts.expectedVersion) return { ok: false, error: await conflictMessage(tx, opts.protocolId, opts.expectedVersion) };
    const verdict = await opts.check(current, tx);
    if (!verdict.ok) return verdict;
    const [row] = await tx
      .update(eliminationProtocols)
      .set({ ...opts.set(current), version: sql`${eliminationProtocols.version} + 1`, updatedBy: actor.userId, updatedAt: sql`now()` })
      .where(and(eq(eliminationProtocols.id, opts.protocolId), eq(eliminationProtocols.version, opts.expectedVersion)))
      .returning();
    if (!row) return { ok: false, error: await conflictMessage(tx, opts.protocolId, opts.expectedVersion) };
    await appendChange(tx, actor, row, opts.change);
    await recordAudit(tx, actor, [{ action: opts.action, outcome: 'allowed', patientId: row.patientId, entityType: 'protocol', entityId: row.id, detail: { version: row.version, change: opts.change, ...opts.detail } }]);
    await opts.after?.(row, tx);
    return { ok: true, data: { protocolId: row.id, version: row.version, status: row.status } };
  });
}

async function conflictMessage(tx: Transaction, id: string, openedVersion: number): Promise<string> {
  const [row] = await tx.select({ version: eliminationProtocols.version, name: users.name }).from(eliminationProtocols).innerJoin(users, eq(users.id, eliminationProtocols.updatedBy)).where(eq(eliminationProtocols.id, id));
  if (!row) return 'This protocol could not be found any more. Reload the plan; your change was not saved.';
  return `${row.name} changed this protocol since you opened it (version ${openedVersion}, now ${row.version}); your change was not saved. Reload the plan to see their change, then apply yours to it.`;
}

const STATUS_WORDS: Record<ProtocolRow['status'], string> = { proposed: 'awaiting its supervisor', active: 'running', finished: 'finished', stopped: 'stopped' };

/** The supervising clinician accepts a protocol a colleague proposed: it becomes active. */
export async function acceptProtocol(actor: Actor, input: unknown) {
  await authorizeProtocol(actor, input, 'reintroduction.accept');
  const parsed = versionedProtocolSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return changeProtocol(actor, {
    ...parsed.data,
    action: 'reintroduction.accept',
    change: 'accept',
    check: (current) =>
      current.status !== 'proposed'
        ? { ok: false, error: `This protocol is ${STATUS_WORDS[current.status]}, not awaiting acceptance; nothing was changed.` }
        : current.supervisorId !== actor.userId
          ? { ok: false, error: 'Only the supervising clinician can accept this protocol; nothing was changed.' }
          : { ok: true },
    set: () => ({ status: 'active' }),
  });
}

/** Stop a protocol early, with a reason (any clinician on the team, as in a shared chart). */
export async function stopProtocol(actor: Actor, input: unknown) {
  await authorizeProtocol(actor, input, 'reintroduction.stop');
  const parsed = stopProtocolSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return changeProtocol(actor, {
    ...parsed.data,
    action: 'reintroduction.stop',
    change: 'status:stopped',
    check: (current) => (current.status === 'proposed' || current.status === 'active' ? { ok: true } : { ok: false, error: `This protocol is ${STATUS_WORDS[current.status]}; nothing was changed.` }),
    set: () => ({ status: 'stopped', statusReason: parsed.data.reason }),
  });
}

/**
 * A new order, portions or washouts. Only what has not begun may change: a challenge that started keeps its
 * place, dates and portions (the diary already logged against it), and the safety rules apply again.
 */
export async function updateChallenges(actor: Actor, input: unknown) {
  const patientId = await authorizeProtocol(actor, input, 'reintroduction.update');
  const parsed = updateChallengesSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const challenges = toStored(parsed.data.challenges);
  let next: ProtocolSchedule | null = null;
  return changeProtocol(actor, {
    protocolId: parsed.data.protocolId,
    expectedVersion: parsed.data.expectedVersion,
    action: 'reintroduction.update',
    change: 'challenges:update',
    check: async (current, tx) => {
      if (current.status !== 'proposed' && current.status !== 'active') return { ok: false, error: `This protocol is ${STATUS_WORDS[current.status]} and can no longer be changed.` };
      const facts = await challengeSafetyFacts(tx, patientId);
      if (!facts) return { ok: false, error: NO_ACCESS_MESSAGE };
      const refusals = refusalsFor(current.foods, facts, current.riskFactors as ChallengeRiskFactor[]);
      const fieldErrors = { ...checkChallengeFoods(current.foods, challenges, refusals), ...scheduleProblems(current.eliminationWeeks, challenges, refusals.size) };
      if (Object.keys(fieldErrors).length) return { ok: false, error: INVALID, fieldErrors };
      next = protocolSchedule({ ...current, challenges });
      const edits = checkScheduleEdit(protocolSchedule(current), next, clinicToday());
      if (edits.length) return { ok: false, error: 'Only challenges that have not begun can change. Nothing was saved.', fieldErrors: Object.fromEntries(edits.map((e) => [e.path, [e.message]])) };
      return { ok: true };
    },
    set: () => ({ challenges, endsOn: next?.endsOn, eliminationEndsOn: next?.eliminationTo }),
  });
}

/**
 * Confirm or override the suggested verdict for one food. The suggestion is recomputed here from the diary,
 * never taken from the form; overriding it needs a reason, and a food that stays out needs a review date.
 * "Reacted" may be confirmed from the first challenge day (a clear reaction ends a challenge); the others once
 * the diary window (the challenge days + 48 h) is over. When every food has its verdict the protocol is finished.
 */
export async function confirmVerdict(actor: Actor, input: unknown) {
  const patientId = await authorizeProtocol(actor, input, 'reintroduction.verdict');
  const parsed = confirmVerdictSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const v = parsed.data;
  const today = clinicToday();
  let stored: StoredVerdict | null = null;
  let finishing = false;
  return changeProtocol(actor, {
    protocolId: v.protocolId,
    expectedVersion: v.expectedVersion,
    action: 'reintroduction.verdict',
    change: 'verdict',
    detail: { food: v.food, verdict: v.verdict },
    check: async (current, tx) => {
      if (current.status !== 'active') return { ok: false, error: `This protocol is ${STATUS_WORDS[current.status]}; verdicts are confirmed while it runs.` };
      const schedule = protocolSchedule(current);
      const challenge = schedule.challenges.find((c) => c.food === v.food);
      if (!challenge) return { ok: false, error: INVALID, fieldErrors: { food: [`${v.food} is not one of this protocol’s challenges.`] } };
      if (current.verdicts[v.food]) return { ok: false, error: `The verdict for ${v.food} was already confirmed; nothing was changed.` };
      const { diary, reactions } = await protocolDiaryAndReactions(tx, patientId, current.id, schedule);
      const [progress] = challengeProgress({ schedule: { ...schedule, challenges: [challenge] }, verdicts: {}, diary, reactions, today });
      if (!progress) return { ok: false, error: INVALID };
      const allowed = v.verdict === 'reacted' ? progress.canConfirm.reacted : progress.canConfirm.other;
      if (!allowed) {
        return {
          ok: false,
          error:
            v.verdict === 'reacted'
              ? `The ${v.food} challenge has not begun (first day ${formatDate(challenge.days[0]?.date ?? '')}); nothing was saved.`
              : `The ${v.food} challenge is read until ${formatDate(progress.windowEnds)} (the challenge days and the 48 hours after): confirm a verdict after that. Nothing was saved.`,
        };
      }
      const suggested = progress.suggestion?.verdict ?? null;
      const fieldErrors: FieldErrors = {};
      if (suggested !== v.verdict && !v.reason) fieldErrors.reason = [`Axis suggested “${suggested ?? 'no verdict'}”: say why you decide “${v.verdict}”.`];
      if (v.verdict !== 'tolerated' && !v.reviewDate) fieldErrors.reviewDate = [`${v.food} stays out of the diet: set the date to review it again.`];
      if (v.verdict !== 'tolerated' && v.reviewDate && v.reviewDate <= today) fieldErrors.reviewDate = ['The review date must be after today.'];
      if (Object.keys(fieldErrors).length) return { ok: false, error: INVALID, fieldErrors };
      stored = {
        verdict: v.verdict,
        suggested,
        reason: v.reason ?? null,
        reviewDate: v.verdict === 'tolerated' ? null : (v.reviewDate ?? null),
        confirmedBy: actor.userId,
        confirmedAt: new Date().toISOString(),
      };
      finishing = schedule.challenges.every((c) => c.food === v.food || current.verdicts[c.food]);
      return { ok: true };
    },
    set: (current) => ({ verdicts: { ...current.verdicts, [v.food]: stored as StoredVerdict }, ...(finishing ? { status: 'finished' as const } : {}) }),
    // A food that stays out comes back to the supervisor on its review date.
    after: async (row, tx) => {
      if (!stored || stored.verdict === 'tolerated' || !stored.reviewDate) return;
      await tx.insert(clinicianTasks).values({
        patientId: row.patientId,
        kind: 'task',
        assigneeId: row.supervisorId,
        description: `Review ${v.food} (stays out of the diet after a challenge judged “${stored.verdict}”) on ${formatDate(stored.reviewDate)}.`,
        createdBy: actor.userId,
        protocolId: row.id,
      });
    },
  });
}

export type ReactionOutcome = { ok: true; data: { reactionId: string } } | { ok: false; error: string; fieldErrors?: FieldErrors };

/**
 * "I reacted": the patient reports a reaction during their running protocol. Only the patient, on their own
 * record; the date may not be in the future nor before the protocol began. Nothing is stored on a refusal.
 */
export async function reportReaction(actor: Actor, input: unknown): Promise<ReactionOutcome> {
  const db = getDb();
  const patientId = actor.patientId ?? '';
  await authorizePatientAccess(db, actor, patientId, 'patient-report', { action: 'reintroduction.reaction', recordAllowed: false });
  const parsed = reportReactionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: 'Some answers need correcting. Nothing was saved.', fieldErrors: fieldErrorsOf(parsed.error) };
  }
  const v = parsed.data;
  const today = clinicToday();
  return inTransaction(async (tx): Promise<ReactionOutcome> => {
    const [protocol] = await tx.select().from(eliminationProtocols).where(and(eq(eliminationProtocols.patientId, patientId), eq(eliminationProtocols.status, 'active')));
    if (!protocol) return { ok: false, error: 'You have no food reintroduction running, so there is nothing to report against. If you feel unwell, contact your care team.' };
    if (v.occurredOn > today) return { ok: false, error: 'Some answers need correcting. Nothing was saved.', fieldErrors: { occurredOn: ['The date cannot be in the future.'] } };
    if (v.occurredOn < protocol.startDate) return { ok: false, error: 'Some answers need correcting. Nothing was saved.', fieldErrors: { occurredOn: [`Your plan started on ${formatDate(protocol.startDate)}: choose a date from then.`] } };
    const [row] = await tx
      .insert(challengeReactions)
      .values({ patientId, protocolId: protocol.id, occurredOn: v.occurredOn, occurredTime: v.occurredTime ?? null, symptom: v.symptom, severity: v.severity, gutOnly: v.gutOnly, notes: v.notes ?? null, reportedBy: actor.userId })
      .returning({ id: challengeReactions.id });
    if (!row) throw new Error('reaction insert returned no row');
    await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, patientId));
    await recordAudit(tx, actor, [{ action: 'reintroduction.reaction', outcome: 'allowed', patientId, entityType: 'reaction', entityId: row.id, detail: { protocolId: protocol.id, severity: v.severity, occurredOn: v.occurredOn } }]);
    return { ok: true, data: { reactionId: row.id } };
  });
}
