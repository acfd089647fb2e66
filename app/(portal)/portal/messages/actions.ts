'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, idArgument, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import { newConversationFromForm, replyFromForm } from '@/lib/messages/form-input';
import { replyToConversation, retractMessage, startConversation } from '@/lib/messages/mutations';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

// The patient's side of secure messaging. lib/messages decides what they may do (their own record only).

export async function startConversationAction(_prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => startConversation(actor, actor.patientId ?? '', newConversationFromForm(form)));
  if (!outcome.ok) return outcome;
  revalidatePath('/portal/messages');
  redirect(`/portal/messages/${outcome.data.conversationId}`);
}

export async function replyAction(conversationId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const id = idArgument(conversationId);
  const outcome = await asActionResult(() => replyToConversation(actor, id, replyFromForm(form)));
  if (outcome.ok) revalidatePath(`/portal/messages/${id}`);
  return outcome;
}

export async function retractAction(messageId: unknown, conversationId: unknown, _prev: ComposerState, _form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['patient']);
  if ('error' in actor) return actor;
  const outcome = await asActionResult(() => retractMessage(actor, idArgument(messageId)));
  if (outcome.ok) revalidatePath(`/portal/messages/${idArgument(conversationId)}`);
  return outcome;
}
