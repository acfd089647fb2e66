'use server';

import { revalidatePath } from 'next/cache';
import { RESULT_KINDS } from '@/lib/results/result-kinds';
import { asActionResult } from '@/lib/action-result';
import { requireActor } from '@/lib/auth/session';
import { correctResult, markResultReviewed, recordResult, type RecordResultOutcome } from '@/lib/results/mutations';

// Thin on purpose: who may write, validation and the interpretation all live in lib/results. The
// forms send plain objects (a breath test is a nested grid, not a flat form), which lib/ parses.

export async function recordResultAction(patientId: string, kind: string, values: unknown): Promise<RecordResultOutcome> {
  const actor = await requireActor(['clinician']);
  if (!(RESULT_KINDS as readonly string[]).includes(kind)) return { ok: false, error: 'Unknown kind of result.' };
  const outcome = await asActionResult(() => recordResult(actor, patientId, kind as (typeof RESULT_KINDS)[number], values));
  if (outcome.ok) revalidatePath(`/patients/${patientId}`);
  return outcome;
}

export async function correctResultAction(patientId: string, input: { resultId: string; expectedVersion: number; reason: string; values: unknown }): Promise<RecordResultOutcome> {
  const actor = await requireActor(['clinician']);
  const outcome = await asActionResult(() => correctResult(actor, input));
  if (outcome.ok) revalidatePath(`/patients/${patientId}`);
  return outcome;
}

export async function markReviewedAction(patientId: string, resultId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const actor = await requireActor(['clinician']);
  const outcome = await asActionResult(() => markResultReviewed(actor, resultId));
  if (outcome.ok) revalidatePath(`/patients/${patientId}`);
  return outcome;
}
