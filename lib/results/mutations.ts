import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { patients, resultReviews, results, users } from '@/db/schema';
import type { ResultKind } from '@/db/schema/enum-values';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import { fieldErrorsOf, type FieldErrors } from '@/lib/platform/errors';
import { closeFollowUpsForResult } from '@/lib/outcomes/follow-ups';
import { derivedColumns, type DerivationPatient, type DerivedResult } from './kind-handler';
import { resultHandlers } from './kinds';
import { listAwaitingMyReview, patientOfResult } from './queries';

export type RecordResultOutcome =
  | { ok: true; data: { resultId: string } }
  | { ok: false; error: string; fieldErrors?: FieldErrors; conflict?: { version: number; enteredByName: string; enteredAt: string; summary: string } };

const INVALID = 'Some values need correcting before this can be saved. Nothing was saved.';

const FUTURE_DATE = 'The date cannot be in the future.';

/** A well-formed date after tomorrow, read off the raw input so it is reported with every other problem. */
function isFutureDate(input: unknown): boolean {
  const date = typeof input === 'object' && input !== null ? (input as { effectiveDate?: unknown }).effectiveDate : undefined;
  return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date.trim()) && date.trim() > latestAllowedDate();
}

/** What a kind's rules may need of the patient (their age on the test date). Call only after the access check. */
export async function derivationPatient(db: ReturnType<typeof getDb>, patientId: string): Promise<DerivationPatient> {
  const [row] = await db.select({ dateOfBirth: patients.dateOfBirth }).from(patients).where(eq(patients.id, patientId));
  if (!row) throw new Error(`patient ${patientId} passed the access check but has no row`);
  return row;
}

function deriveFrom(kind: ResultKind, input: unknown, patient: DerivationPatient): { ok: true; derived: DerivedResult; data: Record<string, unknown> } | { ok: false; fieldErrors: FieldErrors } {
  const handler = resultHandlers[kind];
  const parsed = handler.schema.safeParse(input);
  // Every problem in one pass: a future date is reported together with the schema's findings, not after them.
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    if (isFutureDate(input) && !fieldErrors.effectiveDate) fieldErrors.effectiveDate = [FUTURE_DATE];
    return { ok: false, fieldErrors };
  }
  const derived = handler.derive(parsed.data, patient);
  if (derived.effectiveDate > latestAllowedDate()) return { ok: false, fieldErrors: { effectiveDate: [FUTURE_DATE] } };
  return { ok: true, derived, data: parsed.data as Record<string, unknown> };
}

/** Today plus one day of slack: the server runs in UTC and a clinic east of it is already in tomorrow. */
function latestAllowedDate(now = new Date()): string {
  return new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Nested paths ("readings.3.h2Ppm") keep their place so a grid can point at the exact cell. */
async function insertVersion(
  tx: Transaction,
  actor: Actor,
  fields: { patientId: string; kind: ResultKind; seriesId: string; version: number; correctionReason: string | null; data: Record<string, unknown>; derived: DerivedResult },
): Promise<string> {
  const { derived } = fields;
  const [row] = await tx
    .insert(results)
    .values({
      patientId: fields.patientId,
      kind: fields.kind,
      seriesId: fields.seriesId,
      version: fields.version,
      ...derivedColumns(derived),
      data: fields.data,
      enteredBy: actor.userId,
      correctionReason: fields.correctionReason,
    })
    .returning({ id: results.id });
  if (!row) throw new Error('result insert returned no row');
  await closeFollowUpsForResult(tx, actor, { patientId: fields.patientId, kind: fields.kind, effectiveDate: derived.effectiveDate, data: fields.data, resultId: row.id });
  await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, fields.patientId));
  return row.id;
}

/** Records a new result; its interpretation is computed here from the input, never typed by hand. */
export async function recordResult(actor: Actor, patientId: string, kind: ResultKind, input: unknown): Promise<RecordResultOutcome> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'result.create', recordAllowed: false, detail: { kind } });
  const derived = deriveFrom(kind, input, await derivationPatient(db, patientId));
  if (!derived.ok) return { ok: false, error: INVALID, fieldErrors: derived.fieldErrors };

  const resultId = await inTransaction(async (tx) => {
    const id = await insertVersion(tx, actor, { patientId, kind, seriesId: randomUUID(), version: 1, correctionReason: null, data: derived.data, derived: derived.derived });
    await recordAudit(tx, actor, [{ action: 'result.create', outcome: 'allowed', patientId, entityType: 'result', entityId: id, detail: { kind } }]);
    return id;
  });
  return { ok: true, data: { resultId } };
}

