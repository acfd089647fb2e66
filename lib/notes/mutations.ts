import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb, type Executor, type Transaction } from '@/db/client';
import { carePlanInterventions, clinicalNotes, clinicianTasks, noteLinks, patients, results, users } from '@/db/schema';
import type { NoteStatus, NoteVisibility } from '@/db/schema/enum-values';
import { authorizePatientAccess, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import { fieldErrorsOf, ForbiddenError, type FieldErrors } from '@/lib/platform/errors';
import { mentionExcerpt, mentionProblems, parseMentions } from './mentions';
import { loadNoteColleagues, noteSeriesOf, type NoteColleague } from './queries';
import { amendNoteSchema, reviseDraftSchema, saveNoteSchema, signNoteSchema, type NoteLinkTargetType } from './schema';
import { isUuid } from '@/lib/platform/ids';

// Writes of treatment notes. A note is a series of versions that are never changed or deleted (the
// database refuses it): saving a draft again, signing and amending each insert a new version and
// retire the previous one in one conditional UPDATE, so a second save based on the same version is
// refused with the colleague's change named instead of silently overwriting it. Signed notes are
// locked: later changes are amendments, with a reason, and the signed original stays in the history.

export interface NoteConflict {
  version: number;
  status: NoteStatus;
  changedByName: string;
  changedAt: string;
}

export type NoteOutcome =
  | { ok: true; data: { noteId: string; seriesId: string; version: number; taskIds: string[] } }
  | { ok: false; error: string; fieldErrors?: FieldErrors; conflict?: NoteConflict };

const INVALID = 'Some parts of the note need correcting before it can be saved. Nothing was saved.';

interface NoteLinkInput {
  targetType: NoteLinkTargetType;
  targetId: string;
}
interface TaskInput {
  assigneeId: string;
  description: string;
}

/**
 * Tags must point at this patient's own results and plan items. A result is tagged by its series (any
 * version's id is accepted), so a later correction of the result keeps the tag.
 */
async function resolveLinks(executor: Executor, patientId: string, links: NoteLinkInput[]): Promise<{ ok: true; links: NoteLinkInput[] } | { ok: false; fieldErrors: FieldErrors }> {
  const resultIds = links.filter((l) => l.targetType === 'result').map((l) => l.targetId);
  const interventionIds = links.filter((l) => l.targetType === 'intervention').map((l) => l.targetId);
  const resultSeries = new Map<string, string>();
  if (resultIds.length > 0) {
    const rows = await executor
      .select({ id: results.id, seriesId: results.seriesId })
      .from(results)
      .where(and(eq(results.patientId, patientId), or(inArray(results.id, resultIds), inArray(results.seriesId, resultIds))));
    for (const r of rows) {
      resultSeries.set(r.id, r.seriesId);
      resultSeries.set(r.seriesId, r.seriesId);
    }
  }
  const interventions = new Set<string>();
  if (interventionIds.length > 0) {
    const rows = await executor
      .select({ id: carePlanInterventions.id })
      .from(carePlanInterventions)
      .where(and(eq(carePlanInterventions.patientId, patientId), inArray(carePlanInterventions.id, interventionIds)));
    for (const r of rows) interventions.add(r.id);
  }
  const fieldErrors: FieldErrors = {};
  const resolved: NoteLinkInput[] = [];
  links.forEach((l, i) => {
    if (l.targetType === 'result') {
      const seriesId = resultSeries.get(l.targetId);
      if (seriesId) resolved.push({ targetType: 'result', targetId: seriesId });
      else fieldErrors[`links.${i}.targetId`] = ['This result is not on this patient’s record. Remove the tag.'];
    } else if (interventions.has(l.targetId)) {
      resolved.push(l);
    } else {
      fieldErrors[`links.${i}.targetId`] = ['This plan item is not on this patient’s care plan. Remove the tag.'];
    }
  });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors: { ...fieldErrors, links: ['Some tags do not belong to this patient. Remove them and save again.'] } };
  const unique = resolved.filter((l, i) => resolved.findIndex((o) => o.targetType === l.targetType && o.targetId === l.targetId) === i);
  return { ok: true, links: unique };
}

