'use server';

import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/platform/action-actor';
import { formText as text, uploadedFile } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import { uploadPhoto } from '@/lib/photos/mutations';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

// A patient sends their care team a photo (a flare between visits). lib/photos checks that it is their own
// record and that their consent to photographs is recorded.

export async function uploadMyPhotoAction(_prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  const upload = await uploadedFile(form, 'Choose a photo to send.');
  if (!upload.ok) return upload;
  const { bytes } = upload;
  const meta = { bodySite: text(form, 'bodySite'), bodySiteDetail: text(form, 'bodySiteDetail'), takenOn: text(form, 'takenOn'), caption: text(form, 'caption') };
  const outcome = await asActionResult(() => uploadPhoto(actor, actor.patientId ?? '', { bytes, meta }));
  if (outcome.ok) revalidatePath('/portal/photos');
  return outcome;
}
