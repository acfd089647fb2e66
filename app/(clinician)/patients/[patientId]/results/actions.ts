'use server';

import { revalidatePath } from 'next/cache';
import { RESULT_KINDS } from '@/lib/results/result-kinds';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { idArgument, objectArgument, unstorableTextError } from '@/lib/platform/action-input';
import { correctResult, markResultReviewed, recordResult, type MarkReviewedOutcome, type RecordResultOutcome } from '@/lib/results/mutations';

// Thin on purpose: who may write, validation and the interpretation all live in lib/results. The
// forms send plain objects (a breath test is a nested grid, not a flat form), which lib/ parses.

export async function recordResultAction(patientId: string, kind: string, values: unknown): Promise<RecordResultOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(values);
  if (unstorable) return unstorable;
  if (!(RESULT_KINDS as readonly string[]).includes(kind)) return { ok: false, error: 'Unknown kind of result.' };
  patientId = idArgument(patientId);
  const outcome = await asActionResult(() => recordResult(actor, patientId, kind as (typeof RESULT_KINDS)[number], values));
  if (outcome.ok) revalidatePath(`/patients/${patientId}`);
  return outcome;
}

export async function correctResultAction(patientId: string, input: { resultId: string; expectedVersion: number; reason: string; values: unknown }): Promise<RecordResultOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  patientId = idArgument(patientId);
  const fields = objectArgument(input);
  const outcome = await asActionResult(() => correctResult(actor, { resultId: fields.resultId, expectedVersion: fields.expectedVersion, reason: fields.reason, values: fields.values }));
  if (outcome.ok) revalidatePath(`/patients/${patientId}`);
  return outcome;
}

export async function markReviewedAction(patientId: string, resultId: string, input?: unknown): Promise<MarkReviewedOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  patientId = idArgument(patientId);
  resultId = idArgument(resultId);
  const outcome = await asActionResult(() => markResultReviewed(actor, resultId, input === undefined ? {} : objectArgument(input)));
  if (outcome.ok) revalidatePath(`/patients/${patientId}`);
  return outcome;
}