const correctionSchema = z.object({
  resultId: z.uuid(),
  // Bounded to PostgreSQL's integer: a forged huge number (or a Date, which coerces) is a refusal, not a 500.
  expectedVersion: z.coerce.number().int().min(1).max(2_147_483_647),
  reason: z.string().trim().min(3, 'Say briefly why this result is being corrected.').max(500, 'Keep the reason under 500 characters.'),
});

/**
 * Corrects a result by adding a new version. The version the clinician opened must still be the
 * current one, checked in the UPDATE itself: if a colleague corrected it meanwhile, this save is
 * refused with their change shown, never silently overwriting it.
 */
export async function correctResult(actor: Actor, input: { resultId: unknown; expectedVersion: unknown; reason: unknown; values: unknown }): Promise<RecordResultOutcome> {
  // Who may correct is settled before what they sent is judged: an outsider learns nothing from
  // validation messages, and a garbage id is refused (and audited) like a foreign one.
  const db = getDb();
  const requestedId = typeof input.resultId === 'string' ? input.resultId : '';
  const { patientId, seriesId, kind } = await patientOfResult(db, actor, requestedId, 'result.correct');
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'result.correct', entityType: 'result', entityId: requestedId, recordAllowed: false });
  const meta = correctionSchema.safeParse(input);
  if (!meta.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(meta.error) };
  const derived = deriveFrom(kind, input.values, await derivationPatient(db, patientId));
  if (!derived.ok) return { ok: false, error: INVALID, fieldErrors: derived.fieldErrors };

  return inTransaction(async (tx): Promise<RecordResultOutcome> => {
    const retired = await tx
      .update(results)
      .set({ isCurrent: false })
      .where(and(eq(results.seriesId, seriesId), eq(results.isCurrent, true), eq(results.version, meta.data.expectedVersion)))
      .returning({ id: results.id });
    if (retired.length === 0) {
      const [latest] = await tx
        .select({ version: results.version, summary: results.summary, enteredAt: results.enteredAt, enteredByName: users.name })
        .from(results)
        .innerJoin(users, eq(users.id, results.enteredBy))
        .where(and(eq(results.seriesId, seriesId), eq(results.isCurrent, true)));
      return {
        ok: false,
        error: latest
          ? `${latest.enteredByName} changed this result since you opened it (now version ${latest.version}). Your correction was not saved; review their version and apply your change to it.`
          : 'This result changed since you opened it. Reload and try again; your correction was not saved.',
        conflict: latest ? { version: latest.version, enteredByName: latest.enteredByName, enteredAt: latest.enteredAt.toISOString(), summary: latest.summary } : undefined,
      };
    }
    const id = await insertVersion(tx, actor, {
      patientId,
      kind,
      seriesId,
      version: meta.data.expectedVersion + 1,
      correctionReason: meta.data.reason,
      data: derived.data,
      derived: derived.derived,
    });
    await recordAudit(tx, actor, [
      { action: 'result.correct', outcome: 'allowed', patientId, entityType: 'result', entityId: id, detail: { kind, replaces: meta.data.resultId, version: meta.data.expectedVersion + 1 } },
    ]);
    return { ok: true, data: { resultId: id } };
  });
}

/** A clinician acknowledges a result; it leaves their "awaiting review" count. */
export const REVIEW_COMMENT_MAX = 1000;
const reviewInputSchema = z.object({
  comment: z
    .string({ error: 'The comment must be text.' })
    .trim()
    .max(REVIEW_COMMENT_MAX, `Keep the comment under ${REVIEW_COMMENT_MAX} characters.`)
    .transform((v) => v || undefined)
    .optional(),
});

export type MarkReviewedOutcome = { ok: true; data: { nextResultId: string | null } } | { ok: false; error: string; fieldErrors?: FieldErrors };

