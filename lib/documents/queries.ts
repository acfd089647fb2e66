import 'server-only';
import { and, desc, eq, ne } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { clinicalDocuments, results, users } from '@/db/schema';
import { authorizePatientAccess, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';
import { DOCUMENT_CATEGORIES, isDocumentCategory } from './categories';
import { documentOf, type DocumentRow } from './mutations';
import { documentStorage } from './storage';

// Reading kept documents. The care team (and an emergency grant, read-only) sees every document on the record;
// the patient sees the ones shared with them. Every list, every open and every download is audited.

export interface DocumentView {
  id: string;
  patientId: string;
  category: string;
  categoryLabel: string;
  title: string;
  documentDate: string;
  uploadedAt: string;
  uploadedByName: string;
  origin: 'upload' | 'fhir-import';
  byteSize: number;
  sharedWithPatient: boolean;
  /** The result it belongs to (its current version), when attached to one. */
  result: { id: string; title: string; effectiveDate: string } | null;
}

async function viewsOf(db: Executor, where: ReturnType<typeof and>): Promise<DocumentView[]> {
  const rows = await db
    .select({ d: clinicalDocuments, uploadedByName: users.name, resultId: results.id, resultTitle: results.title, resultDate: results.effectiveDate })
    .from(clinicalDocuments)
    .innerJoin(users, eq(users.id, clinicalDocuments.uploadedBy))
    .leftJoin(results, and(eq(results.seriesId, clinicalDocuments.resultSeriesId), eq(results.isCurrent, true)))
    .where(where)
    .orderBy(desc(clinicalDocuments.documentDate), desc(clinicalDocuments.uploadedAt));
  return rows.map(({ d, uploadedByName, resultId, resultTitle, resultDate }) => viewOf(d, uploadedByName, resultId && resultTitle && resultDate ? { id: resultId, title: resultTitle, effectiveDate: resultDate } : null));
}

function viewOf(d: DocumentRow, uploadedByName: string, result: DocumentView['result']): DocumentView {
  return {
    id: d.id,
    patientId: d.patientId,
    category: d.category,
    categoryLabel: isDocumentCategory(d.category) ? DOCUMENT_CATEGORIES[d.category] : d.category,
    title: d.title,
    documentDate: d.documentDate,
    uploadedAt: d.uploadedAt.toISOString(),
    uploadedByName,
    origin: d.origin,
    byteSize: d.byteSize,
    sharedWithPatient: d.sharedWithPatient,
    result,
  };
}

/** The record's documents, newest first; for one result only when resultSeriesId is given. */
export async function listDocuments(actor: Actor, patientId: string, options: { resultSeriesId?: string } = {}): Promise<DocumentView[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'document.list', detail: options.resultSeriesId ? { resultSeriesId: options.resultSeriesId } : undefined });
  return viewsOf(
    db,
    and(
      eq(clinicalDocuments.patientId, patientId),
      actor.role === 'patient' ? eq(clinicalDocuments.sharedWithPatient, true) : undefined,
      options.resultSeriesId ? eq(clinicalDocuments.resultSeriesId, options.resultSeriesId) : undefined,
    ),
  );
}

/** Checks that the actor may see this document (a patient: only shared ones), auditing the outcome either way. */
async function authorizeDocument(db: Executor, actor: Actor, documentId: string, action: string, detail?: Record<string, unknown>): Promise<DocumentRow> {
  const row = await documentOf(db, actor, documentId, action);
  await authorizePatientAccess(db, actor, row.patientId, 'clinical-read', { action, entityType: 'document', entityId: documentId, detail, recordAllowed: actor.role !== 'patient' });
  if (actor.role === 'patient') {
    await recordAudit(db, actor, [{ action, outcome: row.sharedWithPatient ? 'allowed' : 'denied', patientId: row.patientId, entityType: 'document', entityId: documentId, detail: row.sharedWithPatient ? detail : { reason: 'not-shared' } }]);
    if (!row.sharedWithPatient) throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  return row;
}

/** One document's details, for its page. */
export async function getDocument(actor: Actor, documentId: string): Promise<DocumentView> {
  const db = getDb();
  const row = await authorizeDocument(db, actor, documentId, 'document.read');
  const [view] = await viewsOf(db, eq(clinicalDocuments.id, row.id));
  if (!view) throw new ForbiddenError(NO_ACCESS_MESSAGE);
  return view;
}

/** The PDF's bytes, for the file route: 'view' when the viewer draws it, 'download' when it is saved. */
export async function readDocumentContent(actor: Actor, documentId: string, purpose: 'view' | 'download'): Promise<{ title: string; bytes: Uint8Array }> {
  const db = getDb();
  const row = await authorizeDocument(db, actor, documentId, purpose === 'view' ? 'document.view' : 'document.download');
  const bytes = await documentStorage.get(db, documentId);
  if (!bytes) throw new ForbiddenError(NO_ACCESS_MESSAGE);
  return { title: row.title, bytes };
}

/** The record's current lab results (not scores), for "belongs to a result" on the upload form. */
export async function listResultChoices(actor: Actor, patientId: string): Promise<{ seriesId: string; title: string; effectiveDate: string }[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'document.result-choices' });
  return db
    .select({ seriesId: results.seriesId, title: results.title, effectiveDate: results.effectiveDate })
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true), ne(results.kind, 'score')))
    .orderBy(desc(results.effectiveDate), desc(results.enteredAt));
}
