import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Executor, type Transaction } from '@/db/client';
import { carePlanInterventions, clinicianTasks, results, users } from '@/db/schema';
import type { ResultKind } from '@/db/schema/enum-values';
import { followUpState, TEST_OF_CURE_METHODS, testOfCureSchedule, testOfCureValidity, type FollowUpState, type TestValidity } from '@/lib/clinical/outcomes/test-of-cure';
import { H_PYLORI_METHODS } from '@/lib/clinical/h-pylori/options';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { clinicToday } from '@/lib/platform/clinic-time';
import { readEnv } from '@/lib/platform/env';
import { formatDate as formatDateOnly } from '@/lib/ui/format';

// Follow-up tests Axis schedules from the care plan (DOMAIN.md §11): a test of cure when an H. pylori
// eradication therapy ends, and the breath retest a clinician sets on a SIBO/IMO treatment. Each is an
// open task for the intervention's owner with a due date, shown in "For you", on the record and in the
// caseload; recording a qualifying result closes it in the same transaction.

export type FollowUpKind = 'h_pylori_test_of_cure' | 'breath_retest';
type InterventionRow = typeof carePlanInterventions.$inferSelect;

/**
 * Called inside the transaction that completes or stops an intervention. An H. pylori therapy gets its
 * test of cure (due from max(end + 28 days, last PPI + 14 days)); ending it again cannot add a second task
 * (a unique index allows one open follow-up per intervention and kind).
 */
export async function scheduleTestOfCure(tx: Transaction, actor: Actor, row: InterventionRow): Promise<void> {
  if (row.gutTarget !== 'h_pylori' || !row.endDate) return;
  const schedule = testOfCureSchedule(row.endDate, row.ppiLastDoseDate, formatDateOnly);
  const [task] = await tx
    .insert(clinicianTasks)
    .values({
      patientId: row.patientId,
      kind: 'task',
      assigneeId: row.ownerUserId,
      description: `H. pylori test of cure (urea breath test or stool antigen) after "${row.title}": due from ${formatDateOnly(schedule.dueFrom)}, ${schedule.explanation}`,
      createdBy: actor.userId,
      followUp: 'h_pylori_test_of_cure',
      interventionId: row.id,
      dueDate: schedule.dueFrom,
    })
    .onConflictDoUpdate({
      target: [clinicianTasks.interventionId, clinicianTasks.followUp],
      targetWhere: sql`${clinicianTasks.doneAt} is null`,
      set: { dueDate: schedule.dueFrom, description: sql`excluded.description` },
    })
    .returning({ id: clinicianTasks.id });
  await recordAudit(tx, actor, [
    { action: 'follow_up.schedule', outcome: 'allowed', patientId: row.patientId, entityType: 'task', entityId: task?.id, detail: { followUp: 'h_pylori_test_of_cure', interventionId: row.id, dueFrom: schedule.dueFrom } },
  ]);
}

/**
 * Called inside the transaction that saves a SIBO/IMO intervention: the retest date the clinician set
 * (there is no consensus interval, so Axis never computes one) becomes an open task; a changed date moves
 * it; a cleared date closes it.
 */
