import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { carePlanInterventions, careTeamMembers, clinicalNotes, clinicianTasks, noteLinks, patients, results, users } from '@/db/schema';
import type { InterventionKind, InterventionStatus, NoteStatus, NoteVisibility, Specialty, TaskKind } from '@/db/schema/enum-values';
import { authorizePatientAccess, authorizeRole, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';
import type { NoteLinkTargetType } from './schema';

// Reads of treatment notes and the tasks they create. The care team's view ('team-read') shows every
// current note, drafts included; the patient's view (listSharedNotesForPatient, 'clinical-read') shows
// only signed notes the team chose to share. Every read is audited.

export interface NoteLinkView {
  targetType: NoteLinkTargetType;
  targetId: string;
  /** What the tag points at, e.g. "Lactulose 10 g breath test, 10 Mar 2025"; null if it is gone. */
  label: string | null;
  /** For a result: the id of its current version, to link to. */
  resultId: string | null;
}

export interface NoteSummary {
  id: string;
  seriesId: string;
  version: number;
  versionCount: number;
  status: NoteStatus;
  visibility: NoteVisibility;
  isAmendment: boolean;
  amendmentReason: string | null;
  body: string;
  authorId: string;
  authorName: string;
  authorSpecialty: Specialty | null;
  /** When the first version was written. */
  startedAt: string;
  /** When the current version was written. */
  updatedAt: string;
  signedAt: string | null;
  links: NoteLinkView[];
}

export interface NoteVersionView {
  id: string;
  version: number;
  isCurrent: boolean;
  status: NoteStatus;
  visibility: NoteVisibility;
  isAmendment: boolean;
  amendmentReason: string | null;
  body: string;
  authorName: string;
  authorSpecialty: Specialty | null;
  createdAt: string;
  signedAt: string | null;
  links: NoteLinkView[];
}

export interface NoteTaskView {
  id: string;
  kind: TaskKind;
  assigneeId: string;
  assigneeName: string;
  description: string;
  createdByName: string;
  createdAt: string;
  doneAt: string | null;
  doneByName: string | null;
}

export interface NoteDetail {
  patientId: string;
  seriesId: string;
  authorId: string;
  current: NoteVersionView;
  /** Every version, newest first (the current one included). */
  history: NoteVersionView[];
  tasks: NoteTaskView[];
  /** The author may revise or sign a draft, and amend a signed note. */
  canRevise: boolean;
  canSign: boolean;
  canAmend: boolean;
}

export interface NoteColleague {
  id: string;
  name: string;
  specialty: Specialty | null;
}

export interface InterventionOption {
  id: string;
  title: string;
  kind: InterventionKind;
  status: InterventionStatus;
}

const idSchema = z.uuid();

/** Active clinicians on the patient's active care team: who can be mentioned or given a task. */
export async function loadNoteColleagues(executor: Executor, patientId: string): Promise<NoteColleague[]> {
  return executor
    .select({ id: users.id, name: users.name, specialty: users.specialty })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.userId))
    .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.removedAt), eq(users.active, true), eq(users.role, 'clinician')))
    .orderBy(asc(users.name));
}

