import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { EMERGENCY_REASON_CATEGORIES } from './emergency-access-values';
import { patients } from './patients';
import { users } from './users';

export const emergencyReasonCategory = pgEnum('emergency_reason_category', EMERGENCY_REASON_CATEGORIES);

// Break-the-glass grants: a clinician off a patient's care team reads the record for a stated reason,
// for a limited time. Append-only (migrations 0009 and 0013): a grant is evidence, and it ends by itself
// because expiry is compared with the database clock on every check. The one change allowed is its
// holder ending it early: ended_at set once, from null, nothing else touched.
export const emergencyAccessGrants = pgTable(
  'emergency_access_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    clinicianUserId: uuid('clinician_user_id')
      .notNull()
      .references(() => users.id),
    reasonCategory: emergencyReasonCategory('reason_category').notNull(),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    // The guard's lookup on every request: this clinician, this patient, still running.
    index('emergency_access_clinician_patient_idx').on(t.clinicianUserId, t.patientId, t.expiresAt),
    // The care team's list on the record, newest first.
    index('emergency_access_patient_time_idx').on(t.patientId, t.grantedAt),
    check('emergency_access_reason_length', sql`char_length(btrim(${t.reason})) between 20 and 2000`),
    // At most a day, whatever the configuration says: a longer need means joining the care team.
    check('emergency_access_window', sql`${t.expiresAt} > ${t.grantedAt} and ${t.expiresAt} <= ${t.grantedAt} + interval '24 hours'`),
    check('emergency_access_ended_in_window', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.grantedAt}`),
  ],
);
