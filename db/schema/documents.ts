import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { patients } from './patients';
import { bytea } from './photos';
import { users } from './users';

// Documents kept with the record (lib/documents): the lab's own PDF report, referral and clinic letters. The
// bytes live in document_contents, in PostgreSQL by default (lib/documents/storage.ts), as the photos do.
// Documents are records: never edited or deleted; only sharing with the patient is switched on and off.

export const clinicalDocuments = pgTable(
  'clinical_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** One of DOCUMENT_CATEGORIES (lib/documents/categories.ts). */
    category: text('category').notNull(),
    title: text('title').notNull(),
    /** The date on the document (the report or letter date), not the upload date. */
    documentDate: date('document_date', { mode: 'string' }).notNull(),
    /**
     * The result it belongs to, by series (results.series_id), so a corrected result keeps its report. No
     * foreign key: a series id is shared by every version; lib/documents checks it names this patient's result.
     */
    resultSeriesId: uuid('result_series_id'),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    /** How it arrived: uploaded by a clinician, or carried in an imported FHIR DocumentReference. */
    origin: text('origin').$type<'upload' | 'fhir-import'>().notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    /** SHA-256 of the bytes, hex: integrity, and the same file is not attached twice. */
    sha256: text('sha256').notNull(),
    sharedWithPatient: boolean('shared_with_patient').notNull().default(false),
  },
  (t) => [
    check('clinical_documents_category', sql`${t.category} in ('lab_report', 'referral_letter', 'clinic_letter', 'other')`),
    check('clinical_documents_title_length', sql`char_length(${t.title}) between 1 and 200`),
    check('clinical_documents_origin', sql`${t.origin} in ('upload', 'fhir-import')`),
    check('clinical_documents_content_type', sql`${t.contentType} = 'application/pdf'`),
    check('clinical_documents_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    index('clinical_documents_patient_idx').on(t.patientId, t.documentDate),
    index('clinical_documents_result_idx').on(t.resultSeriesId).where(sql`${t.resultSeriesId} is not null`),
  ],
);

export const documentContents = pgTable(
  'document_contents',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => clinicalDocuments.id),
    bytes: bytea('bytes').notNull(),
    byteSize: integer('byte_size').notNull(),
  },
  (t) => [check('document_contents_size', sql`${t.byteSize} = octet_length(${t.bytes})`)],
);
