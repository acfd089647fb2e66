import 'server-only';
import { and, desc, eq, or } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { clinicalNotes, clinicalPhotos, photoConsents, results } from '@/db/schema';
import { authorizePatientAccess, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { clinicToday } from '@/lib/platform/clinic-time';
import { inTransaction } from '@/lib/platform/db/transaction';
import { ForbiddenError, fieldErrorsOf, type FieldErrors } from '@/lib/platform/errors';
import { processPhoto } from './process';
import { photoConsentSchema, photoMetaSchema } from './schema';
import { photoStorage } from './storage';
import { isUuid } from '@/lib/platform/ids';

// Writing clinical photos and photography consent. Every call checks the actor: clinicians on the care team
// ('clinical-write'); the patient on their own record ('patient-report'), for photos they take themselves.
// Photos are records: there is no edit or delete, only sharing on and off.

export type PhotoOutcome<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

export interface PhotoConsentState {
  clinicalRecord: boolean;
  shareWithPatient: boolean;
  teaching: boolean;
  recordedAt: string;
  recordedBy: string;
}

/** The patient's current consent (the latest decision), or null when none has been recorded. No access check. */
export async function loadPhotoConsent(executor: Executor, patientId: string): Promise<PhotoConsentState | null> {
  const [row] = await executor.select().from(photoConsents).where(eq(photoConsents.patientId, patientId)).orderBy(desc(photoConsents.recordedAt), desc(photoConsents.id)).limit(1);
  return row ? { clinicalRecord: row.clinicalRecord, shareWithPatient: row.shareWithPatient, teaching: row.teaching, recordedAt: row.recordedAt.toISOString(), recordedBy: row.recordedBy } : null;
}

/** A clinician records the patient's photography consent (a new row each time: the history stays). */
export async function recordPhotoConsent(actor: Actor, patientId: string, input: unknown): Promise<PhotoOutcome<{ consentId: string }>> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'photo.consent', recordAllowed: false });
  const parsed = photoConsentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Answer each consent question. Nothing was saved.', fieldErrors: fieldErrorsOf(parsed.error) };
  return inTransaction(async (tx) => {
    const [row] = await tx.insert(photoConsents).values({ patientId, ...parsed.data, recordedBy: actor.userId }).returning({ id: photoConsents.id });
    if (!row) throw new Error('consent insert returned no row');
    await recordAudit(tx, actor, [{ action: 'photo.consent', outcome: 'allowed', patientId, entityType: 'photo_consent', entityId: row.id, detail: parsed.data }]);
    return { ok: true as const, data: { consentId: row.id } };
  });
}

const NO_CONSENT_CLINICIAN = 'This patient has not consented to clinical photographs being kept in their record. Record their consent first; the photo was not saved.';
const NO_CONSENT_PATIENT = 'Your care team has not recorded your consent to photographs yet, so the photo was not saved. Ask them at your next visit.';

/**
 * Stores one photo: refused (and nothing stored) without consent, for a file that is not a readable photo, or
 * for invalid details. The renditions are written in the same transaction as the row.
 */
