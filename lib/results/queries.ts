import 'server-only';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { patientViews, resultReviews, results, users } from '@/db/schema';
import type { ResultFlag, ResultKind } from '@/db/schema/enum-values';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';
import { NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { StoolTestInput } from '@/lib/clinical/stool-tests/schema';
import { describeProvenance, type EnteredByRole } from './provenance';

export interface ResultSummary {
  id: string;
  seriesId: string;
  kind: ResultKind;
  version: number;
  effectiveDate: string;
  title: string;
  summary: string;
  flag: ResultFlag;
  instrument: string | null;
  value: number | null;
  enteredByName: string;
  enteredByRole: EnteredByRole;
  enteredAt: string;
  /** Who reported it: 'patient' for a score the patient reported (in the portal, or on paper and typed in). */
  reportedBy: 'clinician' | 'patient';
  /** Entered since this clinician last opened the record. */
  isNew: boolean;
  /** Entered by someone else and not yet acknowledged by this clinician. */
  awaitingMyReview: boolean;
}

export interface PatientResults {
  results: ResultSummary[];
  /** When this clinician had last opened the record before now (null: first visit). */
  previousViewAt: string | null;
}

/**
 * The current version of every result on a patient, newest first, marked for this clinician as new
 * or awaiting review. Opening them counts as "looking": the clinician's view time moves to now.
 */
export async function getPatientResults(actor: Actor, patientId: string): Promise<PatientResults> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'result.list' });
  const [view] = await db
    .select({ at: patientViews.lastViewedAt })
    .from(patientViews)
    .where(and(eq(patientViews.userId, actor.userId), eq(patientViews.patientId, patientId)));
  const previous = view?.at ?? null;
  const rows = await selectCurrentResults(db, actor, patientId);
  await recordPatientView(db, actor, patientId);
  return summarizeResults(actor, rows, previous);
}

/** The current version of every result on a patient, newest first. No access check: callers have made theirs. */
export function selectCurrentResults(executor: Executor, actor: Actor, patientId: string) {
  return executor
    .select({
      id: results.id,
      seriesId: results.seriesId,
      kind: results.kind,
      version: results.version,
      effectiveDate: results.effectiveDate,
      title: results.title,
      summary: results.summary,
      flag: results.flag,
      instrument: results.instrument,
      value: results.value,
      enteredBy: results.enteredBy,
      enteredByName: users.name,
      enteredByRole: users.role,
      enteredAt: results.enteredAt,
      reportedBy: sql<string | null>`${results.data}->>'reportedBy'`,
      // H. pylori: which test, so the record can tell whether it counts as a test of cure.
      method: sql<string | null>`${results.data}->>'method'`,
      reviewedByMe: sql<boolean>`exists (${executor
        .select({ one: sql`1` })
        .from(resultReviews)
        .where(and(eq(resultReviews.resultId, results.id), eq(resultReviews.userId, actor.userId)))})`,
    })
    .from(results)
    .innerJoin(users, eq(users.id, results.enteredBy))
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true)))
    .orderBy(desc(results.effectiveDate), desc(results.enteredAt));
}

export type CurrentResultRow = Awaited<ReturnType<typeof selectCurrentResults>>[number];

/** Opening a patient's results counts as "looking": a clinician's view time moves to now. */
export async function recordPatientView(executor: Executor, actor: Actor, patientId: string): Promise<void> {
  if (actor.role !== 'clinician') return;
  // The database's clock, like entered_at: app and database clocks never disagree about "new".
  await executor
    .insert(patientViews)
    .values({ userId: actor.userId, patientId, lastViewedAt: sql`now()` })
    .onConflictDoUpdate({ target: [patientViews.userId, patientViews.patientId], set: { lastViewedAt: sql`now()` } });
}

/** Marks each result new or awaiting review for this clinician, given when they had last looked. */
export function summarizeResults(actor: Actor, rows: CurrentResultRow[], previous: Date | null): PatientResults {
  const isClinician = actor.role === 'clinician';
  return {
    previousViewAt: previous ? previous.toISOString() : null,
    results: rows.map((r) => ({
      id: r.id,
      seriesId: r.seriesId,
      kind: r.kind,
      version: r.version,
      effectiveDate: r.effectiveDate,
      title: r.title,
      summary: r.summary,
      flag: r.flag,
      instrument: r.instrument,
      value: r.value,
      enteredByName: r.enteredByName,
      enteredByRole: r.enteredByRole,
      enteredAt: r.enteredAt.toISOString(),
      reportedBy: describeProvenance(r).reportedByPatient ? ('patient' as const) : ('clinician' as const),
      isNew: isClinician && r.enteredBy !== actor.userId && (previous === null || r.enteredAt > previous),
      awaitingMyReview: isClinician && r.enteredBy !== actor.userId && !r.reviewedByMe,
    })),
  };
}

