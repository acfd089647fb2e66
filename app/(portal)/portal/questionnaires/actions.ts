'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/action-result';
import { requireActor } from '@/lib/auth/session';
import { submitQuestionnaire, type SubmitQuestionnaireOutcome } from '@/lib/questionnaires/mutations';

export type QuestionnaireActionState = SubmitQuestionnaireOutcome | { ok: false; error: string } | null;

/** The form posts `answer:<itemId>` radios; lib/questionnaires validates and scores them. */
export async function submitQuestionnaireAction(instrument: string, _prev: QuestionnaireActionState, form: FormData): Promise<QuestionnaireActionState> {
  const actor = await requireActor(['patient']);
  const answers: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('answer:') && typeof value === 'string') answers[key.slice('answer:'.length)] = value;
  }
  const outcome = await asActionResult(() => submitQuestionnaire(actor, { instrument, effectiveDate: form.get('effectiveDate'), answers }));
  if (outcome.ok) revalidatePath('/portal/questionnaires');
  return outcome;
}