/**
 * Marks a result reviewed by this clinician, with an optional comment (kept with the review, audited),
 * and says which result of the same patient awaits their review next, so review can be a flow.
 * Idempotent: a second review of the same result changes nothing.
 */
export async function markResultReviewed(actor: Actor, resultId: string, input: unknown = {}): Promise<MarkReviewedOutcome> {
  const db = getDb();
  const { patientId } = await patientOfResult(db, actor, resultId, 'result.review');
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'result.review', entityType: 'result', entityId: resultId, recordAllowed: false });
  const parsed = reviewInputSchema.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: 'The review comment needs correcting. Nothing was saved.', fieldErrors: fieldErrorsOf(parsed.error) };
  const { comment } = parsed.data;
  await inTransaction(async (tx) => {
    const inserted = await tx.insert(resultReviews).values({ resultId, userId: actor.userId, comment: comment ?? null }).onConflictDoNothing().returning({ resultId: resultReviews.resultId });
    if (inserted.length > 0) {
      await recordAudit(tx, actor, [{ action: 'result.review', outcome: 'allowed', patientId, entityType: 'result', entityId: resultId, detail: comment ? { withComment: true } : undefined }]);
    }
  });
  const [next] = await listAwaitingMyReview(db, actor, patientId);
  return { ok: true, data: { nextResultId: next?.id ?? null } };
}

export type RecordResultsBatchOutcome =
  | { ok: true; data: { resultIds: string[] } }
  | { ok: false; error: string; itemErrors: { index: number; fieldErrors: FieldErrors }[] };

/**
 * Records several results for one patient in ONE transaction (an import): every input is validated
 * and interpreted by its kind's rules exactly as recordResult does, and if any is refused, nothing is
 * saved. `audit` adds the caller's own summary event to the same transaction.
 */
export async function recordResultsBatch(
  actor: Actor,
  patientId: string,
  items: readonly { kind: ResultKind; input: unknown }[],
  options: {
    source: string;
    audit?: { action: string; detail?: Record<string, unknown> };
    /** More writes that belong to the same import, in the same transaction (an import's documents), given the saved results in input order. */
    within?: (tx: Transaction, saved: { id: string; seriesId: string }[]) => Promise<void>;
  },
): Promise<RecordResultsBatchOutcome> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'result.create', recordAllowed: false, detail: { source: options.source } });
  if (items.length === 0) return { ok: false, error: 'There is nothing to save. Nothing was saved.', itemErrors: [] };
  const patient = await derivationPatient(db, patientId);
  const derivedItems = items.map((item) => ({ kind: item.kind, derived: deriveFrom(item.kind, item.input, patient) }));
  const itemErrors = derivedItems.flatMap((d, index) => (d.derived.ok ? [] : [{ index, fieldErrors: d.derived.fieldErrors }]));
  if (itemErrors.length > 0) return { ok: false, error: `${itemErrors.length} of ${items.length} results need correcting before they can be saved. Nothing was saved.`, itemErrors };

  const resultIds = await inTransaction(async (tx) => {
    const saved: { id: string; seriesId: string }[] = [];
    for (const { kind, derived } of derivedItems) {
      if (!derived.ok) throw new Error('unreachable: invalid items were refused above');
      const seriesId = randomUUID();
      const id = await insertVersion(tx, actor, { patientId, kind, seriesId, version: 1, correctionReason: null, data: derived.data, derived: derived.derived });
      saved.push({ id, seriesId });
    }
    const ids = saved.map((s) => s.id);
    await options.within?.(tx, saved);
    await recordAudit(tx, actor, [
      ...ids.map((id, i) => ({ action: 'result.create', outcome: 'allowed' as const, patientId, entityType: 'result', entityId: id, detail: { kind: derivedItems[i]?.kind, source: options.source } })),
      ...(options.audit ? [{ action: options.audit.action, outcome: 'allowed' as const, patientId, entityType: 'patient', entityId: patientId, detail: { ...options.audit.detail, resultIds: ids } }] : []),
    ]);
    return ids;
  });
  return { ok: true, data: { resultIds } };
}
