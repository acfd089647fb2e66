import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { patients, results } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordResultsBatch } from '@/lib/results/mutations';
import { planBundleImport, resultKey, type ImportPlan } from './import-mapping';

export type FhirImportPreview = { ok: true; plan: ImportPlan } | { ok: false; error: string };
export type FhirImportSaved = { ok: true; resultIds: string[] } | { ok: false; error: string };

/** What the bundle is checked against: the patient's MRN and the results already on the record. Call after the access check. */
async function importTarget(patientId: string): Promise<{ mrn: string; dateOfBirth: string; existing: Set<string> }> {
  const db = getDb();
  const [p] = await db.select({ mrn: patients.mrn, dateOfBirth: patients.dateOfBirth }).from(patients).where(eq(patients.id, patientId));
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  const current = await db
    .select({ kind: results.kind, data: results.data })
    .from(results)
    .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true)));
  return { mrn: p.mrn, dateOfBirth: p.dateOfBirth, existing: new Set(current.map((r) => resultKey(r.kind, r.data))) };
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
  const outcome = planBundleImport(parsed.data.text, await importTarget(patientId));
  if (!outcome.ok) return outcome;
  const { plan } = outcome;
  if (plan.fingerprint !== parsed.data.fingerprint) return { ok: false, error: 'The bundle is not the one you previewed. Preview it again before saving; nothing was saved.' };
  if (plan.candidates.length === 0) return { ok: false, error: 'Nothing in this bundle can be imported, so nothing was saved.' };
  const mismatched = plan.candidates.filter((c) => c.identityMismatch !== null);
  if (mismatched.length > 0 && !parsed.data.confirmIdentity) {
    return {
      ok: false,
      error: `${mismatched.length} result(s) are marked in the bundle for a different patient identifier. Confirm they belong to this patient, or import a bundle for this patient; nothing was saved.`,
    };
  }
  const saved = await recordResultsBatch(
    actor,
    patientId,
    plan.candidates.map((c) => ({ kind: c.kind, input: c.input })),
    {
      source: 'fhir-import',
      audit: { action: 'fhir.import', detail: { fingerprint: plan.fingerprint, imported: plan.candidates.length, notImported: plan.notImported.length, identityConfirmed: mismatched.length > 0 } },
    },
  );
  if (!saved.ok) return { ok: false, error: saved.error };
  return { ok: true, resultIds: saved.data.resultIds };
}
