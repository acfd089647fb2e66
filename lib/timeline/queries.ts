import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { carePlanChanges, carePlanGoals, carePlanInterventions, clinicalNotes, diaryEntries, results, users } from '@/db/schema';
import type { InterventionKind, InterventionStatus, ResultFlag, ResultKind, Specialty } from '@/db/schema/enum-values';
import { NEVER_RAN_STATUSES } from '@/lib/care-plans/kinds';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import { loadScoreSeries } from '@/lib/results/queries';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { describePlanChange, noteExcerpt, snapshotText } from './describe';
import { normalizeTimelineFilter, timelineFilterSchema, type TimelineFilter, type TimelineKind } from './filter';
import { describeProvenance } from '@/lib/results/provenance';

// The care team's one timeline of a patient: results, score points, care-plan changes and treatment
// notes, newest first. The plan and note tables belong to lib/care-plans and lib/notes; this module only
// reads them (one query per source, never one per row), so it depends on the schema, not on their code.

/** Entries per page; older ones come with the "load older" cursor. */
export const TIMELINE_PAGE_SIZE = 100;

interface EntryBase {
  /** Unique across sources: "result:<uuid>", "plan:<id>", "note:<uuid>". */
  id: string;
  kind: TimelineKind;
  /** The calendar day it belongs to (UTC), for grouping and the date filter. */
  date: string;
  /** ISO timestamp ordering entries within a day (for results: entry time when entered that day). */
  at: string;
  title: string;
  summary: string;
  authorName: string;
  authorSpecialty: Specialty | null;
  /** Where to read more, or null. */
  href: string | null;
}

export interface ResultEntry extends EntryBase {
  kind: 'result' | 'score';
  /** Who reported and who entered it ("Reported by the patient · entered by …"). */
  provenance: string;
  resultId: string;
  resultKind: ResultKind;
  flag: ResultFlag;
  version: number;
  instrument: string | null;
  value: number | null;
}

export interface PlanEntry extends EntryBase {
  kind: 'plan';
  entityType: 'intervention' | 'goal';
  change: string;
  interventionKind: InterventionKind | null;
  ownerSpecialty: Specialty | null;
}

export interface NoteEntry extends EntryBase {
  kind: 'note';
  noteStatus: 'draft' | 'signed' | 'amended';
  version: number;
}

/** A day of the patient's own food-and-symptom diary: always patient-reported. */
export interface DiaryTimelineEntry extends EntryBase {
  kind: 'diary';
  patientReported: true;
  stoolForm: number | null;
  itch: number | null;
  flare: number | null;
}

export type TimelineEntry = ResultEntry | PlanEntry | NoteEntry | DiaryTimelineEntry;

export interface PatientTimeline {
  entries: TimelineEntry[];
  /** The filter applied, in its normal form. */
  filter: TimelineFilter;
  /** Pass as `until` to load the next, older page; null when nothing older matches. */
  olderUntil: string | null;
}

interface Bounds {
  patientId: string;
  specialties: Specialty[] | undefined;
  /** Inclusive calendar dates. */
  from: string | undefined;
  to: string | undefined;
}

const dayStart = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const nextDayStart = (iso: string) => new Date(dayStart(iso).getTime() + 86_400_000);
const utcDate = (d: Date) => d.toISOString().slice(0, 10);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);

/**
 * The patient's timeline for the care team ('team-read'), audited once per call. Filters: specialty of
 * the entry's author (who entered the result, changed the plan, wrote the note), kind of entry, and an
 * inclusive date range. At most TIMELINE_PAGE_SIZE entries (more when one day alone holds more), always
 * whole days, so `olderUntil` continues exactly where this page stopped.
 */
