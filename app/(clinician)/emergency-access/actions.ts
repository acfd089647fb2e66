'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/lib/platform/action-actor';
import { asActionResult } from '@/lib/platform/action-result';
import { FORM_UNREADABLE, formText as text, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { requestEmergencyAccess } from '@/lib/emergency-access/mutations';
import type { FieldErrors } from '@/lib/platform/errors';

export type EmergencyAccessFormState = { ok: false; error: string; fieldErrors?: FieldErrors; values: Record<string, string> } | null;

/** Break the glass, then open the record; on failure everything typed comes back to the form. */
export async function requestEmergencyAccessAction(_prev: EmergencyAccessFormState, form: FormData): Promise<EmergencyAccessFormState> {
  const actor = await requireActionActor(['clinician']);
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE, values: {} };
  const values = { mrn: text(form, 'mrn'), patientId: text(form, 'patientId'), reasonCategory: text(form, 'reasonCategory'), reason: text(form, 'reason') };
  // During a database outage the form comes back with what was typed, like every other refusal.
  if ('error' in actor) return { ...actor, values };
  const unstorable = unstorableTextError(form);
  if (unstorable) return { ...unstorable, values: {} };
  const result = await asActionResult(() => requestEmergencyAccess(actor, values));
  if (result.ok) redirect(`/patients/${result.data.patientId}`);
  return { ok: false, error: result.error, fieldErrors: 'fieldErrors' in result ? result.fieldErrors : undefined, values };
}
