import 'server-only';
import { notFound } from 'next/navigation';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { getNote, type NoteDetail } from '@/lib/notes/queries';
import { orNotFound } from '@/lib/ui/or-not-found';

/** The note, or the not-found page: unknown, foreign and other-patient notes look the same. */
export async function loadNoteOr404(actor: Actor, patientId: string, noteId: string): Promise<NoteDetail> {
  const detail = await orNotFound(getNote(actor, noteId));
  // A note id pasted under another patient's URL is not shown there.
  if (detail.patientId !== patientId) notFound();
  return detail;
}
