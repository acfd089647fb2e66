import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { patients } from './patients';
import { results } from './results';
import { users } from './users';

// What the patient portal may show and what patients report back.

/**
 * A clinician's deliberate choice to show one result (its whole series, so a correction stays shared)
 * to the patient. Revoking stamps revoked_at; the row stays as the record of what was shown when.
 */
export const resultShares = pgTable(
  'result_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    seriesId: uuid('series_id').notNull(),
    /** Optional words from the clinician for the patient, shown beside the plain-language explanation. */
    messageToPatient: text('message_to_patient'),
    sharedBy: uuid('shared_by')
      .notNull()
      .references(() => users.id),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('result_shares_active_unique').on(t.seriesId).where(sql`${t.revokedAt} is null`),
    index('result_shares_patient_idx').on(t.patientId).where(sql`${t.revokedAt} is null`),
    check('result_shares_revoke_consistent', sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
  ],
);

/**
 * A patient-completed questionnaire (DLQI, POEM, UAS7): the raw item answers, as DOMAIN.md asks
 * (FHIR QuestionnaireResponse), linked to the score result its total was recorded as.
 */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    instrument: text('instrument').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    total: integer('total').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('questionnaire_responses_patient_idx').on(t.patientId, t.effectiveDate), check('questionnaire_responses_instrument', sql`${t.instrument} in ('dlqi', 'poem', 'uas7')`)],
);

/** The patient's daily food-and-symptom diary. */
export const diaryEntries = pgTable(
  'diary_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    /** Meals as the patient described them: [{ time?, description }]. */
    meals: jsonb('meals').$type<{ time?: string; description: string }[]>().notNull().default([]),
    /** Bristol stool form type 1–7, if recorded. */
    stoolForm: integer('stool_form'),
    itch: integer('itch'),
    flare: integer('flare'),
    notes: text('notes'),
    /** What else could explain the day's symptoms (lib/diary/schema.ts DIARY_CONFOUNDERS): read by the reintroduction verdict. */
    confounders: jsonb('confounders').$type<string[]>().notNull().default([]),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('diary_entries_patient_idx').on(t.patientId, t.entryDate),
    check('diary_entries_confounders_array', sql`jsonb_typeof(${t.confounders}) = 'array' and jsonb_array_length(${t.confounders}) <= 10`),
    check('diary_entries_stool_form_range', sql`${t.stoolForm} is null or ${t.stoolForm} between 1 and 7`),
    check('diary_entries_itch_range', sql`${t.itch} is null or ${t.itch} between 0 and 10`),
    check('diary_entries_flare_range', sql`${t.flare} is null or ${t.flare} between 0 and 10`),
  ],
);
