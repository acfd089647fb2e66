import { sql } from 'drizzle-orm';
import { check, index, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { careTeamRole } from './enums';
import { patients } from './patients';
import { users } from './users';

// Membership history is kept: removing a member stamps removed_at instead of deleting, so the audit
// trail can always say who was on a team when.
export const careTeamMembers = pgTable(
  'care_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: careTeamRole('role').notNull().default('member'),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    removedBy: uuid('removed_by').references(() => users.id),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    // A copy of patients.last_activity_at, kept by two triggers (migration 0025): set from the patient
    // when the row is inserted, and updated whenever the patient's activity moves. With it the caseload's
    // default order is read from care_team_caseload_activity_idx, instead of fetching and sorting all of a
    // clinician's ~2,000 patients on every page view (docs/PERFORMANCE.md). The default only satisfies
    // the insert type: the insert trigger always overwrites it.
    patientLastActivityAt: timestamp('patient_last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('care_team_active_member_unique').on(t.patientId, t.userId).where(sql`${t.removedAt} is null`),
    // A clinician's caseload: with patient_id in the key it is answered from the index alone.
    index('care_team_user_patient_idx').on(t.userId, t.patientId).where(sql`${t.removedAt} is null`),
    index('care_team_caseload_activity_idx')
      .on(t.userId, t.patientLastActivityAt.desc().nullsFirst(), t.patientId)
      .where(sql`${t.removedAt} is null`),
    // Every membership of a patient, removed ones included: patients_copy_activity_to_care_team (migration
    // 0025) updates all of them on each clinical write. Partial (active rows only), it could not serve that
    // update, which then scanned the whole table: 126 ms per signed note on the 100,000-patient clinic.
    index('care_team_patient_idx').on(t.patientId),
    check('care_team_removal_consistent', sql`(${t.removedAt} is null) = (${t.removedBy} is null)`),
  ],
);