export async function getPatientTimeline(actor: Actor, patientId: string, filter: TimelineFilter = {}): Promise<PatientTimeline> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'timeline.read' });
  const f = normalizeTimelineFilter(timelineFilterSchema.parse(filter));
  const kinds = new Set<TimelineKind>(f.kinds ?? ['result', 'score', 'plan', 'note', 'diary']);
  const bounds: Bounds = { patientId, specialties: f.specialties, from: f.from, to: earlier(f.to, f.until) };
  if (bounds.from && bounds.to && bounds.from > bounds.to) return { entries: [], filter: f, olderUntil: null };

  const limit = TIMELINE_PAGE_SIZE;
  const { entries: fetched, exhausted } = await fetchEntries(db, bounds, kinds, limit + 1);
  if (exhausted && fetched.length <= limit) return { entries: fetched, filter: f, olderUntil: null };

  // Some source had more rows than were read: every day newer than the page's last day is complete,
  // that last day may not be. Keep the complete days; the cursor starts the next page at the cut day.
  const cutDay = fetched[limit - 1]?.date ?? fetched.at(-1)?.date;
  if (!cutDay) return { entries: fetched, filter: f, olderUntil: null };
  const complete = fetched.filter((e) => e.date > cutDay);
  if (complete.length > 0) return { entries: complete, filter: f, olderUntil: cutDay };

  // One day holds more than a page: show that whole day (bounded by one day), continue the day before.
  const { entries: day } = await fetchEntries(db, { ...bounds, from: cutDay, to: cutDay }, kinds, null);
  const dayBefore = utcDate(new Date(dayStart(cutDay).getTime() - 86_400_000));
  const olderUntil = bounds.from && dayBefore < bounds.from ? null : dayBefore;
  return { entries: day, filter: f, olderUntil };
}

/** Reads every selected source (one query each), merged newest first; `exhausted` when no source was cut short. */
async function fetchEntries(db: Executor, bounds: Bounds, kinds: Set<TimelineKind>, limit: number | null): Promise<{ entries: TimelineEntry[]; exhausted: boolean }> {
  const sources: Promise<TimelineEntry[]>[] = [];
  if (kinds.has('result') || kinds.has('score')) sources.push(readResults(db, bounds, kinds.has('result'), kinds.has('score'), limit));
  if (kinds.has('plan')) sources.push(readPlanChanges(db, bounds, limit));
  if (kinds.has('note')) sources.push(readNotes(db, bounds, limit));
  if (kinds.has('diary')) sources.push(readDiary(db, bounds, limit));
  // One after another: PGlite runs one query at a time anyway, and each is a small indexed read.
  const lists: TimelineEntry[][] = [];
  for (const s of sources) lists.push(await s);
  const exhausted = limit === null || lists.every((l) => l.length < limit);
  return { entries: lists.flat().sort(compareEntries), exhausted };
}