export interface ResultVersion {
  id: string;
  version: number;
  isCurrent: boolean;
  effectiveDate: string;
  title: string;
  summary: string;
  flag: ResultFlag;
  criteriaSet: string | null;
  loincCode: string | null;
  instrument: string | null;
  value: number | null;
  data: Record<string, unknown>;
  interpretation: Record<string, unknown>;
  enteredByName: string;
  enteredByRole: EnteredByRole;
  enteredAt: string;
  correctionReason: string | null;
  reviewedBy: { name: string; at: string; comment: string | null; isMe: boolean }[];
}

export interface ResultDetail {
  patientId: string;
  kind: ResultKind;
  seriesId: string;
  current: ResultVersion;
  /** Every version, newest first (the current one included). */
  history: ResultVersion[];
  awaitingMyReview: boolean;
  /** Other results of this patient awaiting this clinician's review (0 unless this one awaits it too). */
  othersAwaitingMyReview: number;
}

const idSchema = z.uuid();

/** Finds which patient a result belongs to, refusing (and auditing) unknown ids like foreign ones. */
export async function patientOfResult(executor: Executor, actor: Actor, resultId: string, action: string): Promise<{ patientId: string; seriesId: string; kind: ResultKind }> {
  const row = idSchema.safeParse(resultId).success
    ? (await executor.select({ patientId: results.patientId, seriesId: results.seriesId, kind: results.kind }).from(results).where(eq(results.id, resultId)))[0]
    : undefined;
  if (!row) {
    await recordAudit(getDb(), actor, [{ action, outcome: 'denied', entityType: 'result', entityId: resultId.slice(0, 64), detail: { reason: 'result-not-found' } }]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  return row;
}

/**
 * The one rule for "awaiting my review", on rows of `results`: the current version, entered by someone
 * else, and not yet reviewed by this clinician. The review queue, the caseload's count and its sort and
 * filter all use it.
 */
export function awaitingMyReview(actor: Actor): SQL {
  return sql`${results.isCurrent} and ${results.enteredBy} <> ${actor.userId}
    and not exists (select 1 from ${resultReviews} where ${resultReviews.resultId} = ${results.id} and ${resultReviews.userId} = ${actor.userId})`;
}

/**
 * The current results of one patient that this clinician has yet to review (entered by colleagues),
 * newest first: the review queue. The caller has checked access to the patient.
 */
export async function listAwaitingMyReview(executor: Executor, actor: Actor, patientId: string): Promise<{ id: string; title: string; effectiveDate: string }[]> {
  return executor
    .select({ id: results.id, title: results.title, effectiveDate: results.effectiveDate })
    .from(results)
    .where(and(eq(results.patientId, patientId), awaitingMyReview(actor)))
    .orderBy(desc(results.effectiveDate), desc(results.enteredAt), desc(results.id));
}

/** One result with its full correction history. */
export async function getResult(actor: Actor, resultId: string): Promise<ResultDetail> {
  const db = getDb();
  const { patientId, seriesId, kind } = await patientOfResult(db, actor, resultId, 'result.read');
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'result.read', entityType: 'result', entityId: resultId });

  const versions = await db
    .select({
      id: results.id,
      version: results.version,
      isCurrent: results.isCurrent,
      effectiveDate: results.effectiveDate,
      title: results.title,
      summary: results.summary,
      flag: results.flag,
      criteriaSet: results.criteriaSet,
      loincCode: results.loincCode,
      instrument: results.instrument,
      value: results.value,
      data: results.data,
      interpretation: results.interpretation,
      enteredBy: results.enteredBy,
      enteredByName: users.name,
      enteredByRole: users.role,
      enteredAt: results.enteredAt,
      correctionReason: results.correctionReason,
    })
    .from(results)
    .innerJoin(users, eq(users.id, results.enteredBy))
    .where(eq(results.seriesId, seriesId))
    .orderBy(desc(results.version));
  const reviews = await db
    .select({ resultId: resultReviews.resultId, userId: resultReviews.userId, name: users.name, at: resultReviews.reviewedAt, comment: resultReviews.comment })
    .from(resultReviews)
    .innerJoin(users, eq(users.id, resultReviews.userId))
    .where(inArray(resultReviews.resultId, versions.map((v) => v.id)))
    .orderBy(asc(resultReviews.reviewedAt));

  const history: ResultVersion[] = versions.map((v) => ({
    id: v.id,
    version: v.version,
    isCurrent: v.isCurrent,
    effectiveDate: v.effectiveDate,
    title: v.title,
    summary: v.summary,
    flag: v.flag,
    criteriaSet: v.criteriaSet,
    loincCode: v.loincCode,
    instrument: v.instrument,
    value: v.value,
    data: v.data,
    interpretation: v.interpretation,
    enteredByName: v.enteredByName,
    enteredByRole: v.enteredByRole,
    enteredAt: v.enteredAt.toISOString(),
    correctionReason: v.correctionReason,
    reviewedBy: reviews.filter((r) => r.resultId === v.id).map((r) => ({ name: r.name, at: r.at.toISOString(), comment: r.comment, isMe: r.userId === actor.userId })),
  }));
  const current = history.find((v) => v.isCurrent) ?? history[0];
  if (!current) throw new Error(`result series ${seriesId} has no versions`);
  const currentRow = versions.find((v) => v.id === current.id);
  const awaitingMyReview = actor.role === 'clinician' && currentRow?.enteredBy !== actor.userId && !reviews.some((r) => r.resultId === current.id && r.userId === actor.userId);
  // The rest of this patient's review queue, only when this one is in it (the panel says "N more").
  const othersAwaitingMyReview = awaitingMyReview ? (await listAwaitingMyReview(db, actor, patientId)).filter((r) => r.id !== current.id).length : 0;
  return { patientId, kind, seriesId, current, history, awaitingMyReview, othersAwaitingMyReview };
}

