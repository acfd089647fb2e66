import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { resultFlag, resultKind } from './enums';
import { patients } from './patients';
import { users } from './users';

// Every result kind (breath test, H. pylori test, food panel, score) shares one versioned table: the
// kind-specific input lives in `data` (validated by lib/results/schema.ts before it is stored) and
// the interpretation computed by lib/<kind>/interpret.ts in `interpretation`, so rules are never
// typed by hand. A correction inserts a new version of the same series; old versions stay.
export const results = pgTable(
  'results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: resultKind('kind').notNull(),
    /** Shared by every version of one result. */
    seriesId: uuid('series_id').notNull(),
    version: integer('version').notNull(),
    /** The newest version of its series; the only one shown by default. */
    isCurrent: boolean('is_current').notNull().default(true),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    flag: resultFlag('flag').notNull(),
    /** The criteria or kit applied, e.g. "NAC-2017" or "BreathID DOB >= 5". */
    criteriaSet: text('criteria_set'),
    loincCode: text('loinc_code'),
    /** Scores only: instrument id and value, kept as columns for trend queries. */
    instrument: text('instrument'),
    value: doublePrecision('value'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    interpretation: jsonb('interpretation').$type<Record<string, unknown>>().notNull(),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    correctionReason: text('correction_reason'),
  },
  (t) => [
    uniqueIndex('results_series_version_unique').on(t.seriesId, t.version),
    // At most one current version per series: two concurrent corrections cannot both win.
    uniqueIndex('results_series_current_unique').on(t.seriesId).where(sql`${t.isCurrent}`),
    index('results_patient_current_idx').on(t.patientId, t.effectiveDate).where(sql`${t.isCurrent}`),
    // Score trends, and the outcomes' baseline and follow-up lookups (a range on the date within one instrument).
    index('results_patient_instrument_date_idx').on(t.patientId, t.instrument, t.effectiveDate).where(sql`${t.isCurrent} and ${t.instrument} is not null`),
    // Clinic outcomes: "has a positive breath test / H. pylori test / food panel" for each patient of a cohort.
    index('results_patient_abnormal_idx').on(t.patientId, t.kind).where(sql`${t.isCurrent} and ${t.flag} = 'abnormal'`),
    check('results_version_positive', sql`${t.version} >= 1`),
    check('results_correction_has_reason', sql`${t.version} = 1 or length(trim(coalesce(${t.correctionReason}, ''))) > 0`),
    check('results_score_has_value', sql`(${t.kind} = 'score') = (${t.instrument} is not null and ${t.value} is not null)`),
    check('results_effective_date_sane', sql`${t.effectiveDate} >= '1900-01-01'`),
  ],
);

/** A clinician's acknowledgement of one result version: drives "awaiting your review". */
export const resultReviews = pgTable(
  'result_reviews',
  {
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
    /** What the reviewer noted ("discussed with the patient", "repeat in 3 months"); optional. */
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.resultId, t.userId] }), check('result_reviews_comment_length', sql`${t.comment} is null or length(${t.comment}) between 1 and 1000`)],
);

/** When each clinician last opened each patient's record: drives "new since you last looked". */
export const patientViews = pgTable(
  'patient_views',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.patientId] })],
);