export async function syncBreathRetest(tx: Transaction, actor: Actor, row: InterventionRow): Promise<void> {
  const open = await tx
    .select({ id: clinicianTasks.id, dueDate: clinicianTasks.dueDate })
    .from(clinicianTasks)
    .where(and(eq(clinicianTasks.interventionId, row.id), eq(clinicianTasks.followUp, 'breath_retest'), isNull(clinicianTasks.doneAt)));
  // Tracked once the owner has accepted the treatment (a proposal may still be declined); kept after it ends,
  // since the retest comes after the treatment; dropped if it was declined.
  const tracked = (row.gutTarget === 'sibo' || row.gutTarget === 'imo') && row.acceptedAt !== null && row.status !== 'declined';
  const wanted = tracked ? row.retestDate : null;
  const existing = open[0];
  if (!wanted) {
    if (existing) {
      await tx.update(clinicianTasks).set({ doneAt: sql`now()`, doneBy: actor.userId }).where(eq(clinicianTasks.id, existing.id));
      await recordAudit(tx, actor, [{ action: 'follow_up.cancel', outcome: 'allowed', patientId: row.patientId, entityType: 'task', entityId: existing.id, detail: { followUp: 'breath_retest' } }]);
    }
    return;
  }
  const description = `Breath retest after "${row.title}": set for ${formatDateOnly(wanted)} by the care team (no consensus retest interval exists).`;
  if (existing) {
    if (existing.dueDate === wanted) return;
    await tx.update(clinicianTasks).set({ dueDate: wanted, description, assigneeId: row.ownerUserId }).where(eq(clinicianTasks.id, existing.id));
    await recordAudit(tx, actor, [{ action: 'follow_up.reschedule', outcome: 'allowed', patientId: row.patientId, entityType: 'task', entityId: existing.id, detail: { followUp: 'breath_retest', dueFrom: wanted } }]);
    return;
  }
  const [task] = await tx
    .insert(clinicianTasks)
    .values({ patientId: row.patientId, kind: 'task', assigneeId: row.ownerUserId, description, createdBy: actor.userId, followUp: 'breath_retest', interventionId: row.id, dueDate: wanted })
    .returning({ id: clinicianTasks.id });
  await recordAudit(tx, actor, [{ action: 'follow_up.schedule', outcome: 'allowed', patientId: row.patientId, entityType: 'task', entityId: task?.id, detail: { followUp: 'breath_retest', interventionId: row.id, dueFrom: wanted } }]);
}

/**
 * Called inside the transaction that stores a result. A urea breath test or stool antigen on or after a
 * test of cure's due date closes it; one taken earlier leaves it open (the record shows why it does not
 * count). A breath test on or after a retest date closes the retest.
 */
export async function closeFollowUpsForResult(tx: Transaction, actor: Actor, r: { patientId: string; kind: ResultKind; effectiveDate: string; data: Record<string, unknown>; resultId: string }): Promise<void> {
  let followUp: FollowUpKind;
  if (r.kind === 'h_pylori') {
    // Only a urea breath test or stool antigen can confirm cure; its date is checked against each task below.
    if (!(TEST_OF_CURE_METHODS as readonly string[]).includes(String(r.data.method))) return;
    followUp = 'h_pylori_test_of_cure';
  } else if (r.kind === 'breath_test') {
    followUp = 'breath_retest';
  } else return;
  const closed = await tx
    .update(clinicianTasks)
    .set({ doneAt: sql`now()`, doneBy: actor.userId })
    .where(and(eq(clinicianTasks.patientId, r.patientId), eq(clinicianTasks.followUp, followUp), isNull(clinicianTasks.doneAt), sql`${clinicianTasks.dueDate} <= ${r.effectiveDate}`))
    .returning({ id: clinicianTasks.id });
  if (closed.length > 0) {
    await recordAudit(
      tx,
      actor,
      closed.map((t) => ({ action: 'follow_up.complete', outcome: 'allowed' as const, patientId: r.patientId, entityType: 'task', entityId: t.id, detail: { followUp, resultId: r.resultId } })),
    );
  }
}

export interface FollowUpTest {
  resultId: string;
  effectiveDate: string;
  method: string;
  summary: string;
  validity: TestValidity;
}

export interface FollowUpView {
  taskId: string;
  kind: FollowUpKind;
  interventionId: string;
  interventionTitle: string;
  assigneeName: string;
  dueFrom: string;
  /** null once done. */
  state: FollowUpState | null;
  doneAt: string | null;
  /** How the date was set, in words. */
  explanation: string;
  /** Tests of the matching kind since the therapy ended, each with whether it counts (test of cure only). */
  tests: FollowUpTest[];
}

/** The patient's follow-up tests, open ones first ('team-read', audited). */
export async function listFollowUps(actor: Actor, patientId: string): Promise<FollowUpView[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'follow_up.list' });
  return loadFollowUps(db, patientId);
}

/** One follow-up task as read from the database (by loadFollowUps, or inside the record page's statement). */
export interface FollowUpRow {
  taskId: string;
  kind: FollowUpKind;
  interventionId: string;
  interventionTitle: string;
  endDate: string | null;
  ppiLastDoseDate: string | null;
  assigneeName: string;
  dueFrom: string;
  doneAt: string | null;
}

/** A result as far as follow-ups need it. */
export interface FollowUpResult {
  id: string;
  kind: ResultKind;
  effectiveDate: string;
  summary: string;
  method: string | null;
}

/** Open follow-ups first, by due date; at most 50 (a record has a handful). */
export const FOLLOW_UP_ORDER = sql`t.done_at is not null, t.due_date, t.created_at desc`;

