'use server';

import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, formText as text, idArgument, isFormData, uploadedFile } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import { recordPhotoConsent, setPhotoShared, uploadPhoto } from '@/lib/photos/mutations';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

// Clinical photos on the care team's side. lib/photos checks care-team membership and consent on every call.

export async function uploadPhotoAction(patientId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const upload = await uploadedFile(form, 'Choose a photo to upload.');
  if (!upload.ok) return upload;
  const { bytes } = upload;
  const id = idArgument(patientId);
  const meta = { bodySite: text(form, 'bodySite'), bodySiteDetail: text(form, 'bodySiteDetail'), takenOn: text(form, 'takenOn'), caption: text(form, 'caption'), scoreResultId: text(form, 'scoreResultId'), noteSeriesId: text(form, 'noteSeriesId') };
  const outcome = await asActionResult(() => uploadPhoto(actor, id, { bytes, meta }));
  if (outcome.ok) revalidatePath(`/patients/${id}/photos`);
  return outcome;
}

export async function recordPhotoConsentAction(patientId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const id = idArgument(patientId);
  const outcome = await asActionResult(() => recordPhotoConsent(actor, id, { clinicalRecord: text(form, 'clinicalRecord'), shareWithPatient: text(form, 'shareWithPatient'), teaching: text(form, 'teaching') }));
  if (outcome.ok) revalidatePath(`/patients/${id}/photos`);
  return outcome;
}

export async function setPhotoSharedAction(photoId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const shared = text(form, 'shared');
  if (shared !== 'yes' && shared !== 'no') return { ok: false, error: 'Choose whether to share the photo.' };
  const outcome = await asActionResult(() => setPhotoShared(actor, idArgument(photoId), shared === 'yes'));
  if (outcome.ok) revalidatePath('/patients', 'layout');
  return outcome;
}
