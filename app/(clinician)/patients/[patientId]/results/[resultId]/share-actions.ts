'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { idArgument, unstorableTextError } from '@/lib/platform/action-input';
import { shareResult, unshareResult, type ShareOutcome } from '@/lib/results/sharing';

// Thin on purpose: who may share, validation and the audit trail live in lib/results/sharing.ts.

export async function shareResultAction(patientId: string, resultId: string, messageToPatient: string): Promise<ShareOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(messageToPatient);
  if (unstorable) return unstorable;
  patientId = idArgument(patientId);
  resultId = idArgument(resultId);
  const outcome = await asActionResult(() => shareResult(actor, resultId, { messageToPatient }));
  if (outcome.ok) revalidatePath(`/patients/${patientId}/results/${resultId}`);
  return outcome;
}

export async function unshareResultAction(patientId: string, resultId: string): Promise<ShareOutcome> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  patientId = idArgument(patientId);
  resultId = idArgument(resultId);
  const outcome = await asActionResult(() => unshareResult(actor, resultId));
  if (outcome.ok) revalidatePath(`/patients/${patientId}/results/${resultId}`);
  return outcome;
}
