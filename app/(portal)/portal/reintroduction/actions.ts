'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, formText, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { reportReaction, type ReactionOutcome } from '@/lib/reintroduction/protocols';

export type ReactionActionState = ReactionOutcome | { ok: false; error: string } | null;

/** "I reacted": thin on purpose; who may report and what is valid live in lib/reintroduction. */
export async function reportReactionAction(_prev: ReactionActionState, form: FormData): Promise<ReactionActionState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const text = (name: string) => formText(form, name);
  const outcome = await asActionResult(() =>
    reportReaction(actor, { occurredOn: text('occurredOn'), occurredTime: text('occurredTime'), symptom: text('symptom'), severity: text('severity'), gutOnly: text('gutOnly') === 'on', notes: text('notes') }),
  );
  if (outcome.ok) {
    revalidatePath('/portal/reintroduction');
    revalidatePath('/portal');
  }
  return outcome;
}
