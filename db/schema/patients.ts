import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { administrativeSex, conditionClinicalStatus } from './enums';

export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mrn: text('mrn').notNull().unique(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sex: administrativeSex('sex').notNull(),
    email: text('email'),
    phone: text('phone'),
    addressLine: text('address_line'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Bumped by every clinical write so the caseload can sort by "last activity" without scanning history.
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('patients_mrn_format', sql`${t.mrn} ~ '^[A-Z0-9-]{4,20}$'`),
    check('patients_names_present', sql`length(trim(${t.givenName})) > 0 and length(trim(${t.familyName})) > 0`),
    check('patients_dob_sane', sql`${t.dateOfBirth} >= '1900-01-01'`),
    index('patients_family_given_idx').on(t.familyName, t.givenName),
    index('patients_last_activity_idx').on(t.lastActivityAt),
    // Name search (lib/patients/queries.ts, patientSearchText): a trigram index answers ILIKE '%term%'
    // without scanning every patient. The expression must stay identical to the query's.
    index('patients_name_search_trgm_idx').using(
      'gin',
      sql`(${t.givenName} || ' ' || ${t.familyName} || ' | ' || ${t.familyName} || ', ' || ${t.givenName}) gin_trgm_ops`,
    ),
    // MRN prefix search (LIKE 'AX-10%'): the unique index uses the database collation, which LIKE cannot use.
    index('patients_mrn_pattern_idx').on(t.mrn.op('text_pattern_ops')),
  ],
);

export const conditions = pgTable(
  'conditions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    // A code-system URI as FHIR uses it, e.g. http://hl7.org/fhir/sid/icd-10-cm.
    codeSystem: text('code_system').notNull(),
    code: text('code').notNull(),
    display: text('display').notNull(),
    onsetDate: date('onset_date', { mode: 'string' }),
    clinicalStatus: conditionClinicalStatus('clinical_status').notNull().default('active'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conditions_patient_idx').on(t.patientId),
    index('conditions_code_idx').on(t.code),
    check('conditions_code_present', sql`length(trim(${t.code})) > 0`),
  ],
);
