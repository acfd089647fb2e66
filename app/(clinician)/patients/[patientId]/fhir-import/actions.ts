'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActionActor } from '@/lib/platform/action-actor';
import { idArgument, objectArgument, unstorableTextError } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import { previewFhirImport, saveFhirImport } from '@/lib/fhir/mutations';
import { toImportPreview, type ImportPreview } from '@/lib/fhir/preview';

// Thin on purpose: lib/fhir reads the bundle, checks access, maps and saves in one transaction. The
// save re-sends the bundle text, which the server reads again; the browser's preview is never trusted.

export async function previewFhirImportAction(patientId: string, text: unknown): Promise<{ ok: true; preview: ImportPreview } | { ok: false; error: string }> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(text);
  if (unstorable) return unstorable;
  patientId = idArgument(patientId);
  const outcome = await asActionResult(() => previewFhirImport(actor, patientId, text));
  return outcome.ok && 'plan' in outcome ? { ok: true, preview: toImportPreview(outcome.plan) } : { ok: false, error: 'error' in outcome ? outcome.error : 'The bundle could not be read.' };
}

export async function saveFhirImportAction(patientId: string, input: unknown): Promise<{ ok: false; error: string }> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  patientId = idArgument(patientId);
  const fields = objectArgument(input);
  const outcome = await asActionResult(() => saveFhirImport(actor, patientId, { text: fields.text, fingerprint: fields.fingerprint, confirmIdentity: fields.confirmIdentity }));
  if (!outcome.ok) return outcome;
  revalidatePath(`/patients/${patientId}`);
  // Documents alone land on the documents page; anything with results, on the record's results.
  redirect(outcome.resultIds.length === 0 && outcome.documentIds.length > 0 ? `/patients/${patientId}/documents` : `/patients/${patientId}?imported=${outcome.resultIds.length}#results`);
}