/** Mentions and task assignees must be active clinicians on this patient's care team. */
function checkPeople(
  actor: Actor,
  body: string,
  tasks: TaskInput[],
  colleagues: NoteColleague[],
  /** The version being revised or amended: mentions already in it (of someone who has since left the team) are not refused again. */
  previousBody?: string,
): { ok: true; mentioned: NoteColleague[] } | { ok: false; fieldErrors: FieldErrors } {
  const parse = parseMentions(body, colleagues);
  if (previousBody !== undefined) {
    const before = parseMentions(previousBody, colleagues);
    const known = (list: string[], text: string) => list.some((t) => t.toLowerCase() === text.toLowerCase());
    parse.unknown = parse.unknown.filter((u) => !known(before.unknown, u));
    parse.ambiguous = parse.ambiguous.filter((a) => !known(before.ambiguous.map((b) => b.text), a.text));
  }
  const fieldErrors: FieldErrors = {};
  const problems = mentionProblems(parse);
  if (problems.length > 0) fieldErrors.body = problems;
  tasks.forEach((t, i) => {
    if (!colleagues.some((c) => c.id === t.assigneeId)) fieldErrors[`tasks.${i}.assigneeId`] = ['Tasks can be given only to colleagues on this patient’s care team.'];
  });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, mentioned: parse.mentioned.filter((m) => m.id !== actor.userId) };
}

async function currentBody(tx: Transaction, seriesId: string): Promise<string | undefined> {
  const [row] = await tx.select({ body: clinicalNotes.body }).from(clinicalNotes).where(and(eq(clinicalNotes.seriesId, seriesId), eq(clinicalNotes.isCurrent, true)));
  return row?.body;
}

async function touchPatient(tx: Transaction, patientId: string) {
  await tx.update(patients).set({ lastActivityAt: sql`now()` }).where(eq(patients.id, patientId));
}

interface VersionFields {
  patientId: string;
  seriesId: string;
  version: number;
  body: string;
  visibility: NoteVisibility;
  status: NoteStatus;
  isAmendment: boolean;
  amendmentReason: string | null;
  links: NoteLinkInput[];
}

async function insertVersion(tx: Transaction, actor: Actor, f: VersionFields): Promise<string> {
  const [row] = await tx
    .insert(clinicalNotes)
    .values({
      seriesId: f.seriesId,
      version: f.version,
      patientId: f.patientId,
      authorId: actor.userId,
      body: f.body,
      visibility: f.visibility,
      status: f.status,
      isAmendment: f.isAmendment,
      amendmentReason: f.amendmentReason,
      signedAt: f.status === 'signed' ? sql`now()` : null,
    })
    .returning({ id: clinicalNotes.id });
  if (!row) throw new Error('note insert returned no row');
  if (f.links.length > 0) await tx.insert(noteLinks).values(f.links.map((l) => ({ noteId: row.id, targetType: l.targetType, targetId: l.targetId })));
  await touchPatient(tx, f.patientId);
  return row.id;
}

/**
 * Creates the note's tasks: one 'task' per explicit assignment, and one 'mention' per colleague
 * mentioned who has no mention from this note yet and no task in this same save (one item each in
 * their "For you" list, not two).
 */
async function insertTasks(tx: Transaction, actor: Actor, f: { patientId: string; seriesId: string; noteId: string; body: string; tasks: TaskInput[]; mentioned: NoteColleague[] }): Promise<string[]> {
  const alreadyMentioned = new Set(
    (
      await tx
        .select({ assigneeId: clinicianTasks.assigneeId })
        .from(clinicianTasks)
        .innerJoin(clinicalNotes, eq(clinicalNotes.id, clinicianTasks.noteId))
        .where(and(eq(clinicalNotes.seriesId, f.seriesId), eq(clinicianTasks.kind, 'mention')))
    ).map((r) => r.assigneeId),
  );
  const assigned = new Set(f.tasks.map((t) => t.assigneeId));
  const values = [
    ...f.tasks.map((t) => ({ kind: 'task' as const, assigneeId: t.assigneeId, description: t.description })),
    ...f.mentioned
      .filter((m) => !alreadyMentioned.has(m.id) && !assigned.has(m.id))
      .map((m) => ({ kind: 'mention' as const, assigneeId: m.id, description: mentionExcerpt(f.body, m) })),
  ];
  if (values.length === 0) return [];
  const rows = await tx
    .insert(clinicianTasks)
    .values(values.map((v) => ({ ...v, patientId: f.patientId, noteId: f.noteId, createdBy: actor.userId })))
    .returning({ id: clinicianTasks.id });
  return rows.map((r) => r.id);
}

