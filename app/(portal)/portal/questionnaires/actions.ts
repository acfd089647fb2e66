'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { submitQuestionnaire, type SubmitQuestionnaireOutcome } from '@/lib/questionnaires/mutations';

export type QuestionnaireActionState = SubmitQuestionnaireOutcome | { ok: false; error: string } | null;

/** The form posts `answer:<itemId>` radios; lib/questionnaires validates and scores them. */
export async function submitQuestionnaireAction(instrument: string, _prev: QuestionnaireActionState, form: FormData): Promise<QuestionnaireActionState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const answers: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('answer:') && typeof value === 'string') answers[key.slice('answer:'.length)] = value;
  }
  const outcome = await asActionResult(() => submitQuestionnaire(actor, { instrument, effectiveDate: form.get('effectiveDate'), answers }));
  if (outcome.ok) revalidatePath('/portal/questionnaires');
  return outcome;
}
