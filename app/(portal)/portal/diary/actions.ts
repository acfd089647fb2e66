'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/action-result';
import { requireActor } from '@/lib/auth/session';
import { addDiaryEntry, type AddDiaryEntryOutcome } from '@/lib/diary/mutations';
import { diaryInputFromForm } from '@/lib/diary/schema';

export type DiaryActionState = AddDiaryEntryOutcome | { ok: false; error: string } | null;

export async function addDiaryEntryAction(_prev: DiaryActionState, form: FormData): Promise<DiaryActionState> {
  const actor = await requireActor(['patient']);
  const outcome = await asActionResult(() => addDiaryEntry(actor, diaryInputFromForm(form)));
  if (outcome.ok) revalidatePath('/portal/diary');
  return outcome;
}
