import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { clinicalDocuments, results } from '@/db/schema';
import { authorizePatientAccess, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { clinicToday } from '@/lib/platform/clinic-time';
import { inTransaction } from '@/lib/platform/db/transaction';
import { ForbiddenError, fieldErrorsOf, type FieldErrors } from '@/lib/platform/errors';
import type { DocumentCategory } from './categories';
import { checkPdf } from './pdf';
import { documentMetaSchema } from './schema';
import { documentStorage } from './storage';
import { isUuid } from '@/lib/platform/ids';

// Keeping documents with the record. Clinicians on the care team attach them ('clinical-write'); a document is
// never edited or deleted, only shared with the patient or not. Every refusal leaves nothing stored.

export type DocumentOutcome<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A document ready to store: its bytes already passed checkPdf, and sha256 is theirs (sha256Hex). */
export interface DocumentToStore {
  category: DocumentCategory;
  title: string;
  documentDate: string;
  resultSeriesId: string | null;
  origin: 'upload' | 'fhir-import';
  bytes: Uint8Array;
  sha256: string;
}

/** Writes documents inside the caller's transaction, with one audit event each. No access check: callers check. */
export async function storeDocuments(tx: Executor, actor: Actor, patientId: string, documents: DocumentToStore[], now = new Date()): Promise<string[]> {
  const ids: string[] = [];
  for (const d of documents) {
    const { sha256 } = d;
    const [row] = await tx
      .insert(clinicalDocuments)
      .values({ patientId, category: d.category, title: d.title, documentDate: d.documentDate, resultSeriesId: d.resultSeriesId, uploadedBy: actor.userId, uploadedAt: now, origin: d.origin, contentType: 'application/pdf', byteSize: d.bytes.byteLength, sha256 })
      .returning({ id: clinicalDocuments.id });
    if (!row) throw new Error('document insert returned no row');
    await documentStorage.put(tx, row.id, d.bytes);
    await recordAudit(tx, actor, [{ action: 'document.upload', outcome: 'allowed', patientId, entityType: 'document', entityId: row.id, detail: { category: d.category, origin: d.origin, bytes: d.bytes.byteLength, sha256 } }]);
    ids.push(row.id);
  }
  return ids;
}

/** The current result of this patient with this series id, or null. */
async function resultOfPatient(db: Executor, patientId: string, seriesId: string): Promise<{ seriesId: string; effectiveDate: string } | null> {
  const [row] = await db
    .select({ seriesId: results.seriesId, effectiveDate: results.effectiveDate })
    .from(results)
    .where(and(eq(results.seriesId, seriesId), eq(results.patientId, patientId), eq(results.isCurrent, true)));
  return row ?? null;
}

/**
 * Attaches one PDF to the record (and, optionally, to one of its results). Refused, with nothing stored, for a
 * file that is not a PDF Axis keeps (lib/documents/pdf.ts), for invalid details, or for a PDF already attached.
 */
export async function uploadDocument(actor: Actor, patientId: string, input: { bytes: Uint8Array; meta: unknown }, now = new Date()): Promise<DocumentOutcome<{ documentId: string }>> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'document.upload', recordAllowed: false });
  const parsed = documentMetaSchema.safeParse(input.meta);
  if (!parsed.success) return { ok: false, error: 'Some details need correcting. The document was not saved.', fieldErrors: fieldErrorsOf(parsed.error) };
  const meta = parsed.data;
  const today = clinicToday(now);
  if (meta.documentDate && meta.documentDate > today) return { ok: false, error: 'The document date cannot be in the future.', fieldErrors: { documentDate: ['The document date cannot be in the future.'] } };
  const result = meta.resultSeriesId ? await resultOfPatient(db, patientId, meta.resultSeriesId) : null;
  if (meta.resultSeriesId && !result) {
    return { ok: false, error: 'Choose a result from this patient’s record.', fieldErrors: { resultSeriesId: ['Choose a result from this patient’s record.'] } };
  }
  const check = checkPdf(input.bytes);
  if (!check.ok) {
    await recordAudit(db, actor, [{ action: 'document.upload', outcome: 'denied', patientId, entityType: 'patient', entityId: patientId, detail: { reason: 'not-accepted', bytes: input.bytes.byteLength } }]);
    return { ok: false, error: check.error, fieldErrors: { file: [check.error] } };
  }
  const sha256 = sha256Hex(input.bytes);
  const [duplicate] = await db
    .select({ title: clinicalDocuments.title })
    .from(clinicalDocuments)
    .where(and(eq(clinicalDocuments.patientId, patientId), eq(clinicalDocuments.sha256, sha256)));
  if (duplicate) return { ok: false, error: `This PDF is already on the record as “${duplicate.title}”, so it was not added twice.`, fieldErrors: { file: ['Already on the record.'] } };
  const [documentId] = await inTransaction((tx) =>
    storeDocuments(tx, actor, patientId, [{ category: meta.category, title: meta.title, documentDate: meta.documentDate ?? result?.effectiveDate ?? today, resultSeriesId: meta.resultSeriesId ?? null, origin: 'upload', bytes: input.bytes, sha256 }], now),
  );
  if (!documentId) throw new Error('document was not stored');
  return { ok: true, data: { documentId } };
}

/** Shares a document with the patient in the portal, or stops sharing it. */
export async function setDocumentShared(actor: Actor, documentId: string, shared: boolean): Promise<DocumentOutcome<{ documentId: string }>> {
  const db = getDb();
  const { patientId } = await documentOf(db, actor, documentId, 'document.share');
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'document.share', entityType: 'document', entityId: documentId, recordAllowed: false });
  await inTransaction(async (tx) => {
    await tx.update(clinicalDocuments).set({ sharedWithPatient: shared }).where(eq(clinicalDocuments.id, documentId));
    await recordAudit(tx, actor, [{ action: shared ? 'document.share' : 'document.unshare', outcome: 'allowed', patientId, entityType: 'document', entityId: documentId }]);
  });
  return { ok: true, data: { documentId } };
}

export type DocumentRow = typeof clinicalDocuments.$inferSelect;

/** A document's row; an unknown id is refused and audited exactly like another patient's document. */
export async function documentOf(db: Executor, actor: Actor, documentId: string, action: string): Promise<DocumentRow> {
  const [row] = isUuid(documentId) ? await db.select().from(clinicalDocuments).where(eq(clinicalDocuments.id, documentId)) : [];
  if (!row) {
    await recordAudit(getDb(), actor, [{ action, outcome: 'denied', entityType: 'document', entityId: documentId.slice(0, 64), detail: { reason: 'document-not-found' } }]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  return row;
}
