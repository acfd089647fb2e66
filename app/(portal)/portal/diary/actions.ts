'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { addDiaryEntry, type AddDiaryEntryOutcome } from '@/lib/diary/mutations';
import { diaryInputFromForm } from '@/lib/diary/schema';

export type DiaryActionState = AddDiaryEntryOutcome | { ok: false; error: string } | null;

export async function addDiaryEntryAction(_prev: DiaryActionState, form: FormData): Promise<DiaryActionState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => addDiaryEntry(actor, diaryInputFromForm(form)));
  if (outcome.ok) revalidatePath('/portal/diary');
  return outcome;
}
