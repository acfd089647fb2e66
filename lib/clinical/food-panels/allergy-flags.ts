// The allergy flag a patient banner carries: every food a current panel found the patient sensitised to
// on a validated method (specific IgE, skin prick) or reacting to on rechallenge. IgG/IgG4 panels never
// raise it: they reflect exposure, not allergy (DOMAIN.md 3.2; [EAACI], [CSACI], [AAAAI-CW], [NIAID]).
// Sensitisation is not clinical allergy (DOMAIN.md 3.1, [NIAID]), so each flag carries its basis.
// Pure, so the rule is tested without a database.
import { foodKey } from './schema';
import type { FoodPanelMethod } from './options';

/** A stored food panel as the banner reads it: the interpretation saved with the current version. */
export interface StoredFoodPanel {
  resultId: string;
  effectiveDate: string;
  interpretation: Record<string, unknown>;
}

export interface FoodAllergyFlag {
  food: string;
  /** "sIgE class 3", "skin prick 5 mm", "reaction on rechallenge". */
  basis: string;
  method: FoodPanelMethod;
  effectiveDate: string;
  resultId: string;
}

const FLAGGING_METHODS: ReadonlySet<string> = new Set<FoodPanelMethod>(['specific_ige', 'skin_prick', 'elimination_rechallenge']);

function basisFor(method: string, item: Record<string, unknown>): string {
  if (method === 'specific_ige') return typeof item.sIgEClass === 'number' ? `sIgE class ${item.sIgEClass}` : 'specific IgE';
  if (method === 'skin_prick') return typeof item.value === 'number' ? `skin prick ${item.value} mm` : 'skin prick';
  return 'reaction on rechallenge';
}

/**
 * One flag per food (compared as foodKey does), from the newest panel that flagged it. A later panel that
 * no longer crosses does not clear an earlier flag: a past reaction stays worth knowing before a
 * reintroduction, and a wrong entry is cleared by correcting that panel. Foods come
 * in the order a reader should meet them: newest panel first, then as the panel sorted them (highest first).
 */
export function foodAllergyFlags(panels: readonly StoredFoodPanel[]): FoodAllergyFlag[] {
  const newestFirst = [...panels].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate));
  const seen = new Set<string>();
  const flags: FoodAllergyFlag[] = [];
  for (const panel of newestFirst) {
    const method = panel.interpretation.method;
    const items = panel.interpretation.items;
    if (typeof method !== 'string' || !FLAGGING_METHODS.has(method) || !Array.isArray(items)) continue;
    for (const raw of items) {
      if (typeof raw !== 'object' || raw === null) continue;
      const item = raw as Record<string, unknown>;
      if (item.crossesCutoff !== true || typeof item.food !== 'string') continue;
      const key = foodKey(item.food);
      if (seen.has(key)) continue;
      seen.add(key);
      flags.push({ food: item.food, basis: basisFor(method, item), method: method as FoodPanelMethod, effectiveDate: panel.effectiveDate, resultId: panel.resultId });
    }
  }
  return flags;
}