/** A new note (version 1), saved as a draft or signed at once. */
export async function saveNote(actor: Actor, patientId: string, input: unknown): Promise<NoteOutcome> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'note.create', entityType: 'note', recordAllowed: false });
  const parsed = saveNoteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;

  return inTransaction(async (tx): Promise<NoteOutcome> => {
    const people = checkPeople(actor, data.body, data.tasks, await loadNoteColleagues(tx, patientId));
    const links = await resolveLinks(tx, patientId, data.links);
    if (!people.ok || !links.ok) return { ok: false, error: INVALID, fieldErrors: { ...(people.ok ? {} : people.fieldErrors), ...(links.ok ? {} : links.fieldErrors) } };
    const seriesId = randomUUID();
    const status: NoteStatus = data.sign ? 'signed' : 'draft';
    const noteId = await insertVersion(tx, actor, { patientId, seriesId, version: 1, body: data.body, visibility: data.visibility, status, isAmendment: false, amendmentReason: null, links: links.links });
    const taskIds = await insertTasks(tx, actor, { patientId, seriesId, noteId, body: data.body, tasks: data.tasks, mentioned: people.mentioned });
    await recordAudit(tx, actor, [
      {
        action: 'note.create',
        outcome: 'allowed',
        patientId,
        entityType: 'note',
        entityId: noteId,
        detail: { seriesId, version: 1, status, visibility: data.visibility, links: links.links.length, tasks: taskIds.length },
      },
    ]);
    return { ok: true, data: { noteId, seriesId, version: 1, taskIds } };
  });
}

type Step = 'revise' | 'sign' | 'amend';

/**
 * Retires the version the clinician opened, if it is still the current one and in the state the step
 * needs, in one UPDATE; otherwise says why nothing was saved: a colleague (or another tab) saved a
 * newer version, the note was signed meanwhile, or the actor is not its author.
 */
async function retireOpenedVersion(
  tx: Transaction,
  actor: Actor,
  step: Step,
  seriesId: string,
  expectedVersion: number,
): Promise<{ ok: true; retired: typeof clinicalNotes.$inferSelect } | { ok: false; error: string; conflict?: NoteConflict }> {
  const status: NoteStatus = step === 'amend' ? 'signed' : 'draft';
  const [retired] = await tx
    .update(clinicalNotes)
    .set({ isCurrent: false })
    .where(
      and(
        eq(clinicalNotes.seriesId, seriesId),
        eq(clinicalNotes.isCurrent, true),
        eq(clinicalNotes.version, expectedVersion),
        eq(clinicalNotes.status, status),
        eq(clinicalNotes.authorId, actor.userId),
      ),
    )
    .returning();
  if (retired) return { ok: true, retired };

  const [latest] = await tx
    .select({ version: clinicalNotes.version, status: clinicalNotes.status, authorId: clinicalNotes.authorId, createdAt: clinicalNotes.createdAt, authorName: users.name })
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .where(and(eq(clinicalNotes.seriesId, seriesId), eq(clinicalNotes.isCurrent, true)));
  if (!latest) return { ok: false, error: 'This note could not be found. Reload the page; nothing was saved.' };
  const yourChanges = step === 'sign' ? 'The note was not signed' : 'Your changes were not saved';
  if (latest.version !== expectedVersion) {
    return {
      ok: false,
      error: `${latest.authorName} changed this note since you opened it (now version ${latest.version}, ${latest.status === 'signed' ? 'signed' : 'a draft'}). ${yourChanges}; review their version and apply your change to it.`,
      conflict: { version: latest.version, status: latest.status, changedByName: latest.authorName, changedAt: latest.createdAt.toISOString() },
    };
  }
  if (latest.authorId !== actor.userId) {
    return {
      ok: false,
      error:
        step === 'amend'
          ? `Only the author, ${latest.authorName}, can amend this note. Write your own note to add to it.`
          : `Only the author, ${latest.authorName}, can ${step === 'sign' ? 'sign' : 'edit'} this draft. Write your own note to add to it.`,
    };
  }
  if (latest.status === 'signed') return { ok: false, error: `This note is signed and locked. ${yourChanges}; write an amendment instead.` };
  return { ok: false, error: 'This note is still a draft: edit or sign the draft instead of amending it.' };
}

