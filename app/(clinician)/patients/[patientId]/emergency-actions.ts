'use server';

import { redirect } from 'next/navigation';
import { isFormData } from '@/lib/platform/action-input';
import { requireActionActor } from '@/lib/platform/action-actor';
import { asActionResult } from '@/lib/platform/action-result';
import { endEmergencyAccess } from '@/lib/emergency-access/mutations';

export type EndEmergencyAccessState = { ok: false; error: string } | null;

/** The clinician is done: end their emergency access now and leave the record. */
export async function endEmergencyAccessAction(_prev: EndEmergencyAccessState, form: FormData): Promise<EndEmergencyAccessState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  // A forged call can send anything as the form; then there is no grant id, which lib/ refuses.
  const grantId = isFormData(form) ? form.get('grantId') : null;
  const result = await asActionResult(() => endEmergencyAccess(actor, grantId));
  if (result.ok) redirect('/patients');
  return { ok: false, error: result.error };
}
