'use server';

import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, formText as text, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import { uploadPhoto } from '@/lib/photos/mutations';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

// A patient sends their care team a photo (a flare between visits). lib/photos checks that it is their own
// record and that their consent to photographs is recorded.

export async function uploadMyPhotoAction(_prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  // A NUL in a text field cannot be stored: a clear refusal, not a database error (the file's bytes are not text).
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, error: 'Choose a photo to send.', fieldErrors: { file: ['Choose a photo to send.'] } };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const meta = { bodySite: text(form, 'bodySite'), bodySiteDetail: text(form, 'bodySiteDetail'), takenOn: text(form, 'takenOn'), caption: text(form, 'caption') };
  const outcome = await asActionResult(() => uploadPhoto(actor, actor.patientId ?? '', { bytes, meta }));
  if (outcome.ok) revalidatePath('/portal/photos');
  return outcome;
}