/** Which patient and series a note version belongs to; unknown ids are refused (and audited) like foreign ones. */
export async function noteSeriesOf(executor: Executor, actor: Actor, noteId: string, action: string): Promise<{ patientId: string; seriesId: string }> {
  const row = idSchema.safeParse(noteId).success
    ? (await executor.select({ patientId: clinicalNotes.patientId, seriesId: clinicalNotes.seriesId }).from(clinicalNotes).where(eq(clinicalNotes.id, noteId)))[0]
    : undefined;
  if (!row) {
    await recordAudit(getDb(), actor, [{ action, outcome: 'denied', entityType: 'note', entityId: noteId.slice(0, 64), detail: { reason: 'note-not-found' } }]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  return row;
}

const labelDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** How a tag names the result it points at: "Lactulose breath test, 3 Mar 2026". */
export function resultLinkLabel(title: string, effectiveDate: string): string {
  return `${title}, ${labelDate.format(new Date(`${effectiveDate}T00:00:00Z`))}`;
}

/** Tags in reading order: interventions before results, each by label. */
export function compareLinks(a: NoteLinkView, b: NoteLinkView): number {
  return a.targetType.localeCompare(b.targetType) || (a.label ?? '').localeCompare(b.label ?? '');
}

/** The tags of each note version, with a readable label for what they point at. */
export async function loadLinks(executor: Executor, noteIds: string[]): Promise<Map<string, NoteLinkView[]>> {
  const out = new Map<string, NoteLinkView[]>();
  if (noteIds.length === 0) return out;
  const rows = await executor.select().from(noteLinks).where(inArray(noteLinks.noteId, noteIds));
  const resultSeries = [...new Set(rows.filter((r) => r.targetType === 'result').map((r) => r.targetId))];
  const interventionIds = [...new Set(rows.filter((r) => r.targetType === 'intervention').map((r) => r.targetId))];
  const resultLabels = new Map<string, string>();
  const currentResult = new Map<string, string>();
  if (resultSeries.length > 0) {
    const found = await executor
      .select({ id: results.id, seriesId: results.seriesId, title: results.title, effectiveDate: results.effectiveDate })
      .from(results)
      .where(and(inArray(results.seriesId, resultSeries), eq(results.isCurrent, true)));
    for (const r of found) {
      resultLabels.set(r.seriesId, resultLinkLabel(r.title, r.effectiveDate));
      currentResult.set(r.seriesId, r.id);
    }
  }
  const interventionLabels = new Map<string, string>();
  if (interventionIds.length > 0) {
    const found = await executor.select({ id: carePlanInterventions.id, title: carePlanInterventions.title }).from(carePlanInterventions).where(inArray(carePlanInterventions.id, interventionIds));
    for (const r of found) interventionLabels.set(r.id, r.title);
  }
  for (const r of rows) {
    const targetType = r.targetType === 'intervention' ? 'intervention' : 'result';
    const label = (targetType === 'result' ? resultLabels : interventionLabels).get(r.targetId) ?? null;
    const list = out.get(r.noteId) ?? [];
    list.push({ targetType, targetId: r.targetId, label, resultId: targetType === 'result' ? (currentResult.get(r.targetId) ?? null) : null });
    out.set(r.noteId, list);
  }
  for (const list of out.values()) list.sort(compareLinks);
  return out;
}

/** The first version of a note's series, joined for when the note was started. */
export const firstNoteVersion = () => alias(clinicalNotes, 'first_version');

/**
 * The columns of a NoteSummary (before its links), shared by the notes list and the patient page's
 * loader so the two cannot drift. `first` is firstNoteVersion(), joined on the series' version 1.
 */
export function noteSummaryColumns(first: ReturnType<typeof firstNoteVersion>) {
  return {
      id: clinicalNotes.id,
      seriesId: clinicalNotes.seriesId,
      version: clinicalNotes.version,
      status: clinicalNotes.status,
      visibility: clinicalNotes.visibility,
      isAmendment: clinicalNotes.isAmendment,
      amendmentReason: clinicalNotes.amendmentReason,
      body: clinicalNotes.body,
      authorId: clinicalNotes.authorId,
      authorName: users.name,
      authorSpecialty: users.specialty,
      updatedAt: clinicalNotes.createdAt,
      signedAt: clinicalNotes.signedAt,
      startedAt: first.createdAt,
      versionCount: sql<number>`(select count(*) from ${clinicalNotes} as all_versions where all_versions.series_id = ${clinicalNotes.seriesId})`.mapWith(Number),
  };
}

/** The current version of every note on a patient, newest first, for the care team. */
export async function listNotes(actor: Actor, patientId: string, options: { limit?: number } = {}): Promise<NoteSummary[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'note.list' });
  const first = firstNoteVersion();
  const query = db
    .select(noteSummaryColumns(first))
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .innerJoin(first, and(eq(first.seriesId, clinicalNotes.seriesId), eq(first.version, 1)))
    .where(and(eq(clinicalNotes.patientId, patientId), eq(clinicalNotes.isCurrent, true)))
    .orderBy(desc(first.createdAt), desc(clinicalNotes.id));
  const rows = options.limit ? await query.limit(options.limit) : await query;
  const links = await loadLinks(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    ...r,
    startedAt: r.startedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    signedAt: r.signedAt?.toISOString() ?? null,
    links: links.get(r.id) ?? [],
  }));
}