/** Newest day first; within a day, latest first; ties broken by id so the order is total and stable. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function specialtyCondition(bounds: Bounds): SQL | undefined {
  return bounds.specialties ? inArray(users.specialty, bounds.specialties) : undefined;
}

function timestampRange(column: typeof carePlanChanges.changedAt | typeof clinicalNotes.createdAt, bounds: Bounds): SQL[] {
  const out: SQL[] = [];
  if (bounds.from) out.push(gte(column, dayStart(bounds.from)));
  if (bounds.to) out.push(lt(column, nextDayStart(bounds.to)));
  return out;
}

async function readResults(db: Executor, bounds: Bounds, wantResults: boolean, wantScores: boolean, limit: number | null): Promise<ResultEntry[]> {
  const where: (SQL | undefined)[] = [eq(results.patientId, bounds.patientId), eq(results.isCurrent, true), specialtyCondition(bounds)];
  if (!wantResults) where.push(eq(results.kind, 'score'));
  if (!wantScores) where.push(ne(results.kind, 'score'));
  if (bounds.from) where.push(gte(results.effectiveDate, bounds.from));
  if (bounds.to) where.push(lte(results.effectiveDate, bounds.to));
  const query = db
    .select({
      id: results.id,
      kind: results.kind,
      version: results.version,
      effectiveDate: results.effectiveDate,
      title: results.title,
      summary: results.summary,
      flag: results.flag,
      instrument: results.instrument,
      value: results.value,
      enteredAt: results.enteredAt,
      authorName: users.name,
      authorSpecialty: users.specialty,
      authorRole: users.role,
      reportedBy: sql<string | null>`${results.data}->>'reportedBy'`,
    })
    .from(results)
    .innerJoin(users, eq(users.id, results.enteredBy))
    .where(and(...where))
    .orderBy(desc(results.effectiveDate), desc(results.enteredAt), desc(results.id));
  const rows = limit === null ? await query : await query.limit(limit);
  return rows.map((r) => ({
    id: `result:${r.id}`,
    kind: r.kind === 'score' ? 'score' : 'result',
    date: r.effectiveDate,
    // Entered on the day it happened: that time; entered later: the start of its day (time unknown).
    at: utcDate(r.enteredAt) === r.effectiveDate ? r.enteredAt.toISOString() : `${r.effectiveDate}T00:00:00.000Z`,
    title: r.title,
    summary: r.summary,
    authorName: r.authorName,
    authorSpecialty: r.authorSpecialty,
    provenance: describeProvenance({ reportedBy: r.reportedBy, enteredByName: r.authorName, enteredByRole: r.authorRole }).text,
    href: `/patients/${bounds.patientId}/results/${r.id}`,
    resultId: r.id,
    resultKind: r.kind,
    flag: r.flag,
    version: r.version,
    instrument: r.instrument,
    value: r.value,
  }));
}

async function readPlanChanges(db: Executor, bounds: Bounds, limit: number | null): Promise<PlanEntry[]> {
  const query = db
    .select({
      id: carePlanChanges.id,
      entityType: carePlanChanges.entityType,
      change: carePlanChanges.change,
      snapshot: carePlanChanges.snapshot,
      changedAt: carePlanChanges.changedAt,
      authorName: users.name,
      authorSpecialty: users.specialty,
      interventionTitle: carePlanInterventions.title,
      interventionKind: carePlanInterventions.kind,
      ownerSpecialty: carePlanInterventions.ownerSpecialty,
      goalDescription: carePlanGoals.description,
    })
    .from(carePlanChanges)
    .innerJoin(users, eq(users.id, carePlanChanges.changedBy))
    .leftJoin(carePlanInterventions, and(eq(carePlanChanges.entityType, 'intervention'), eq(carePlanInterventions.id, carePlanChanges.entityId)))
    .leftJoin(carePlanGoals, and(eq(carePlanChanges.entityType, 'goal'), eq(carePlanGoals.id, carePlanChanges.entityId)))
    .where(and(eq(carePlanChanges.patientId, bounds.patientId), specialtyCondition(bounds), ...timestampRange(carePlanChanges.changedAt, bounds)))
    .orderBy(desc(carePlanChanges.changedAt), desc(carePlanChanges.id));
  const rows = limit === null ? await query : await query.limit(limit);
  return rows.map((r) => {
    const isGoal = r.entityType === 'goal';
    // The snapshot is the plan as it was at this change; the joined row is only a fallback.
    const subject = (isGoal ? snapshotText(r.snapshot, 'description') : snapshotText(r.snapshot, 'title')) ?? (isGoal ? r.goalDescription : r.interventionTitle) ?? 'Care plan item';
    const reason = snapshotText(r.snapshot, 'statusReason') ?? snapshotText(r.snapshot, 'reason');
    const wording = describePlanChange({ entityType: r.entityType, change: r.change, subject, byName: r.authorName, reason });
    return {
      id: `plan:${r.id}`,
      kind: 'plan' as const,
      date: utcDate(r.changedAt),
      at: r.changedAt.toISOString(),
      title: wording.title,
      // e.g. "Diet · owned by nutrition" when the change itself has nothing more to say.
      summary: wording.summary || (isGoal || !r.interventionKind ? '' : `${capitalise(r.interventionKind)}${r.ownerSpecialty ? ` · owned by ${r.ownerSpecialty}` : ''}`),
      authorName: r.authorName,
      authorSpecialty: r.authorSpecialty,
      href: r.entityType === 'protocol' ? `/patients/${bounds.patientId}/plan#reintroduction` : `/patients/${bounds.patientId}#plan`,
      entityType: isGoal ? ('goal' as const) : ('intervention' as const),
      change: r.change,
      interventionKind: isGoal ? null : r.interventionKind,
      ownerSpecialty: isGoal ? null : r.ownerSpecialty,
    };
  });
}

async function readNotes(db: Executor, bounds: Bounds, limit: number | null): Promise<NoteEntry[]> {
  // Every current note on the patient: the care team shares its working notes (team-read).
  const query = db
    .select({
      id: clinicalNotes.id,
      version: clinicalNotes.version,
      body: clinicalNotes.body,
      status: clinicalNotes.status,
      isAmendment: clinicalNotes.isAmendment,
      createdAt: clinicalNotes.createdAt,
      authorName: users.name,
      authorSpecialty: users.specialty,
    })
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .where(and(eq(clinicalNotes.patientId, bounds.patientId), eq(clinicalNotes.isCurrent, true), specialtyCondition(bounds), ...timestampRange(clinicalNotes.createdAt, bounds)))
    .orderBy(desc(clinicalNotes.createdAt), desc(clinicalNotes.id));
  const rows = limit === null ? await query : await query.limit(limit);
  return rows.map((r) => {
    const noteStatus = r.isAmendment ? ('amended' as const) : r.status;
    return {
      id: `note:${r.id}`,
      kind: 'note' as const,
      date: utcDate(r.createdAt),
      at: r.createdAt.toISOString(),
      title: `${noteStatus === 'draft' ? 'Draft note' : noteStatus === 'amended' ? 'Amended note' : 'Note'} by ${r.authorName}`,
      summary: noteExcerpt(r.body),
      authorName: r.authorName,
      authorSpecialty: r.authorSpecialty,
      href: `/patients/${bounds.patientId}#notes`,
      noteStatus,
      version: r.version,
    };
  });
}

async function readDiary(db: Executor, bounds: Bounds, limit: number | null): Promise<DiaryTimelineEntry[]> {
  // Written by the patient, who has no specialty: a specialty filter leaves the diary out.
  if (bounds.specialties) return [];
  const where: SQL[] = [eq(diaryEntries.patientId, bounds.patientId)];
  if (bounds.from) where.push(gte(diaryEntries.entryDate, bounds.from));
  if (bounds.to) where.push(lte(diaryEntries.entryDate, bounds.to));
  const query = db
    .select({
      id: diaryEntries.id,
      entryDate: diaryEntries.entryDate,
      meals: diaryEntries.meals,
      stoolForm: diaryEntries.stoolForm,
      itch: diaryEntries.itch,
      flare: diaryEntries.flare,
      notes: diaryEntries.notes,
      submittedAt: diaryEntries.submittedAt,
      authorName: users.name,
    })
    .from(diaryEntries)
    .innerJoin(users, eq(users.id, diaryEntries.submittedBy))
    .where(and(...where))
    .orderBy(desc(diaryEntries.entryDate), desc(diaryEntries.submittedAt), desc(diaryEntries.id));
  const rows = limit === null ? await query : await query.limit(limit);
  return rows.map((r) => ({
    id: `diary:${r.id}`,
    kind: 'diary' as const,
    date: r.entryDate,
    at: utcDate(r.submittedAt) === r.entryDate ? r.submittedAt.toISOString() : `${r.entryDate}T00:00:00.000Z`,
    title: 'Diary entry (Patient-reported)',
    summary: describeDiaryDay(r),
    authorName: r.authorName,
    authorSpecialty: null,
    href: `/patients/${bounds.patientId}#diary`,
    patientReported: true as const,
    stoolForm: r.stoolForm,
    itch: r.itch,
    flare: r.flare,
  }));
}

/** One line for a diary day: "Stool type 4 · itch 3/10 · flare 2/10 · Meals: oats; soup". */
export function describeDiaryDay(d: { meals: { time?: string; description: string }[]; stoolForm: number | null; itch: number | null; flare: number | null; notes: string | null }): string {
  const parts: string[] = [];
  if (d.stoolForm !== null) parts.push(`Stool type ${d.stoolForm}`);
  if (d.itch !== null) parts.push(`itch ${d.itch}/10`);
  if (d.flare !== null) parts.push(`flare ${d.flare}/10`);
  if (d.meals.length > 0) {
    const meals = d.meals.map((m) => m.description).join('; ');
    parts.push(`Meals: ${meals.length > 120 ? `${meals.slice(0, 119)}…` : meals}`);
  }
  if (d.notes) parts.push(d.notes.length > 80 ? `${d.notes.slice(0, 79)}…` : d.notes);
  return parts.join(' · ');
}

