import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { specialty } from './enums';
import { patients } from './patients';
import { results } from './results';
import { users } from './users';

// An elimination → reintroduction protocol (DOMAIN.md §10): part of the living care plan, so it follows the
// plan's rules: one row that changes under a version check (a second clinician saving at once is told),
// every change snapshotted into care_plan_changes (entity_type 'protocol'), every read and write audited.
// The challenge order and the confirmed verdicts live on the row, so they change in the same versioned
// update; the schedule itself is computed from start date + weeks + challenges (lib/clinical/reintroduction).

/** One food's challenge as the clinician set it: portions per day (smallest first) and the washout after. */
export interface StoredChallenge {
  food: string;
  portions: string[];
  washoutDays: number;
}

/** A clinician's confirmed verdict for one challenged food. */
export interface StoredVerdict {
  verdict: 'reacted' | 'tolerated' | 'inconclusive';
  /** What Axis suggested from the diary when the clinician confirmed (null when there was no suggestion yet). */
  suggested: 'reacted' | 'tolerated' | 'inconclusive' | null;
  /** Required when the confirmed verdict differs from the suggestion. */
  reason: string | null;
  /** A food that stays excluded is reviewed again on this date. */
  reviewDate: string | null;
  confirmedBy: string;
  confirmedAt: string;
}

export const eliminationProtocols = pgTable(
  'elimination_protocols',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** Everything excluded during the elimination (food groups by label, or free text). */
    foods: jsonb('foods').$type<string[]>().notNull(),
    /** Why: a food-panel result, a diary pattern or clinical suspicion. */
    reasonKind: text('reason_kind').$type<'food_panel' | 'diary_pattern' | 'clinical_suspicion'>().notNull(),
    reasonResultId: uuid('reason_result_id').references(() => results.id),
    reasonText: text('reason_text'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    eliminationWeeks: integer('elimination_weeks').notNull(),
    /** The at-home challenges in order; foods refused at home are never here (they stay out, with a referral). */
    challenges: jsonb('challenges').$type<StoredChallenge[]>().notNull(),
    /** Foods kept out because an at-home challenge was refused for safety (DOMAIN.md §10.4). */
    /** Risk factors for a severe challenge reaction the clinician recorded when starting (DOMAIN.md §10.4 [NOWAK-RISK]). */
    riskFactors: jsonb('risk_factors').$type<string[]>().notNull().default([]),
    supervisedOnly: jsonb('supervised_only').$type<{ food: string; reasons: string[] }[]>().notNull().default([]),
    /** Computed from the schedule at every save, so the caseload can flag an overrun with an index. */
    eliminationEndsOn: date('elimination_ends_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => users.id),
    ownerSpecialty: specialty('owner_specialty').notNull(),
    /** proposed (awaiting the supervisor), active, finished (every verdict confirmed) or stopped (with a reason). */
    status: text('status').$type<'proposed' | 'active' | 'finished' | 'stopped'>().notNull(),
    statusReason: text('status_reason'),
    verdicts: jsonb('verdicts').$type<Record<string, StoredVerdict>>().notNull().default({}),
    acknowledgedCautions: jsonb('acknowledged_cautions').$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('elimination_protocols_patient_idx').on(t.patientId, t.createdAt),
    // One running protocol per patient: two at once would make every diary day ambiguous.
    uniqueIndex('elimination_protocols_one_running').on(t.patientId).where(sql`${t.status} in ('proposed', 'active')`),
    // The caseload's "elimination overrun" flag.
    index('elimination_protocols_overrun_idx').on(t.patientId, t.endsOn).where(sql`${t.status} = 'active'`),
    check('elimination_protocols_status', sql`${t.status} in ('proposed', 'active', 'finished', 'stopped')`),
    check('elimination_protocols_reason_kind', sql`${t.reasonKind} in ('food_panel', 'diary_pattern', 'clinical_suspicion')`),
    check('elimination_protocols_weeks', sql`${t.eliminationWeeks} between 1 and 12`),
    check('elimination_protocols_dates', sql`${t.eliminationEndsOn} >= ${t.startDate} and ${t.endsOn} >= ${t.eliminationEndsOn}`),
    check('elimination_protocols_version_positive', sql`${t.version} >= 1`),
    check('elimination_protocols_stop_has_reason', sql`${t.status} <> 'stopped' or length(trim(coalesce(${t.statusReason}, ''))) > 0`),
    check('elimination_protocols_foods_array', sql`jsonb_typeof(${t.foods}) = 'array' and jsonb_array_length(${t.foods}) between 1 and 20`),
    check('elimination_protocols_challenges_array', sql`jsonb_typeof(${t.challenges}) = 'array' and jsonb_array_length(${t.challenges}) <= 20`),
  ],
);

/** "I reacted": what the patient reports during a protocol. Records, never edited or deleted. */
export const challengeReactions = pgTable(
  'challenge_reactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    protocolId: uuid('protocol_id')
      .notNull()
      .references(() => eliminationProtocols.id),
    /** The clinic-time calendar date and time the reaction started. */
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    occurredTime: text('occurred_time'),
    symptom: text('symptom').notNull(),
    severity: text('severity').$type<'mild' | 'moderate' | 'severe'>().notNull(),
    /** Only gas or bloating: "a mild gut reaction", not a failed challenge [JWARD]. */
    gutOnly: boolean('gut_only').notNull().default(false),
    notes: text('notes'),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('challenge_reactions_protocol_idx').on(t.protocolId, t.occurredOn),
    check('challenge_reactions_severity', sql`${t.severity} in ('mild', 'moderate', 'severe')`),
    check('challenge_reactions_time', sql`${t.occurredTime} is null or ${t.occurredTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('challenge_reactions_symptom', sql`length(trim(${t.symptom})) between 1 and 200`),
  ],
);