/** One note with every version (newest first) and the tasks it created. */
export async function getNote(actor: Actor, noteId: string): Promise<NoteDetail> {
  const db = getDb();
  const { patientId, seriesId } = await noteSeriesOf(db, actor, noteId, 'note.read');
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'note.read', entityType: 'note', entityId: noteId });

  const versions = await db
    .select({
      id: clinicalNotes.id,
      version: clinicalNotes.version,
      isCurrent: clinicalNotes.isCurrent,
      status: clinicalNotes.status,
      visibility: clinicalNotes.visibility,
      isAmendment: clinicalNotes.isAmendment,
      amendmentReason: clinicalNotes.amendmentReason,
      body: clinicalNotes.body,
      authorId: clinicalNotes.authorId,
      authorName: users.name,
      authorSpecialty: users.specialty,
      createdAt: clinicalNotes.createdAt,
      signedAt: clinicalNotes.signedAt,
    })
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .where(eq(clinicalNotes.seriesId, seriesId))
    .orderBy(desc(clinicalNotes.version));
  const links = await loadLinks(db, versions.map((v) => v.id));
  const history: NoteVersionView[] = versions.map((v) => ({
    id: v.id,
    version: v.version,
    isCurrent: v.isCurrent,
    status: v.status,
    visibility: v.visibility,
    isAmendment: v.isAmendment,
    amendmentReason: v.amendmentReason,
    body: v.body,
    authorName: v.authorName,
    authorSpecialty: v.authorSpecialty,
    createdAt: v.createdAt.toISOString(),
    signedAt: v.signedAt?.toISOString() ?? null,
    links: links.get(v.id) ?? [],
  }));
  const current = history.find((v) => v.isCurrent) ?? history[0];
  if (!current) throw new Error(`note series ${seriesId} has no versions`);
  const firstVersion = versions[versions.length - 1];
  const authorId = firstVersion?.authorId ?? '';

  const assignee = alias(users, 'assignee');
  const creator = alias(users, 'creator');
  const doneBy = alias(users, 'done_by_user');
  const taskRows = await db
    .select({
      id: clinicianTasks.id,
      kind: clinicianTasks.kind,
      assigneeId: clinicianTasks.assigneeId,
      assigneeName: assignee.name,
      description: clinicianTasks.description,
      createdByName: creator.name,
      createdAt: clinicianTasks.createdAt,
      doneAt: clinicianTasks.doneAt,
      doneByName: doneBy.name,
    })
    .from(clinicianTasks)
    .innerJoin(assignee, eq(assignee.id, clinicianTasks.assigneeId))
    .innerJoin(creator, eq(creator.id, clinicianTasks.createdBy))
    .leftJoin(doneBy, eq(doneBy.id, clinicianTasks.doneBy))
    .where(inArray(clinicianTasks.noteId, versions.map((v) => v.id)))
    .orderBy(asc(clinicianTasks.createdAt), asc(clinicianTasks.id));

  const isAuthor = actor.role === 'clinician' && actor.userId === authorId;
  return {
    patientId,
    seriesId,
    authorId,
    current,
    history,
    tasks: taskRows.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), doneAt: t.doneAt?.toISOString() ?? null })),
    canRevise: isAuthor && current.status === 'draft',
    canSign: isAuthor && current.status === 'draft',
    canAmend: isAuthor && current.status === 'signed',
  };
}

export interface OpenTask {
  id: string;
  kind: TaskKind;
  description: string;
  patientId: string;
  patientName: string;
  patientMrn: string;
  fromName: string;
  createdAt: string;
  noteId: string | null;
  /** A task made from a secure message: the conversation it links to. */
  conversationId: string | null;
}

/**
 * The signed-in clinician's open mentions and tasks, oldest first, for the home page. Only patients
 * whose care team they are still on: a task on a record they have left is not shown. Audited per patient.
 */