/** Opens a series for a write: settles who may write before what they sent is judged. */
async function openSeries(actor: Actor, noteId: unknown, action: string) {
  const db = getDb();
  const requestedId = typeof noteId === 'string' ? noteId : '';
  const { patientId, seriesId } = await noteSeriesOf(db, actor, requestedId, action);
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action, entityType: 'note', entityId: requestedId, recordAllowed: false });
  return { patientId, seriesId };
}

function inputNoteId(input: unknown): unknown {
  return input && typeof input === 'object' && 'noteId' in input ? input.noteId : undefined;
}

/** Saves a new version of a draft: only its author, only while it is still a draft. */
export async function reviseDraft(actor: Actor, input: unknown): Promise<NoteOutcome> {
  const { patientId, seriesId } = await openSeries(actor, inputNoteId(input), 'note.revise');
  const parsed = reviseDraftSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;

  return inTransaction(async (tx): Promise<NoteOutcome> => {
    const people = checkPeople(actor, data.body, data.tasks, await loadNoteColleagues(tx, patientId), await currentBody(tx, seriesId));
    const links = await resolveLinks(tx, patientId, data.links);
    if (!people.ok || !links.ok) return { ok: false, error: INVALID, fieldErrors: { ...(people.ok ? {} : people.fieldErrors), ...(links.ok ? {} : links.fieldErrors) } };
    const retired = await retireOpenedVersion(tx, actor, 'revise', seriesId, data.expectedVersion);
    if (!retired.ok) return retired;
    const version = data.expectedVersion + 1;
    const status: NoteStatus = data.sign ? 'signed' : 'draft';
    const noteId = await insertVersion(tx, actor, { patientId, seriesId, version, body: data.body, visibility: data.visibility, status, isAmendment: false, amendmentReason: null, links: links.links });
    const taskIds = await insertTasks(tx, actor, { patientId, seriesId, noteId, body: data.body, tasks: data.tasks, mentioned: people.mentioned });
    await recordAudit(tx, actor, [
      {
        action: 'note.revise',
        outcome: 'allowed',
        patientId,
        entityType: 'note',
        entityId: noteId,
        detail: { seriesId, version, replaces: retired.retired.id, status, visibility: data.visibility, links: links.links.length, tasks: taskIds.length },
      },
    ]);
    return { ok: true, data: { noteId, seriesId, version, taskIds } };
  });
}

/** Signs a draft as it stands: a new, signed version; from then on the note is locked. Author only. */
export async function signNote(actor: Actor, input: unknown): Promise<NoteOutcome> {
  const { patientId, seriesId } = await openSeries(actor, inputNoteId(input), 'note.sign');
  const parsed = signNoteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Reload the note and try again; it was not signed.', fieldErrors: fieldErrorsOf(parsed.error) };
  const { expectedVersion } = parsed.data;

  return inTransaction(async (tx): Promise<NoteOutcome> => {
    const retired = await retireOpenedVersion(tx, actor, 'sign', seriesId, expectedVersion);
    if (!retired.ok) return retired;
    const old = retired.retired;
    const links = await tx.select({ targetType: noteLinks.targetType, targetId: noteLinks.targetId }).from(noteLinks).where(eq(noteLinks.noteId, old.id));
    const version = expectedVersion + 1;
    const noteId = await insertVersion(tx, actor, {
      patientId,
      seriesId,
      version,
      body: old.body,
      visibility: old.visibility,
      status: 'signed',
      isAmendment: false,
      amendmentReason: null,
      links: links.map((l) => ({ targetType: l.targetType === 'intervention' ? 'intervention' : 'result', targetId: l.targetId })),
    });
    await recordAudit(tx, actor, [{ action: 'note.sign', outcome: 'allowed', patientId, entityType: 'note', entityId: noteId, detail: { seriesId, version, replaces: old.id, visibility: old.visibility } }]);
    return { ok: true, data: { noteId, seriesId, version, taskIds: [] } };
  });
}

