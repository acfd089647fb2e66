import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { clinicalDocuments, patients, results } from '@/db/schema';
import { storeDocuments } from '@/lib/documents/mutations';
import { inTransaction } from '@/lib/platform/db/transaction';
import { recordAudit } from '@/lib/platform/audit/record';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordResultsBatch } from '@/lib/results/mutations';
import { planBundleImport, resultKey, type ImportPlan } from './import-mapping';

export type FhirImportPreview = { ok: true; plan: ImportPlan } | { ok: false; error: string };
export type FhirImportSaved = { ok: true; resultIds: string[]; documentIds: string[] } | { ok: false; error: string };

/** What the bundle is checked against: the patient's MRN and the results already on the record. Call after the access check. */
async function importTarget(patientId: string): Promise<{ mrn: string; dateOfBirth: string; existing: Set<string>; existingDocuments: Map<string, string> }> {
  const db = getDb();
  const [p] = await db.select({ mrn: patients.mrn, dateOfBirth: patients.dateOfBirth }).from(patients).where(eq(patients.id, patientId));
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  const current = await db
    .select({ kind: results.kind, data: results.data })
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true)));
  const documents = await db.select({ sha256: clinicalDocuments.sha256, title: clinicalDocuments.title }).from(clinicalDocuments).where(eq(clinicalDocuments.patientId, patientId));
  return { mrn: p.mrn, dateOfBirth: p.dateOfBirth, existing: new Set(current.map((r) => resultKey(r.kind, r.data))), existingDocuments: new Map(documents.map((d) => [d.sha256, d.title])) };
}

// The size is checked in bytes by planBundleImport, with the same message the browser shows.
const textSchema = z.string({ error: 'Choose a FHIR Bundle file or paste its JSON.' });

/**
 * Reads an uploaded lab Bundle for the patient and says what would be created and what would not
 * (and why). Saves nothing. Only clinicians who could enter results by hand may import them.
 */
export async function previewFhirImport(actor: Actor, patientId: string, text: unknown): Promise<FhirImportPreview> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'fhir.import.preview' });
  const parsed = textSchema.safeParse(text);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'The upload could not be read.' };
  return planBundleImport(parsed.data, await importTarget(patientId));
}

const saveSchema = z.object({
  text: textSchema,
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'The preview is missing; preview the bundle again.'),
  confirmIdentity: z.boolean().default(false),
});

/**
 * Saves what the preview showed. The bundle text is sent again and re-read here (never a client's
 * copy of the mapped results), must be the one previewed (same fingerprint), and every result is
 * saved in one transaction through the same kind rules as manual entry, or none is.
 */
export async function saveFhirImport(actor: Actor, patientId: string, input: { text: unknown; fingerprint: unknown; confirmIdentity?: unknown }): Promise<FhirImportSaved> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-write', { action: 'fhir.import', recordAllowed: false });
  const parsed = saveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'The import could not be read.' };
  const outcome = planBundleImport(parsed.data.text, await importTarget(patientId), new Date(), { withDocumentBytes: true });
  if (!outcome.ok) return outcome;
  const { plan } = outcome;
  if (plan.fingerprint !== parsed.data.fingerprint) return { ok: false, error: 'The bundle is not the one you previewed. Preview it again before saving; nothing was saved.' };
  if (plan.candidates.length === 0 && plan.documents.length === 0) return { ok: false, error: 'Nothing in this bundle can be imported, so nothing was saved.' };
  const mismatched = [...plan.candidates, ...plan.documents].filter((c) => c.identityMismatch !== null);
  if (mismatched.length > 0 && !parsed.data.confirmIdentity) {
    return {
      ok: false,
      error: `${mismatched.length} item(s) are marked in the bundle for a different patient identifier. Confirm they belong to this patient, or import a bundle for this patient; nothing was saved.`,
    };
  }
  const auditDetail = { fingerprint: plan.fingerprint, imported: plan.candidates.length, documents: plan.documents.length, notImported: plan.notImported.length, identityConfirmed: mismatched.length > 0 };
  /** The documents, in the same transaction as the results: linked to the imported result they name. */
  const storeImportedDocuments = async (tx: Executor, savedResults: { seriesId: string }[]): Promise<string[]> => {
    // The results were saved in the plan's order, so candidate i is saved result i.
    const seriesOf = new Map(plan.candidates.flatMap((c, i) => (savedResults[i] ? [[c.key, savedResults[i].seriesId] as const] : [])));
    return storeDocuments(
      tx,
      actor,
      patientId,
      plan.documents.map((d) => {
        if (!d.bytes) throw new Error('the save plan carries every document’s bytes');
        return { category: d.category, title: d.title, documentDate: d.documentDate, resultSeriesId: d.relatedCandidateKey ? (seriesOf.get(d.relatedCandidateKey) ?? null) : null, origin: 'fhir-import' as const, bytes: d.bytes, sha256: d.sha256 };
      }),
    );
  };
  if (plan.candidates.length === 0) {
    const documentIds = await inTransaction(async (tx) => {
      const ids = await storeImportedDocuments(tx, []);
      await recordAudit(tx, actor, [{ action: 'fhir.import', outcome: 'allowed', patientId, entityType: 'patient', entityId: patientId, detail: { ...auditDetail, documentIds: ids } }]);
      return ids;
    });
    return { ok: true, resultIds: [], documentIds };
  }
  let documentIds: string[] = [];
  const saved = await recordResultsBatch(
    actor,
    patientId,
    plan.candidates.map((c) => ({ kind: c.kind, input: c.input })),
    {
      source: 'fhir-import',
      audit: { action: 'fhir.import', detail: auditDetail },
      within: async (tx, savedResults) => {
        documentIds = await storeImportedDocuments(tx, savedResults);
      },
    },
  );
  if (!saved.ok) return { ok: false, error: saved.error };
  return { ok: true, resultIds: saved.data.resultIds, documentIds };
}