// --- Outcomes: score trends with the intervention periods laid over them ------------------------------

export interface OverlayScorePoint {
  resultId: string;
  effectiveDate: string;
  value: number;
}

export interface OverlayIntervention {
  id: string;
  title: string;
  kind: InterventionKind;
  ownerSpecialty: Specialty;
  status: InterventionStatus;
  startDate: string;
  /** null while ongoing (active or paused). */
  endDate: string | null;
  /** A planned end for an ongoing intervention (e.g. a 14-day course), when one was recorded. */
  plannedEndDate: string | null;
  /** When its response is judged, in weeks after the start; null = the clinic default. */
  responseWeeks: number | null;
}

export interface OutcomeOverlay {
  /** Current score points per instrument id, oldest first. */
  instruments: Record<string, OverlayScorePoint[]>;
  /** Interventions that were carried out (proposed and declined ones never ran), by start date. */
  interventions: OverlayIntervention[];
}


/** Score series and intervention periods for the outcomes chart ('team-read'), audited once. */
export async function getOutcomeOverlay(actor: Actor, patientId: string): Promise<OutcomeOverlay> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'timeline.outcomes.read' });
  const instruments = await loadScoreSeries(db, patientId);

  const rows = await db
    .select({
      id: carePlanInterventions.id,
      title: carePlanInterventions.title,
      kind: carePlanInterventions.kind,
      ownerSpecialty: carePlanInterventions.ownerSpecialty,
      status: carePlanInterventions.status,
      startDate: carePlanInterventions.startDate,
      endDate: carePlanInterventions.endDate,
      responseWeeks: carePlanInterventions.responseWeeks,
      acceptedAt: carePlanInterventions.acceptedAt,
      proposedAt: carePlanInterventions.proposedAt,
      updatedAt: carePlanInterventions.updatedAt,
    })
    .from(carePlanInterventions)
    .where(and(eq(carePlanInterventions.patientId, patientId), notInArray(carePlanInterventions.status, [...NEVER_RAN_STATUSES])))
    .orderBy(asc(carePlanInterventions.startDate), asc(carePlanInterventions.proposedAt), asc(carePlanInterventions.id));

  const interventions = rows
    .map((r): OverlayIntervention => {
      const ongoing = r.status === 'active' || r.status === 'paused';
      // A start date is normally set on acceptance; older rows without one start when they were accepted.
      const startDate = r.startDate ?? utcDate(r.acceptedAt ?? r.proposedAt);
      const endDate = ongoing ? null : (r.endDate ?? utcDate(r.updatedAt));
      return {
        id: r.id,
        title: r.title,
        kind: r.kind,
        ownerSpecialty: r.ownerSpecialty,
        status: r.status,
        startDate,
        endDate: endDate !== null && endDate < startDate ? startDate : endDate,
        plannedEndDate: ongoing ? r.endDate : null,
        responseWeeks: r.responseWeeks,
      };
    })
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1));
  return { instruments, interventions };
}
