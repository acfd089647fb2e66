import 'server-only';
import { notFound } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor-types';
import { ForbiddenError } from '@/lib/errors';
import { getNote, type NoteDetail } from '@/lib/notes/queries';

/** The note, or the not-found page: unknown, foreign and other-patient notes look the same. */
export async function loadNoteOr404(actor: Actor, patientId: string, noteId: string): Promise<NoteDetail> {
  let detail: NoteDetail;
  try {
    detail = await getNote(actor, noteId);
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
  // A note id pasted under another patient's URL is not shown there.
  if (detail.patientId !== patientId) notFound();
  return detail;
}
