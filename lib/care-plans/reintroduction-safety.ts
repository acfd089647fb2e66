import 'server-only';
import { and, eq, like, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { conditions, patients, results } from '@/db/schema';
import { foodAllergyFlags } from '@/lib/clinical/food-panels/allergy-flags';
import { sameFood } from '@/lib/clinical/reintroduction/foods';
import { checkChallengeSafety } from '@/lib/clinical/reintroduction/safety';
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

/** The refusal for a diet that would reintroduce an unsafe food at home, or null when it may be saved. */
export async function atHomeReintroductionRefusal(tx: Executor, patientId: string, v: DietValues): Promise<{ error: string; fieldErrors: FieldErrors } | null> {
  const foods = foodsReintroducedAtHome(v);
  if (foods.length === 0) return null;
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
  const flags = foodAllergyFlags(panels);
  const refusals: string[] = [];
  for (const food of foods) {
    const verdict = checkChallengeSafety({
      food,
      ageYears: ageInYears(patient.dateOfBirth),
      atopicDermatitis: ad.length > 0,
      sensitisedFoods: flags.filter((f) => f.method !== 'elimination_rechallenge').map((f) => ({ food: f.food, method: f.method === 'skin_prick' ? 'skin_prick' : 'specific_ige' })),
      immediateReactionFoods: flags.filter((f) => f.method === 'elimination_rechallenge').map((f) => f.food),
      riskFactors: [],
    });
    if (!verdict.atHomeAllowed) {
      // The result behind a sensitisation, so the clinician can open it.
      const flag = flags.find((f) => sameFood(f.food, food));
      const basis = flag ? ` Recorded: ${flag.food}, ${flag.basis}, ${formatDate(flag.effectiveDate)}.` : '';
      refusals.push(`${food} cannot be brought back at home. ${verdict.reasons.join(' ')}${basis} It needs a supervised oral food challenge: refer to an allergist, and keep it out meanwhile.`);
    }
  }
  if (refusals.length === 0) return null;
  return {
    error: 'An at-home reintroduction was refused for safety. Nothing was saved.',
    fieldErrors: { 'details.foods': refusals },
  };
}
