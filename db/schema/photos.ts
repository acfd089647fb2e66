import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { patients } from './patients';
import { results } from './results';
import { users } from './users';

// Clinical photographs (lib/photos). The image bytes live in photo_renditions, in PostgreSQL by default (so
// PGlite and PostgreSQL both work and backups include them), behind lib/photos/storage.ts. Only processed
// renditions are stored: metadata stripped, orientation applied; the uploaded original is never kept.

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** Photography consent, one row per decision (append-only: the latest row is the patient's current consent). */
export const photoConsents = pgTable(
  'photo_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** Photos may be taken and kept in the clinical record. Without it, no upload is accepted. */
    clinicalRecord: boolean('clinical_record').notNull(),
    /** Photos may be shared with the patient in the portal. */
    shareWithPatient: boolean('share_with_patient').notNull(),
    /** De-identified photos may be used for teaching. */
    teaching: boolean('teaching').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('photo_consents_patient_idx').on(t.patientId, t.recordedAt)],
);

export const clinicalPhotos = pgTable(
  'clinical_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** One of BODY_SITES (lib/photos/sites.ts), or 'other' with bodySiteDetail. */
    bodySite: text('body_site').notNull(),
    bodySiteDetail: text('body_site_detail'),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    /** Where takenOn came from: the photo's own EXIF date, or the uploader. */
    takenOnSource: text('taken_on_source').$type<'exif' | 'entered'>().notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Optional link to the score entry the photo documents. */
    scoreResultId: uuid('score_result_id').references(() => results.id),
    /**
     * Optional link to the visit note the photo belongs to, by series (clinical_notes.series_id), so an amended
     * note keeps its photos. No foreign key: a series id is shared by every version; lib/photos checks it.
     */
    noteSeriesId: uuid('note_series_id'),
    caption: text('caption'),
    sharedWithPatient: boolean('shared_with_patient').notNull().default(false),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
  },
  (t) => [
    check('clinical_photos_site_detail', sql`${t.bodySite} <> 'other' or ${t.bodySiteDetail} is not null`),
    check('clinical_photos_caption_length', sql`${t.caption} is null or char_length(${t.caption}) <= 500`),
    check('clinical_photos_taken_on_source', sql`${t.takenOnSource} in ('exif', 'entered')`),
    index('clinical_photos_patient_idx').on(t.patientId, t.bodySite, t.takenOn),
    index('clinical_photos_note_idx').on(t.noteSeriesId).where(sql`${t.noteSeriesId} is not null`),
  ],
);

export const photoRenditions = pgTable(
  'photo_renditions',
  {
    photoId: uuid('photo_id')
      .notNull()
      .references(() => clinicalPhotos.id),
    rendition: text('rendition').$type<'thumb' | 'screen'>().notNull(),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    byteSize: integer('byte_size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.photoId, t.rendition] }), check('photo_renditions_kind', sql`${t.rendition} in ('thumb', 'screen')`), check('photo_renditions_size', sql`${t.byteSize} = octet_length(${t.bytes})`)],
);