/** As listFollowUps, for a caller that has already checked access and audited the read. */
export async function loadFollowUps(db: Executor, patientId: string, today = clinicToday()): Promise<FollowUpView[]> {
  const rows = await db
    .select({
      taskId: clinicianTasks.id,
      kind: sql<FollowUpKind>`${clinicianTasks.followUp}`,
      interventionId: carePlanInterventions.id,
      interventionTitle: carePlanInterventions.title,
      endDate: carePlanInterventions.endDate,
      ppiLastDoseDate: carePlanInterventions.ppiLastDoseDate,
      assigneeName: users.name,
      dueFrom: sql<string>`${clinicianTasks.dueDate}`,
      doneAt: clinicianTasks.doneAt,
    })
    .from(clinicianTasks)
    .innerJoin(carePlanInterventions, eq(carePlanInterventions.id, clinicianTasks.interventionId))
    .innerJoin(users, eq(users.id, clinicianTasks.assigneeId))
    .where(and(eq(clinicianTasks.patientId, patientId), sql`${clinicianTasks.followUp} is not null`))
    .orderBy(sql`${clinicianTasks.doneAt} is not null`, asc(clinicianTasks.dueDate), desc(clinicianTasks.createdAt))
    .limit(50);
  if (rows.length === 0) return [];
  const tests = await db
    .select({ id: results.id, kind: results.kind, effectiveDate: results.effectiveDate, summary: results.summary, method: sql<string | null>`${results.data}->>'method'` })
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true), inArray(results.kind, ['h_pylori', 'breath_test'])))
    .orderBy(asc(results.effectiveDate))
    .limit(200);
  return followUpViews(
    rows.map((r) => ({ ...r, doneAt: r.doneAt?.toISOString() ?? null })),
    tests,
    today,
  );
}

/** Where each follow-up stands today, with the tests since the therapy ended and whether each counts. */
export function followUpViews(rows: readonly FollowUpRow[], tests: readonly FollowUpResult[], today = clinicToday()): FollowUpView[] {
  const overdueAfter = readEnv().AXIS_FOLLOW_UP_OVERDUE_DAYS;
  const byDate = [...tests].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const ordered = [...rows].sort((a, b) => Number(a.doneAt !== null) - Number(b.doneAt !== null) || a.dueFrom.localeCompare(b.dueFrom));
  return ordered.map((r) => {
    const kind = r.kind;
    const dueFrom = r.dueFrom;
    const therapyEnd = r.endDate ?? dueFrom;
    const schedule = kind === 'h_pylori_test_of_cure' ? testOfCureSchedule(therapyEnd, r.ppiLastDoseDate, formatDateOnly) : null;
    const resultKind: ResultKind = kind === 'h_pylori_test_of_cure' ? 'h_pylori' : 'breath_test';
    // From the day the therapy ended: a test that day is the earliest possible mistake, and must be shown as one.
    const relevant = byDate.filter((t) => t.kind === resultKind && t.effectiveDate >= therapyEnd);
    return {
      taskId: r.taskId,
      kind,
      interventionId: r.interventionId,
      interventionTitle: r.interventionTitle,
      assigneeName: r.assigneeName,
      dueFrom,
      state: r.doneAt ? null : followUpState(dueFrom, today, overdueAfter),
      doneAt: r.doneAt,
      explanation: schedule ? `Due from ${formatDateOnly(dueFrom)}: ${schedule.explanation}` : `Set by the care team for ${formatDateOnly(dueFrom)}; there is no consensus retest interval.`,
      tests: relevant.map((t) => {
        const method = t.method ?? '';
        return {
          resultId: t.id,
          effectiveDate: t.effectiveDate,
          method: kind === 'h_pylori_test_of_cure' ? (H_PYLORI_METHODS[method as keyof typeof H_PYLORI_METHODS] ?? method) : 'Breath test',
          summary: t.summary,
          validity: schedule
            ? testOfCureValidity({ effectiveDate: t.effectiveDate, method }, { ...schedule, dueFrom }, formatDateOnly)
            : t.effectiveDate >= dueFrom
              ? { valid: true, reason: null }
              : { valid: false, reason: `Taken before the retest date the team set (${formatDateOnly(dueFrom)}).` },
        };
      }),
    };
  });
}