export interface ScorePoint {
  resultId: string;
  effectiveDate: string;
  value: number;
}

/** Score trends per instrument, oldest first, for the patient page charts. */
export async function getScoreSeries(actor: Actor, patientId: string): Promise<Record<string, ScorePoint[]>> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'score.trend.read' });
  return loadScoreSeries(db, patientId);
}

/** The patient's current stool tests (input only), for the analyte trends on a stool test's page. */
export async function getStoolTestInputs(actor: Actor, patientId: string): Promise<{ id: string; data: StoolTestInput }[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'stool.trend.read' });
  const rows = await db
    .select({ id: results.id, data: results.data })
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true), eq(results.kind, 'stool_test')));
  // Written by lib/results/mutations.ts from the zod-parsed input (see lib/results/stored.ts).
  return rows.map((r) => ({ id: r.id, data: r.data as unknown as StoolTestInput }));
}

/** Current score points per instrument, oldest first. No access check: callers have made theirs. */
export async function loadScoreSeries(executor: Executor, patientId: string): Promise<Record<string, ScorePoint[]>> {
  const rows = await executor
    .select({ id: results.id, instrument: results.instrument, effectiveDate: results.effectiveDate, value: results.value })
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true), eq(results.kind, 'score')))
    .orderBy(asc(results.effectiveDate), asc(results.enteredAt));
  return scoreSeriesFrom(rows);
}

/** Groups score results (already oldest first) by instrument, skipping any without an instrument or value. */
export function scoreSeriesFrom(rows: { id: string; instrument: string | null; effectiveDate: string; value: number | null }[]): Record<string, ScorePoint[]> {
  const out: Record<string, ScorePoint[]> = {};
  for (const r of rows) {
    if (!r.instrument || r.value === null) continue;
    (out[r.instrument] ??= []).push({ resultId: r.id, effectiveDate: r.effectiveDate, value: r.value });
  }
  return out;
}

/** For the caseload: current results on each patient entered by others and not reviewed by this clinician. */
export async function countAwaitingReview(executor: Executor, actor: Actor, patientIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (patientIds.length === 0) return out;
  const rows = await executor
    .select({ patientId: results.patientId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(results)
    .where(and(inArray(results.patientId, patientIds), awaitingMyReview(actor)))
    .groupBy(results.patientId);
  for (const r of rows) out.set(r.patientId, r.n);
  return out;
}
