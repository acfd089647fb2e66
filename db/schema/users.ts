import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { specialty, userRole } from './enums';
import { patients } from './patients';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased (see lib/platform/auth/credentials.ts) so sign-in is case-insensitive.
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    specialty: specialty('specialty'),
    // The patient record a portal account belongs to.
    patientId: uuid('patient_id').references(() => patients.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    /** "You have a new message" e-mails (no health information in them); the user may turn them off. */
    emailNotifications: boolean('email_notifications').notNull().default(true),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('users_clinician_has_specialty', sql`(${t.role} = 'clinician') = (${t.specialty} is not null)`),
    check('users_patient_has_record', sql`(${t.role} = 'patient') = (${t.patientId} is not null)`),
    check('users_deactivation_consistent', sql`${t.active} = (${t.deactivatedAt} is null)`),
    // One portal account per patient record.
    uniqueIndex('users_patient_unique').on(t.patientId).where(sql`${t.patientId} is not null`),
  ],
);