export async function listMyOpenTasks(actor: Actor): Promise<OpenTask[]> {
  const db = getDb();
  await authorizeRole(db, actor, ['clinician'], { action: 'task.list' });
  const creator = alias(users, 'creator');
  const rows = await db
    .select({
      id: clinicianTasks.id,
      kind: clinicianTasks.kind,
      description: clinicianTasks.description,
      patientId: clinicianTasks.patientId,
      givenName: patients.givenName,
      familyName: patients.familyName,
      patientMrn: patients.mrn,
      fromName: creator.name,
      createdAt: clinicianTasks.createdAt,
      noteId: clinicianTasks.noteId,
      conversationId: sql<string | null>`(select m.conversation_id from messages m where m.id = ${clinicianTasks.messageId})`,
    })
    .from(clinicianTasks)
    .innerJoin(patients, eq(patients.id, clinicianTasks.patientId))
    .innerJoin(creator, eq(creator.id, clinicianTasks.createdBy))
    .where(
      and(
        eq(clinicianTasks.assigneeId, actor.userId),
        isNull(clinicianTasks.doneAt),
        sql`exists (${db
          .select({ one: sql`1` })
          .from(careTeamMembers)
          .where(and(eq(careTeamMembers.patientId, clinicianTasks.patientId), eq(careTeamMembers.userId, actor.userId), isNull(careTeamMembers.removedAt)))})`,
      ),
    )
    .orderBy(asc(clinicianTasks.createdAt), asc(clinicianTasks.id));
  const patientIds = [...new Set(rows.map((r) => r.patientId))];
  await recordAudit(
    db,
    actor,
    patientIds.map((patientId) => ({ action: 'task.list', outcome: 'allowed' as const, patientId, entityType: 'patient', entityId: patientId, detail: { open: rows.filter((r) => r.patientId === patientId).length } })),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    description: r.description,
    patientId: r.patientId,
    patientName: `${r.familyName}, ${r.givenName}`,
    patientMrn: r.patientMrn,
    fromName: r.fromName,
    createdAt: r.createdAt.toISOString(),
    noteId: r.noteId,
    conversationId: r.conversationId,
  }));
}

export interface SharedNote {
  id: string;
  body: string;
  authorName: string;
  authorSpecialty: Specialty | null;
  signedAt: string;
  isAmendment: boolean;
}

/**
 * What the care team shared with the patient: signed, current notes marked "shared with the patient",
 * newest first. A patient reaches only their own record ('clinical-read'); drafts, care-team notes and
 * superseded versions never appear.
 */
export async function listSharedNotesForPatient(actor: Actor, patientId: string): Promise<SharedNote[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'note.shared.list' });
  const rows = await db
    .select({
      id: clinicalNotes.id,
      body: clinicalNotes.body,
      authorName: users.name,
      authorSpecialty: users.specialty,
      signedAt: clinicalNotes.signedAt,
      isAmendment: clinicalNotes.isAmendment,
    })
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .where(and(eq(clinicalNotes.patientId, patientId), eq(clinicalNotes.isCurrent, true), eq(clinicalNotes.status, 'signed'), eq(clinicalNotes.visibility, 'patient')))
    .orderBy(desc(clinicalNotes.signedAt), desc(clinicalNotes.id));
  return rows.flatMap((r) => (r.signedAt ? [{ ...r, signedAt: r.signedAt.toISOString() }] : []));
}

/** Colleagues on the care team, for the note editor's task picker and mention check. */
export async function listNoteColleagues(actor: Actor, patientId: string): Promise<NoteColleague[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'note.colleagues.read' });
  return loadNoteColleagues(db, patientId);
}

/**
 * The patient's care-plan interventions, for tagging a note. Read straight from the plan table so
 * notes do not depend on the care-plan module's API.
 */
export async function listInterventionsForNotes(actor: Actor, patientId: string): Promise<InterventionOption[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'care_plan.intervention.list' });
  return db
    .select({ id: carePlanInterventions.id, title: carePlanInterventions.title, kind: carePlanInterventions.kind, status: carePlanInterventions.status })
    .from(carePlanInterventions)
    .where(eq(carePlanInterventions.patientId, patientId))
    .orderBy(asc(carePlanInterventions.title));
}
