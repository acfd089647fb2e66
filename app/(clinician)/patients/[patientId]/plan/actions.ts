'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { idArgument, unstorableTextError } from '@/lib/platform/action-input';
import type { Actor } from '@/lib/platform/auth/actor-types';
import {
  acceptIntervention,
  addGoal,
  changeInterventionStatus,
  declineIntervention,
  proposeIntervention,
  updateGoal,
  updateIntervention,
  type CarePlanOutcome,
} from '@/lib/care-plans/mutations';
import { acceptProtocol, confirmVerdict, startProtocol, stopProtocol, updateChallenges, type ProtocolOutcome } from '@/lib/reintroduction/protocols';

// Thin on purpose: who may act, validation, guardrails and version checks all live in lib/care-plans.
// The patient id here only says which pages to refresh; lib/ finds the patient from the entry itself.

type InterventionOutcome = CarePlanOutcome<{ interventionId: string; version: number }>;
type GoalOutcome = CarePlanOutcome<{ goalId: string; version: number }>;

function refresh(unparsedPatientId: string) {
  const patientId = idArgument(unparsedPatientId);
  revalidatePath(`/patients/${patientId}`);
  revalidatePath(`/patients/${patientId}/plan`);
  revalidatePath(`/patients/${patientId}/timeline`);
}

async function run<R extends { ok: boolean }>(patientId: string, work: (actor: Actor) => Promise<R>, input: unknown): Promise<R | { ok: false; error: string }> {
  const actor = await requireActionActor(['clinician']);
  if ('error' in actor) return actor;
  const unstorable = unstorableTextError(input);
  if (unstorable) return unstorable;
  const outcome = await asActionResult(() => work(actor));
  if (outcome.ok) refresh(patientId);
  return outcome;
}

export async function proposeInterventionAction(patientId: string, values: unknown): Promise<InterventionOutcome> {
  return run(patientId, (actor) => proposeIntervention(actor, idArgument(patientId), values), values);
}

export async function updateInterventionAction(patientId: string, values: unknown): Promise<InterventionOutcome> {
  return run(patientId, (actor) => updateIntervention(actor, values), values);
}

export async function acceptInterventionAction(patientId: string, input: { interventionId: string; expectedVersion: number }): Promise<InterventionOutcome> {
  return run(patientId, (actor) => acceptIntervention(actor, input), input);
}

export async function declineInterventionAction(patientId: string, input: { interventionId: string; expectedVersion: number; reason: string }): Promise<InterventionOutcome> {
  return run(patientId, (actor) => declineIntervention(actor, input), input);
}

export async function changeInterventionStatusAction(patientId: string, input: { interventionId: string; expectedVersion: number; status: string; reason?: string; ppiLastDoseDate?: string }): Promise<InterventionOutcome> {
  return run(patientId, (actor) => changeInterventionStatus(actor, input), input);
}

export async function addGoalAction(patientId: string, values: unknown): Promise<GoalOutcome> {
  return run(patientId, (actor) => addGoal(actor, idArgument(patientId), values), values);
}

export async function updateGoalAction(patientId: string, values: unknown): Promise<GoalOutcome> {
  return run(patientId, (actor) => updateGoal(actor, values), values);
}

type ProtocolActionOutcome = ProtocolOutcome<{ protocolId: string; version: number; status: string }>;

export async function startProtocolAction(patientId: string, values: unknown): Promise<ProtocolActionOutcome> {
  return run(patientId, (actor) => startProtocol(actor, idArgument(patientId), values), values);
}

export async function acceptProtocolAction(patientId: string, input: { protocolId: string; expectedVersion: number }): Promise<ProtocolActionOutcome> {
  return run(patientId, (actor) => acceptProtocol(actor, input), input);
}

export async function stopProtocolAction(patientId: string, input: { protocolId: string; expectedVersion: number; reason: string }): Promise<ProtocolActionOutcome> {
  return run(patientId, (actor) => stopProtocol(actor, input), input);
}

export async function updateChallengesAction(patientId: string, input: unknown): Promise<ProtocolActionOutcome> {
  return run(patientId, (actor) => updateChallenges(actor, input), input);
}

export async function confirmVerdictAction(patientId: string, input: unknown): Promise<ProtocolActionOutcome> {
  return run(patientId, (actor) => confirmVerdict(actor, input), input);
}
