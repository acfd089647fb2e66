import 'server-only';
import { and, eq, like, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { conditions, patients, results } from '@/db/schema';
import { foodAllergyFlags, type FoodAllergyFlag } from '@/lib/clinical/food-panels/allergy-flags';
import { sameFood } from '@/lib/clinical/reintroduction/foods';
import { checkChallengeSafety, type ChallengeRiskFactor } from '@/lib/clinical/reintroduction/safety';
import type { FieldErrors } from '@/lib/platform/errors';
import { formatDate } from '@/lib/ui/format';
import { ageInYears } from '@/lib/patients/caseload-query';

// A diet that brings foods back at home (a reintroduction phase, or an elimination with a planned
// reintroduction date) is refused for any food Axis must not let the patient reintroduce at home
// (DOMAIN.md §10.4, lib/clinical/reintroduction/safety.ts): it needs a supervised oral food challenge.

interface DietValues {
  kind: string;
  details: unknown;
}

/** The foods this diet brings back at home, or none. */
function foodsReintroducedAtHome(v: DietValues): string[] {
  if (v.kind !== 'diet' || typeof v.details !== 'object' || v.details === null) return [];
  const d = v.details as { phase?: unknown; foods?: unknown; reintroductionDate?: unknown };
  const foods = Array.isArray(d.foods) ? d.foods.filter((f): f is string => typeof f === 'string' && f.trim().length > 0) : [];
  if (d.phase === 'reintroduction') return foods;
  if (d.phase === 'elimination' && typeof d.reintroductionDate === 'string' && d.reintroductionDate.trim()) return foods;
  return [];
}

/** What the at-home challenge rule needs to know about a patient, read from the record (DOMAIN.md §10.4). */
export interface ChallengeSafetyFacts {
  ageYears: number;
  atopicDermatitis: boolean;
  flags: FoodAllergyFlag[];
}

/** Reads the patient's age, active atopic dermatitis and food-panel allergy flags; null for an unknown patient. */
export async function challengeSafetyFacts(tx: Executor, patientId: string): Promise<ChallengeSafetyFacts | null> {
  const [[patient], ad, panels] = await Promise.all([
    tx.select({ dateOfBirth: patients.dateOfBirth }).from(patients).where(eq(patients.id, patientId)),
    tx
      .select({ code: conditions.code })
      .from(conditions)
      .where(and(eq(conditions.patientId, patientId), like(conditions.code, 'L20%'), or(eq(conditions.clinicalStatus, 'active'), eq(conditions.clinicalStatus, 'recurrence'), eq(conditions.clinicalStatus, 'relapse'))))
      .limit(1),
    tx
      .select({ resultId: results.id, effectiveDate: results.effectiveDate, interpretation: results.interpretation })
      .from(results)
      .where(and(eq(results.patientId, patientId), eq(results.kind, 'food_panel'), eq(results.isCurrent, true))),
  ]);
  if (!patient) return null;
  return { ageYears: ageInYears(patient.dateOfBirth), atopicDermatitis: ad.length > 0, flags: foodAllergyFlags(panels) };
}

/**
 * Why `food` cannot be brought back at home, in one message naming the recorded result, or null when an
 * at-home challenge is allowed.
 */
export function atHomeRefusalFor(facts: ChallengeSafetyFacts, food: string, riskFactors: readonly ChallengeRiskFactor[] = []): { message: string; reasons: string[] } | null {
  const verdict = checkChallengeSafety({
    food,
    ageYears: facts.ageYears,
    atopicDermatitis: facts.atopicDermatitis,
    sensitisedFoods: facts.flags.filter((f) => f.method !== 'elimination_rechallenge').map((f) => ({ food: f.food, method: f.method === 'skin_prick' ? 'skin_prick' : 'specific_ige' })),
    immediateReactionFoods: facts.flags.filter((f) => f.method === 'elimination_rechallenge').map((f) => f.food),
    riskFactors,
  });
  if (verdict.atHomeAllowed) return null;
  // The result behind a sensitisation, so the clinician can open it.
  const flag = facts.flags.find((f) => sameFood(f.food, food));
  const basis = flag ? ` Recorded: ${flag.food}, ${flag.basis}, ${formatDate(flag.effectiveDate)}.` : '';
  return { message: `${food} cannot be brought back at home. ${verdict.reasons.join(' ')}${basis} It needs a supervised oral food challenge: refer to an allergist, and keep it out meanwhile.`, reasons: verdict.reasons };
}

/** The refusal for a diet that would reintroduce an unsafe food at home, or null when it may be saved. */
export async function atHomeReintroductionRefusal(tx: Executor, patientId: string, v: DietValues): Promise<{ error: string; fieldErrors: FieldErrors } | null> {
  const foods = foodsReintroducedAtHome(v);
  if (foods.length === 0) return null;
  const facts = await challengeSafetyFacts(tx, patientId);
  if (!facts) return null;
  const refusals = foods.map((food) => atHomeRefusalFor(facts, food)?.message).filter((m): m is string => Boolean(m));
  if (refusals.length === 0) return null;
  return {
    error: 'An at-home reintroduction was refused for safety. Nothing was saved.',
    fieldErrors: { 'details.foods': refusals },
  };
}