/**
 * Amends a signed note: a new signed version marked as an amendment, with the reason; the signed
 * original stays in the history unchanged. Author only. Visibility and tags stay as they were unless
 * the amendment changes them; colleagues newly mentioned get a mention.
 */
export async function amendNote(actor: Actor, input: unknown): Promise<NoteOutcome> {
  const { patientId, seriesId } = await openSeries(actor, inputNoteId(input), 'note.amend');
  const parsed = amendNoteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;

  return inTransaction(async (tx): Promise<NoteOutcome> => {
    const people = checkPeople(actor, data.body, data.tasks, await loadNoteColleagues(tx, patientId), await currentBody(tx, seriesId));
    const links = data.links ? await resolveLinks(tx, patientId, data.links) : null;
    if (!people.ok || (links && !links.ok)) {
      return { ok: false, error: INVALID, fieldErrors: { ...(people.ok ? {} : people.fieldErrors), ...(links && !links.ok ? links.fieldErrors : {}) } };
    }
    const retired = await retireOpenedVersion(tx, actor, 'amend', seriesId, data.expectedVersion);
    if (!retired.ok) return retired;
    const old = retired.retired;
    const keptLinks = links?.ok
      ? links.links
      : (await tx.select({ targetType: noteLinks.targetType, targetId: noteLinks.targetId }).from(noteLinks).where(eq(noteLinks.noteId, old.id))).map((l) => ({
          targetType: l.targetType === 'intervention' ? ('intervention' as const) : ('result' as const),
          targetId: l.targetId,
        }));
    const version = data.expectedVersion + 1;
    const visibility = data.visibility ?? old.visibility;
    const noteId = await insertVersion(tx, actor, { patientId, seriesId, version, body: data.body, visibility, status: 'signed', isAmendment: true, amendmentReason: data.reason, links: keptLinks });
    const taskIds = await insertTasks(tx, actor, { patientId, seriesId, noteId, body: data.body, tasks: data.tasks, mentioned: people.mentioned });
    await recordAudit(tx, actor, [
      {
        action: 'note.amend',
        outcome: 'allowed',
        patientId,
        entityType: 'note',
        entityId: noteId,
        detail: { seriesId, version, replaces: old.id, reason: data.reason, visibility, tasks: taskIds.length },
      },
    ]);
    return { ok: true, data: { noteId, seriesId, version, taskIds } };
  });
}

/** The assignee marks a mention or task done; it leaves their "For you" list. */
export async function completeTask(actor: Actor, taskId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const db = getDb();
  const validId = isUuid(taskId);
  const [task] = validId ? await db.select().from(clinicianTasks).where(eq(clinicianTasks.id, taskId)) : [];
  if (!task) {
    await recordAudit(db, actor, [{ action: 'task.complete', outcome: 'denied', entityType: 'task', entityId: String(taskId).slice(0, 64), detail: { reason: 'task-not-found' } }]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  await authorizePatientAccess(db, actor, task.patientId, 'clinical-write', { action: 'task.complete', entityType: 'task', entityId: task.id, recordAllowed: false });
  if (task.assigneeId !== actor.userId) {
    await recordAudit(db, actor, [{ action: 'task.complete', outcome: 'denied', patientId: task.patientId, entityType: 'task', entityId: task.id, detail: { reason: 'not-assignee' } }]);
    return { ok: false, error: 'Only the colleague this was assigned to can mark it done.' };
  }
  return inTransaction(async (tx) => {
    const done = await tx
      .update(clinicianTasks)
      .set({ doneAt: sql`now()`, doneBy: actor.userId })
      .where(and(eq(clinicianTasks.id, task.id), eq(clinicianTasks.assigneeId, actor.userId), sql`${clinicianTasks.doneAt} is null`))
      .returning({ id: clinicianTasks.id });
    // Already done (another tab, a double click): nothing to do, and nothing to undo.
    if (done.length === 0) return { ok: true as const };
    await touchPatient(tx, task.patientId);
    await recordAudit(tx, actor, [{ action: 'task.complete', outcome: 'allowed', patientId: task.patientId, entityType: 'task', entityId: task.id, detail: { kind: task.kind, noteId: task.noteId } }]);
    return { ok: true as const };
  });
}
