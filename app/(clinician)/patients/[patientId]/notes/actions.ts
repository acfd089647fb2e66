'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { idArgument, unstorableTextError } from '@/lib/platform/action-input';
import { amendNote, completeTask, reviseDraft, saveNote, signNote, type NoteOutcome } from '@/lib/notes/mutations';

// Thin on purpose: who may write, validation, locking and conflicts all live in lib/notes.

function refresh(unparsedPatientId: string) {
  const patientId = idArgument(unparsedPatientId);
  revalidatePath(`/patients/${patientId}`);
  revalidatePath('/patients');
}

export async function saveNoteAction(patientId: string, input: unknown): Promise<NoteOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => saveNote(actor, idArgument(patientId), input));
  if (outcome.ok) refresh(patientId);
  return outcome;
}

export async function reviseDraftAction(patientId: string, input: unknown): Promise<NoteOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => reviseDraft(actor, input));
  if (outcome.ok) refresh(patientId);
  return outcome;
}

export async function signNoteAction(patientId: string, input: { noteId: string; expectedVersion: number }): Promise<NoteOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => signNote(actor, input));
  if (outcome.ok) refresh(patientId);
  return outcome;
}

export async function amendNoteAction(patientId: string, input: unknown): Promise<NoteOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => amendNote(actor, input));
  if (outcome.ok) refresh(patientId);
  return outcome;
}

export async function completeTaskAction(taskId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const outcome = await asActionResult(() => completeTask(actor, idArgument(taskId)));
  if (outcome.ok) revalidatePath('/patients', 'layout');
  return outcome;
}
