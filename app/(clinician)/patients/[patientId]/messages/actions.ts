'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, idArgument, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import { newConversationFromForm, replyFromForm, taskFromForm } from '@/lib/messages/form-input';
import { messageToTask, replyToConversation, retractMessage, startConversation } from '@/lib/messages/mutations';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

// The care team's side of secure messaging. lib/messages checks care-team membership on every call.

export async function startConversationAction(patientId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const id = idArgument(patientId);
  const outcome = await asActionResult(() => startConversation(actor, id, newConversationFromForm(form)));
  if (!outcome.ok) return outcome;
  revalidatePath(`/patients/${id}/messages`);
  redirect(`/patients/${id}/messages/${outcome.data.conversationId}`);
}

export async function replyAction(conversationId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => replyToConversation(actor, idArgument(conversationId), replyFromForm(form)));
  if (outcome.ok) revalidatePath('/patients', 'layout');
  return outcome;
}

export async function retractAction(messageId: unknown, _prev: ComposerState, _form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const outcome = await asActionResult(() => retractMessage(actor, idArgument(messageId)));
  if (outcome.ok) revalidatePath('/patients', 'layout');
  return outcome;
}

export async function messageToTaskAction(messageId: unknown, _prev: ComposerState, form: FormData): Promise<ComposerState> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => messageToTask(actor, idArgument(messageId), taskFromForm(form)));
  if (outcome.ok) revalidatePath('/patients', 'layout');
  return outcome;
}
