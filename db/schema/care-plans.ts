import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { goalStatus, interventionKind, interventionStatus, specialty } from './enums';
import { patients } from './patients';
import { users } from './users';

// One living care plan per patient: its goals and interventions are rows that change over time.
// Each row carries a version; an update must name the version it was based on (checked in the UPDATE
// itself), so a second clinician saving at once is told, never silently overwritten. Every change
// also appends a snapshot to care_plan_changes, so the plan's whole history is kept.

export const carePlanGoals = pgTable(
  'care_plan_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** e.g. "EASI below 7 by March". */
    description: text('description').notNull(),
    /** Optional measurable target: instrument id from lib/clinical/scores/instruments.ts and the value to reach. */
    targetInstrument: text('target_instrument'),
    targetValue: text('target_value'),
    targetDate: date('target_date', { mode: 'string' }),
    status: goalStatus('status').notNull().default('active'),
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
  (t) => [index('care_plan_goals_patient_idx').on(t.patientId), check('care_plan_goals_version_positive', sql`${t.version} >= 1`)],
);

export const carePlanInterventions = pgTable(
  'care_plan_interventions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    goalId: uuid('goal_id').references(() => carePlanGoals.id),
    kind: interventionKind('kind').notNull(),
    title: text('title').notNull(),
    /** Kind-specific details, validated by lib/care-plans/schema.ts (e.g. diet foods and reintroduction date, probiotic strain and dose). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ownerSpecialty: specialty('owner_specialty').notNull(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id),
    status: interventionStatus('status').notNull().default('proposed'),
    statusReason: text('status_reason'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /**
     * The gut finding this intervention treats, when it treats one: an H. pylori eradication therapy gets a
     * test of cure scheduled when it ends; a SIBO/IMO treatment can carry the retest date its clinician sets.
     */
    gutTarget: text('gut_target').$type<'h_pylori' | 'sibo' | 'imo'>(),
    /** When the response is judged, in weeks after the start; null = the clinic default (lib/clinical/outcomes). */
    responseWeeks: integer('response_weeks'),
    /** H. pylori therapy: the last PPI dose when a PPI continued after the therapy ended (test-of-cure timing). */
    ppiLastDoseDate: date('ppi_last_dose_date', { mode: 'string' }),
    /** SIBO/IMO treatment: the retest date the clinician chose (there is no consensus interval to compute one). */
    retestDate: date('retest_date', { mode: 'string' }),
    /** Guardrail codes (lib/care-plans/guardrails.ts) the proposer saw and acknowledged. */
    acknowledgedCautions: jsonb('acknowledged_cautions').$type<string[]>().notNull().default([]),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('care_plan_interventions_patient_idx').on(t.patientId),
    check('care_plan_interventions_version_positive', sql`${t.version} >= 1`),
    check('care_plan_interventions_dates_ordered', sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
    check('care_plan_interventions_stop_has_reason', sql`${t.status} <> 'stopped' or length(trim(coalesce(${t.statusReason}, ''))) > 0`),
    check('care_plan_interventions_accept_consistent', sql`(${t.acceptedAt} is null) = (${t.acceptedBy} is null)`),
    check('care_plan_interventions_gut_target', sql`${t.gutTarget} is null or ${t.gutTarget} in ('h_pylori', 'sibo', 'imo')`),
    check('care_plan_interventions_response_weeks', sql`${t.responseWeeks} is null or ${t.responseWeeks} between 1 and 104`),
    check('care_plan_interventions_ppi_for_h_pylori', sql`${t.ppiLastDoseDate} is null or ${t.gutTarget} = 'h_pylori'`),
    check('care_plan_interventions_retest_for_breath', sql`${t.retestDate} is null or ${t.gutTarget} in ('sibo', 'imo')`),
    // The cohort query starts from interventions of a kind with a start date.
    index('care_plan_interventions_kind_start_idx').on(t.kind, t.patientId, t.startDate).where(sql`${t.startDate} is not null`),
  ],
);

/** Append-only history of the plan: one snapshot per change of a goal or an intervention. */
export const carePlanChanges = pgTable(
  'care_plan_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    version: integer('version').notNull(),
    /** e.g. propose, accept, update, status:paused */
    change: text('change').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('care_plan_changes_patient_idx').on(t.patientId, t.changedAt),
    index('care_plan_changes_entity_idx').on(t.entityId, t.version),
    check('care_plan_changes_entity_type', sql`${t.entityType} in ('goal', 'intervention', 'protocol')`),
  ],
);