export async function uploadPhoto(actor: Actor, patientId: string, input: { bytes: Uint8Array; meta: unknown }, now = new Date()): Promise<PhotoOutcome<{ photoId: string }>> {
  const db = getDb();
  const isPatient = actor.role === 'patient';
  await authorizePatientAccess(db, actor, patientId, isPatient ? 'patient-report' : 'clinical-write', { action: 'photo.upload', recordAllowed: false });
  const parsed = photoMetaSchema.safeParse(input.meta);
  if (!parsed.success) return { ok: false, error: 'Some details need correcting. The photo was not saved.', fieldErrors: fieldErrorsOf(parsed.error) };
  const meta = parsed.data;
  const today = clinicToday(now);
  if (meta.takenOn && meta.takenOn > today) return { ok: false, error: 'The date taken cannot be in the future.', fieldErrors: { takenOn: ['The date taken cannot be in the future.'] } };
  const consent = await loadPhotoConsent(db, patientId);
  if (!consent?.clinicalRecord) {
    await recordAudit(db, actor, [{ action: 'photo.upload', outcome: 'denied', patientId, entityType: 'patient', entityId: patientId, detail: { reason: 'no-photo-consent' } }]);
    return { ok: false, error: isPatient ? NO_CONSENT_PATIENT : NO_CONSENT_CLINICIAN };
  }
  if (meta.scoreResultId) {
    const [score] = await db
      .select({ id: results.id })
      .from(results)
      .where(and(eq(results.id, meta.scoreResultId), eq(results.patientId, patientId), eq(results.kind, 'score')));
    if (!score) return { ok: false, error: 'Choose a score from this patient’s record.', fieldErrors: { scoreResultId: ['Choose a score from this patient’s record.'] } };
  }
  if (meta.noteSeriesId) {
    if (isPatient) return { ok: false, error: 'Only the care team links photos to visit notes.', fieldErrors: { noteSeriesId: ['Only the care team links photos to visit notes.'] } };
    // A signed note of this patient, or the uploader's own draft (a photo taken during the visit being written up).
    const [note] = await db
      .select({ id: clinicalNotes.id })
      .from(clinicalNotes)
      .where(
        and(
          eq(clinicalNotes.seriesId, meta.noteSeriesId),
          eq(clinicalNotes.patientId, patientId),
          eq(clinicalNotes.isCurrent, true),
          or(eq(clinicalNotes.status, 'signed'), eq(clinicalNotes.authorId, actor.userId)),
        ),
      );
    if (!note) return { ok: false, error: 'Choose a visit note from this patient’s record.', fieldErrors: { noteSeriesId: ['Choose a visit note from this patient’s record.'] } };
  }
  const processed = await processPhoto(input.bytes, now);
  if (!processed.ok) return { ok: false, error: processed.error, fieldErrors: { file: [processed.error] } };
  const { photo } = processed;
  return inTransaction(async (tx) => {
    const [row] = await tx
      .insert(clinicalPhotos)
      .values({
        patientId,
        bodySite: meta.bodySite,
        bodySiteDetail: meta.bodySiteDetail ?? null,
        takenOn: meta.takenOn ?? photo.exifDate ?? today,
        takenOnSource: !meta.takenOn && photo.exifDate ? 'exif' : 'entered',
        uploadedBy: actor.userId,
        uploadedAt: now,
        scoreResultId: meta.scoreResultId ?? null,
        noteSeriesId: meta.noteSeriesId ?? null,
        caption: meta.caption ?? null,
        // The patient sees what they sent in themselves.
        sharedWithPatient: isPatient,
        width: photo.width,
        height: photo.height,
      })
      .returning({ id: clinicalPhotos.id });
    if (!row) throw new Error('photo insert returned no row');
    for (const r of photo.renditions) await photoStorage.put(tx, row.id, r.rendition, r.contentType, r.bytes);
    await recordAudit(tx, actor, [{ action: 'photo.upload', outcome: 'allowed', patientId, entityType: 'photo', entityId: row.id, detail: { bodySite: meta.bodySite, bytes: photo.renditions.map((r) => r.bytes.byteLength) } }]);
    return { ok: true as const, data: { photoId: row.id } };
  });
}

/** Shares a photo with the patient or stops sharing it; sharing needs the patient's consent to it. */
export async function setPhotoShared(actor: Actor, photoId: string, shared: boolean): Promise<PhotoOutcome<{ photoId: string }>> {
  const db = getDb();
  const { patientId } = await photoPatientOf(db, actor, photoId, 'photo.share');
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'photo.share', entityType: 'photo', entityId: photoId, recordAllowed: false });
  if (shared && !(await loadPhotoConsent(db, patientId))?.shareWithPatient) return { ok: false, error: 'The patient has not consented to photos being shared with them in the portal.' };
  await inTransaction(async (tx) => {
    await tx.update(clinicalPhotos).set({ sharedWithPatient: shared }).where(eq(clinicalPhotos.id, photoId));
    await recordAudit(tx, actor, [{ action: shared ? 'photo.share' : 'photo.unshare', outcome: 'allowed', patientId, entityType: 'photo', entityId: photoId }]);
  });
  return { ok: true, data: { photoId } };
}

/** The patient and uploader of a photo id; an unknown id is refused and audited like another patient's photo. */
export async function photoPatientOf(db: Executor, actor: Actor, photoId: string, action: string): Promise<{ patientId: string; uploadedBy: string; sharedWithPatient: boolean }> {
  const [row] = isUuid(photoId)
    ? await db.select({ patientId: clinicalPhotos.patientId, uploadedBy: clinicalPhotos.uploadedBy, sharedWithPatient: clinicalPhotos.sharedWithPatient }).from(clinicalPhotos).where(eq(clinicalPhotos.id, photoId))
    : [];
  if (!row) {
    await recordAudit(getDb(), actor, [{ action, outcome: 'denied', entityType: 'photo', entityId: photoId.slice(0, 64), detail: { reason: 'photo-not-found' } }]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  return row;
}
