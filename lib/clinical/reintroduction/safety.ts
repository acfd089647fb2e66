// When Axis must refuse an at-home reintroduction and route the patient to a supervised oral food
// challenge (DOMAIN.md §10.4), and the nutrition prompts an elimination needs (§10.2). Pure.

import { foodGroupOf, sameFood } from './foods';

/** What Axis knows about the patient and the food, gathered by the caller from results and the record. */
export interface ChallengeSafetyInput {
  food: string;
  ageYears: number;
  /** The patient has atopic dermatitis being managed now. */
  atopicDermatitis: boolean;
  /** Foods with a positive sIgE (class ≥ 2 on the lab's table) or skin-prick result in Axis. */
  sensitisedFoods: readonly { food: string; method: 'specific_ige' | 'skin_prick' }[];
  /** Foods with a recorded immediate reaction (minutes to hours) or anaphylaxis. */
  immediateReactionFoods: readonly string[];
  /** Risk factors for a severe challenge reaction recorded for the patient [NOWAK-RISK]. */
  riskFactors: readonly ChallengeRiskFactor[];
}

export const CHALLENGE_RISK_FACTORS = ['anaphylaxis_history', 'reaction_to_trace_amount', 'asthma', 'cardiovascular_disease', 'beta_blocker'] as const;
export type ChallengeRiskFactor = (typeof CHALLENGE_RISK_FACTORS)[number];
export const CHALLENGE_RISK_FACTOR_LABELS: Record<ChallengeRiskFactor, string> = {
  anaphylaxis_history: 'an earlier anaphylaxis or severe reaction',
  reaction_to_trace_amount: 'a reaction to a trace amount of a food',
  asthma: 'asthma',
  cardiovascular_disease: 'cardiovascular disease',
  beta_blocker: 'beta-blocker use',
};

export interface SafetyVerdict {
  /** false: no at-home challenge; a supervised oral food challenge (allergist) instead. */
  atHomeAllowed: boolean;
  /** Every reason that applies, in words; empty when allowed. */
  reasons: string[];
  source: string;
}

/**
 * Refuse an at-home challenge and route to an allergist if any is true [OFC-TR], [KARGER-OFC], [NOWAK-RISK],
 * [CHANG-2016]: an immediate reaction or anaphylaxis to the food; a positive sIgE or skin-prick test to it
 * (any positive: a universal at-home sIgE cut-off is UNVERIFIED, so none is invented); any risk factor; a food
 * often linked to near-fatal reactions; a child avoiding milk or egg while atopic dermatitis is managed.
 */
export function checkChallengeSafety(input: ChallengeSafetyInput): SafetyVerdict {
  const reasons: string[] = [];
  const group = foodGroupOf(input.food);
  const name = group?.label ?? input.food;
  if (input.immediateReactionFoods.some((f) => sameFood(f, input.food))) reasons.push(`An immediate reaction or anaphylaxis to ${name} is recorded.`);
  for (const s of input.sensitisedFoods.filter((x) => sameFood(x.food, input.food))) {
    reasons.push(`${s.method === 'specific_ige' ? 'A positive specific IgE' : 'A positive skin-prick test'} to ${name} is recorded in Axis: any positive means the clinic.`);
  }
  for (const r of input.riskFactors) reasons.push(`The patient has ${CHALLENGE_RISK_FACTOR_LABELS[r]}, a risk factor for a severe challenge reaction.`);
  if (group?.severeReactionFood) reasons.push(`${name} is a food often linked to severe reactions.`);
  if (group?.childRoutedWithAtopicDermatitis && input.ageYears < 18 && input.atopicDermatitis) {
    reasons.push(`A child avoiding ${name.toLowerCase()} while atopic dermatitis is managed can develop new immediate reactions.`);
  }
  return { atHomeAllowed: reasons.length === 0, reasons: [...new Set(reasons)], source: 'OFC-TR, KARGER-OFC, NOWAK-RISK, CHANG-2016' };
}

export type NutritionPrompt = { code: 'calcium_vitamin_d_review'; text: string; source: string } | { code: 'growth_tracking'; text: string; source: string };

/** What an elimination needs alongside it: a calcium and vitamin D review for dairy; growth tracking under 18. */
export function nutritionPrompts(foods: readonly string[], ageYears: number): NutritionPrompt[] {
  const out: NutritionPrompt[] = [];
  if (foods.some((f) => foodGroupOf(f)?.needsCalciumVitaminDReview)) {
    out.push({ code: 'calcium_vitamin_d_review', text: 'Dairy is excluded: review calcium and vitamin D intake (supplements are often indicated) with a dietitian.', source: 'HENRIKSEN-2000, EBMG-MILK' });
  }
  if (ageYears < 18) out.push({ code: 'growth_tracking', text: 'The patient is under 18: track height and weight while foods are excluded.', source: 'EBMG-MILK' });
  return out;
}
