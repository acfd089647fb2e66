'use server';

import { revalidatePath } from 'next/cache';
import { setDocumentShared, uploadDocument } from '@/lib/documents/mutations';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, formText as text, idArgument, isFormData, uploadedFile } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

// Documents on the care team's side. lib/documents checks care-team membership and the file on every call.

export async function uploadDocumentAction(patientId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const upload = await uploadedFile(form, 'Choose a PDF to attach.');
  if (!upload.ok) return upload;
  const { bytes } = upload;
  const id = idArgument(patientId);
  const meta = { category: text(form, 'category'), title: text(form, 'title'), documentDate: text(form, 'documentDate'), resultSeriesId: text(form, 'resultSeriesId') };
  const outcome = await asActionResult(() => uploadDocument(actor, id, { bytes, meta }));
  if (outcome.ok) revalidatePath(`/patients/${id}`, 'layout');
  return outcome;
}

export async function setDocumentSharedAction(documentId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const shared = text(form, 'shared');
  if (shared !== 'yes' && shared !== 'no') return { ok: false, error: 'Choose whether to share the document.' };
  const outcome = await asActionResult(() => setDocumentShared(actor, idArgument(documentId), shared === 'yes'));
  if (outcome.ok) revalidatePath('/patients', 'layout');
  return outcome;
}
