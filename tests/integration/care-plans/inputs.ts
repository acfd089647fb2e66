import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, carePlanChanges, carePlanInterventions } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { proposeIntervention } from '../../../lib/care-plans/mutations';

// Proposals as the plan page's form sends them, and small database helpers the care-plan tests
// share. Not a test file: vitest collects only *.test.ts.

export function eliminationDiet(ownerUserId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'diet',
    title: 'Gluten and sugar elimination',
    details: { phase: 'elimination', foods: ['gluten', 'sugar'], reintroductionDate: '2026-03-01' },
    ownerUserId,
    startDate: '2026-01-05',
    endDate: '',
    acknowledgedCautions: [],
    ...overrides,
  };
}

export function lgg(ownerUserId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'probiotic',
    title: 'Lacticaseibacillus rhamnosus GG',
    details: { genus: 'Lacticaseibacillus', species: 'rhamnosus', strain: 'GG', doseCfu: '10000000000', frequency: 'once daily' },
    ownerUserId,
    acknowledgedCautions: [],
    ...overrides,
  };
}

export function topical(ownerUserId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'topical',
    title: 'Tacrolimus 0.1% ointment',
    details: { drug: 'Tacrolimus 0.1% ointment', dose: 'thin layer', frequency: 'twice daily' },
    ownerUserId,
    startDate: '2026-01-05',
    acknowledgedCautions: [],
    ...overrides,
  };
}

/** Proposes and returns the new intervention's id, failing the test with the message otherwise. */
export async function proposeOk(actor: Actor, patientId: string, input: unknown): Promise<string> {
  const outcome = await proposeIntervention(actor, patientId, input);
  if (!outcome.ok) expect.fail(`proposal refused: ${outcome.error} ${JSON.stringify(outcome.fieldErrors ?? outcome.cautions ?? {})}`);
  return outcome.data.interventionId;
}

export async function interventionRow(id: string) {
  const [row] = await getDb().select().from(carePlanInterventions).where(eq(carePlanInterventions.id, id));
  if (!row) throw new Error(`no intervention ${id}`);
  return row;
}

export function changesOf(entityId: string) {
  return getDb().select().from(carePlanChanges).where(eq(carePlanChanges.entityId, entityId)).orderBy(asc(carePlanChanges.id));
}

export function auditFor(actor: Actor, action: string, outcome?: 'allowed' | 'denied') {
  const where = outcome
    ? and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action), eq(auditEvents.outcome, outcome))
    : and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action));
  return getDb().select().from(auditEvents).where(where).orderBy(auditEvents.id);
}
