import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { noteStatus, noteVisibility, taskKind } from './enums';
import { patients } from './patients';
import { eliminationProtocols } from './reintroduction';
import { messages } from './messages';
import { users } from './users';
import { carePlanInterventions } from './care-plans';

// Treatment notes are never edited in place or deleted: every save is a new version of a series.
// A draft may be revised (new version); once a version is signed the series is locked and further
// changes are amendments (new versions marked as such, with a reason) that keep the original.

export const clinicalNotes = pgTable(
  'clinical_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').notNull(),
    version: integer('version').notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    /** Markdown source; rendered without raw HTML (lib/notes/render.tsx). */
    body: text('body').notNull(),
    visibility: noteVisibility('visibility').notNull().default('care_team'),
    status: noteStatus('status').notNull(),
    /** An amendment to a signed note: the reason is required. */
    isAmendment: boolean('is_amendment').notNull().default(false),
    amendmentReason: text('amendment_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('clinical_notes_series_version_unique').on(t.seriesId, t.version),
    uniqueIndex('clinical_notes_series_current_unique').on(t.seriesId).where(sql`${t.isCurrent}`),
    index('clinical_notes_patient_idx').on(t.patientId, t.createdAt).where(sql`${t.isCurrent}`),
    check('clinical_notes_body_not_empty', sql`length(trim(${t.body})) > 0`),
    check('clinical_notes_signed_consistent', sql`(${t.status} = 'signed') = (${t.signedAt} is not null)`),
    check('clinical_notes_amendment_has_reason', sql`not ${t.isAmendment} or length(trim(coalesce(${t.amendmentReason}, ''))) > 0`),
  ],
);

/** What a note is about: plan interventions or results (by series, so a correction keeps the tag). */
export const noteLinks = pgTable(
  'note_links',
  {
    noteId: uuid('note_id')
      .notNull()
      .references(() => clinicalNotes.id),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
  },
  (t) => [uniqueIndex('note_links_unique').on(t.noteId, t.targetType, t.targetId), check('note_links_target_type', sql`${t.targetType} in ('intervention', 'result')`)],
);

/** @mentions and assigned tasks: shown on the assignee's home page until done. */
export const clinicianTasks = pgTable(
  'clinician_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    noteId: uuid('note_id').references(() => clinicalNotes.id),
    kind: taskKind('kind').notNull(),
    assigneeId: uuid('assignee_id')
      .notNull()
      .references(() => users.id),
    description: text('description').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    /**
     * A follow-up test Axis scheduled from a care-plan intervention (lib/outcomes/follow-ups.ts): which
     * test, for which intervention, due from when. Null for notes' tasks and mentions.
     */
    followUp: text('follow_up').$type<'h_pylori_test_of_cure' | 'breath_retest'>(),
    interventionId: uuid('intervention_id').references(() => carePlanInterventions.id),
    dueDate: date('due_date', { mode: 'string' }),
    /** A task an elimination protocol raised (allergist referral, calcium and vitamin D review, growth tracking). */
    protocolId: uuid('protocol_id').references(() => eliminationProtocols.id),
    /** A task a clinician made from a secure message (lib/messages). */
    messageId: uuid('message_id').references(() => messages.id),
  },
  (t) => [
    index('clinician_tasks_open_idx').on(t.assigneeId, t.createdAt).where(sql`${t.doneAt} is null`),
    check('clinician_tasks_done_consistent', sql`(${t.doneAt} is null) = (${t.doneBy} is null)`),
    check('clinician_tasks_follow_up_kind', sql`${t.followUp} is null or ${t.followUp} in ('h_pylori_test_of_cure', 'breath_retest')`),
    check('clinician_tasks_follow_up_complete', sql`(${t.followUp} is null) = (${t.interventionId} is null) and (${t.followUp} is null) = (${t.dueDate} is null)`),
    // One open follow-up of each kind per intervention: ending a therapy twice cannot schedule two tests.
    uniqueIndex('clinician_tasks_follow_up_open_unique').on(t.interventionId, t.followUp).where(sql`${t.doneAt} is null`),
    index('clinician_tasks_follow_up_due_idx').on(t.patientId, t.dueDate).where(sql`${t.followUp} is not null and ${t.doneAt} is null`),
  ],
);
