import 'server-only';
import { and, asc, desc, eq, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { alias } from 'drizzle-orm/pg-core';
import { clinicalNotes, clinicalPhotos, results, users } from '@/db/schema';
import { getInstrument, isInstrumentId } from '@/lib/clinical/scores/instruments';
import { daysBetween } from '@/lib/clinical/dates';
import { authorizePatientAccess, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';
import { loadPhotoConsent, photoPatientOf, type PhotoConsentState } from './mutations';
import { bodySiteLabel } from './sites';
import { photoStorage, type Rendition } from './storage';

// Reading clinical photos. The care team (and an emergency grant, read-only) sees every photo on the record;
// the patient sees the ones they sent and the ones shared with them while their consent allows it. Every list
// and every image served is audited.

export interface PhotoView {
  id: string;
  bodySite: string;
  site: string;
  takenOn: string;
  takenOnSource: 'exif' | 'entered';
  caption: string | null;
  uploadedByName: string;
  uploadedByPatient: boolean;
  sharedWithPatient: boolean;
  width: number;
  height: number;
  /** The skin score recorded nearest the photo's date (clinicians only), for side-by-side comparison. */
  nearestScore: { label: string; value: number; effectiveDate: string; daysApart: number } | null;
  /** The visit note it belongs to (its current version; clinicians only). */
  note: { id: string; date: string } | null;
}

const notes = alias(clinicalNotes, 'photo_note');

/** The visit notes a photo can be linked to: signed notes of the record, and the uploader's own drafts. */
export async function listNoteChoices(actor: Actor, patientId: string): Promise<{ seriesId: string; date: string; author: string; draft: boolean; excerpt: string }[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'photo.note-choices' });
  const rows = await db
    .select({ seriesId: clinicalNotes.seriesId, body: clinicalNotes.body, status: clinicalNotes.status, signedAt: clinicalNotes.signedAt, createdAt: clinicalNotes.createdAt, author: users.name })
    .from(clinicalNotes)
    .innerJoin(users, eq(users.id, clinicalNotes.authorId))
    .where(and(eq(clinicalNotes.patientId, patientId), eq(clinicalNotes.isCurrent, true), or(eq(clinicalNotes.status, 'signed'), eq(clinicalNotes.authorId, actor.userId))))
    .orderBy(desc(clinicalNotes.createdAt))
    .limit(50);
  return rows.map((r) => {
    const firstLine = r.body.split('\n').map((l) => l.replace(/[#*_`>[\]-]/g, '').trim()).find(Boolean) ?? '';
    const excerpt = firstLine.length > 50 ? `${firstLine.slice(0, 49)}…` : firstLine;
    return { seriesId: r.seriesId, date: (r.signedAt ?? r.createdAt).toISOString().slice(0, 10), author: r.author, draft: r.status !== 'signed', excerpt };
  });
}

export async function getPhotoConsent(actor: Actor, patientId: string): Promise<PhotoConsentState | null> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'photo.consent.read' });
  return loadPhotoConsent(db, patientId);
}

/** The record's photos, newest first per site; only one visit note's when noteSeriesId is given (clinicians). */
export async function listPhotos(actor: Actor, patientId: string, options: { noteSeriesId?: string } = {}): Promise<PhotoView[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'photo.list' });
  const isPatient = actor.role === 'patient';
  const consent = isPatient ? await loadPhotoConsent(db, patientId) : null;
  const visible = isPatient
    ? and(eq(clinicalPhotos.patientId, patientId), or(eq(clinicalPhotos.uploadedBy, actor.userId), consent?.shareWithPatient ? eq(clinicalPhotos.sharedWithPatient, true) : undefined))
    : eq(clinicalPhotos.patientId, patientId);
  const rows = await db
    .select({ p: clinicalPhotos, uploadedByName: users.name, uploaderRole: users.role, noteId: notes.id, noteSignedAt: notes.signedAt, noteCreatedAt: notes.createdAt })
    .from(clinicalPhotos)
    .innerJoin(users, eq(users.id, clinicalPhotos.uploadedBy))
    .leftJoin(notes, and(eq(notes.seriesId, clinicalPhotos.noteSeriesId), eq(notes.isCurrent, true)))
    .where(and(visible, options.noteSeriesId ? eq(clinicalPhotos.noteSeriesId, options.noteSeriesId) : undefined))
    .orderBy(asc(clinicalPhotos.bodySite), desc(clinicalPhotos.takenOn), desc(clinicalPhotos.uploadedAt));
  const scores = isPatient
    ? []
    : await db
        .select({ instrument: results.instrument, value: results.value, effectiveDate: results.effectiveDate })
        .from(results)
        .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true), eq(results.kind, 'score')));
  const skinScores = scores.filter((s) => s.instrument && isInstrumentId(s.instrument) && getInstrument(s.instrument).domain === 'skin' && s.value !== null);
  return rows.map(({ p, uploadedByName, uploaderRole, noteId, noteSignedAt, noteCreatedAt }) => {
    const nearest = skinScores.map((s) => ({ s, apart: Math.abs(daysBetween(s.effectiveDate, p.takenOn)) })).sort((a, b) => a.apart - b.apart)[0];
    return {
      id: p.id,
      bodySite: p.bodySite,
      site: bodySiteLabel(p.bodySite, p.bodySiteDetail),
      takenOn: p.takenOn,
      takenOnSource: p.takenOnSource,
      caption: p.caption,
      uploadedByName,
      uploadedByPatient: uploaderRole === 'patient',
      sharedWithPatient: p.sharedWithPatient,
      width: p.width,
      height: p.height,
      note: !isPatient && noteId && noteCreatedAt ? { id: noteId, date: (noteSignedAt ?? noteCreatedAt).toISOString().slice(0, 10) } : null,
      nearestScore:
        nearest && nearest.s.instrument && nearest.s.value !== null
          ? { label: isInstrumentId(nearest.s.instrument) ? getInstrument(nearest.s.instrument).label : nearest.s.instrument, value: nearest.s.value, effectiveDate: nearest.s.effectiveDate, daysApart: nearest.apart }
          : null,
    };
  });
}

/**
 * One rendition's bytes, for the image route: checked like the photo list (a patient only their own or shared
 * photos), and every view audited.
 */
export async function readPhotoRendition(actor: Actor, photoId: string, rendition: Rendition): Promise<{ contentType: string; bytes: Uint8Array }> {
  const db = getDb();
  const photo = await photoPatientOf(db, actor, photoId, 'photo.view');
  await authorizePatientAccess(db, actor, photo.patientId, 'clinical-read', { action: 'photo.view', entityType: 'photo', entityId: photoId, detail: { rendition }, recordAllowed: actor.role !== 'patient' });
  if (actor.role === 'patient') {
    const consent = await loadPhotoConsent(db, photo.patientId);
    const mayView = photo.uploadedBy === actor.userId || (photo.sharedWithPatient && consent?.shareWithPatient === true);
    await recordAudit(db, actor, [{ action: 'photo.view', outcome: mayView ? 'allowed' : 'denied', patientId: photo.patientId, entityType: 'photo', entityId: photoId, detail: mayView ? { rendition } : { reason: 'not-shared' } }]);
    if (!mayView) throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  const stored = await photoStorage.get(db, photoId, rendition);
  if (!stored) throw new ForbiddenError(NO_ACCESS_MESSAGE);
  return stored;
}
