// Reads a food panel against DOMAIN.md section 3: sIgE classes and sensitisation, skin prick wheal size,
// the allergy societies' position that IgG/IgG4 panels are not diagnostic, and elimination–rechallenge outcomes.
// Pure, so the entry form can preview the reading before it is saved.
import type { Finding, Interpretation, InterpretationFlag } from '@/lib/clinical/interpretation';
import { FOOD_PANEL_IGG_CAVEAT, FOOD_PANEL_IGG_CAVEAT_SOURCE } from './options';
import { FOOD_PANEL_DEFAULT_UNITS, type FoodPanelInput, type FoodPanelMethod, type ReactionOutcome } from './schema';

// ---------------------------------------------------------------------------------------------
// Specific IgE classes (DOMAIN.md 3.1, Mayo Clinic Laboratories). Each class starts at its lower edge
// (inclusive); the table's upper figures (0.69, 3.49, 17.4, 49.9, 99.9) are the last reported value before the next edge.
// ---------------------------------------------------------------------------------------------

/** Class 0/1 "borderline/equivocal" on newer reports: 0.10–0.34 kU/L. [MAYO-IGE] */
export const SIGE_CLASS_0_1_MIN_KU_L = 0.1;
export const SIGE_CLASS_1_MIN_KU_L = 0.35; // [MAYO-IGE]
export const SIGE_CLASS_2_MIN_KU_L = 0.7; // [MAYO-IGE]; one Mayo catalog flags ≥ 0.70 as abnormal [MAYO-IGE2]
export const SIGE_CLASS_3_MIN_KU_L = 3.5; // [MAYO-IGE]
export const SIGE_CLASS_4_MIN_KU_L = 17.5; // [MAYO-IGE]
export const SIGE_CLASS_5_MIN_KU_L = 50; // [MAYO-IGE]
export const SIGE_CLASS_6_MIN_KU_L = 100; // [MAYO-IGE]

/** Sensitisation: class 1 or above. [MAYO-IGE] */
export const SIGE_SENSITISATION_CUTOFF_KU_L = SIGE_CLASS_1_MIN_KU_L;

export type SpecificIgEClass = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const SIGE_CLASS_EDGES: readonly (readonly [SpecificIgEClass, number])[] = [
  [6, SIGE_CLASS_6_MIN_KU_L],
  [5, SIGE_CLASS_5_MIN_KU_L],
  [4, SIGE_CLASS_4_MIN_KU_L],
  [3, SIGE_CLASS_3_MIN_KU_L],
  [2, SIGE_CLASS_2_MIN_KU_L],
  [1, SIGE_CLASS_1_MIN_KU_L],
];

/** sIgE class 0–6 from kU/L per the Mayo table (lower edge inclusive: 0.35 → class 1, 0.70 → class 2, … 100 → class 6). */
export function specificIgEClass(kUL: number): SpecificIgEClass {
  if (Number.isNaN(kUL)) throw new RangeError('specificIgEClass: value is not a number');
  for (const [cls, min] of SIGE_CLASS_EDGES) if (kUL >= min) return cls;
  return 0;
}

/** Mayo Clinic Laboratories wording and range per class. [MAYO-IGE] */
export const SIGE_CLASS_LABELS: Readonly<Record<SpecificIgEClass, { label: string; range: string }>> = {
  0: { label: 'negative', range: '< 0.35 kU/L' },
  1: { label: 'equivocal', range: '0.35–0.69 kU/L' },
  2: { label: 'positive', range: '0.70–3.49 kU/L' },
  3: { label: 'positive', range: '3.50–17.4 kU/L' },
  4: { label: 'strongly positive', range: '17.5–49.9 kU/L' },
  5: { label: 'strongly positive', range: '50.0–99.9 kU/L' },
  6: { label: 'strongly positive', range: '≥ 100 kU/L' },
};

// ---------------------------------------------------------------------------------------------
// Skin prick (DOMAIN.md 3.2): mean wheal ≥ 3 mm at 15–20 min with histamine and saline controls.
// Secondary sources only; the guideline-level threshold is UNVERIFIED, so it can be overridden per panel. [SPT]
// ---------------------------------------------------------------------------------------------

export const SKIN_PRICK_POSITIVE_WHEAL_MM = 3; // [SPT]

// ---------------------------------------------------------------------------------------------
// IgG / IgG4 (DOMAIN.md 3.2). [EAACI], [CSACI], [AAAAI-CW], [NIAID], [DGAKI]
// ---------------------------------------------------------------------------------------------

// Shown by the entry form before any interpretation loads, so it lives with the plain option data.
export { FOOD_PANEL_IGG_CAVEAT, FOOD_PANEL_IGG_CAVEAT_SOURCE } from './options';

const SENSITISATION_NOT_ALLERGY =
  'Sensitisation is not allergy: a positive test means clinical food allergy only with a matching history of reactions to that food. Test foods suggested by the history rather than broad panels.';

/** How many foods a summary names before "+N more". */
const SUMMARY_MAX_NAMED = 5;

export interface FoodPanelItemResult {
  food: string;
  value: number | null;
  unit: string | null;
  sIgEClass?: SpecificIgEClass;
  outcome?: ReactionOutcome;
  /** sIgE ≥ 0.35 kU/L, wheal ≥ threshold, IgG ≥ lab cut-off, or a reaction on rechallenge. */
  crossesCutoff: boolean;
  label: string;
}

export interface FoodPanelInterpretation extends Interpretation {
  method: FoodPanelMethod;
  /** Sorted by value, highest first (elimination: reactions, then inconclusive, then no reaction); ties by food name. */
  items: FoodPanelItemResult[];
  /** Items with crossesCutoff. */
  crossingCount: number;
  /** IgG/IgG4: show FOOD_PANEL_IGG_CAVEAT as a banner and never let the panel drive elimination-diet suggestions. */
  notValidatedForDiagnosis: boolean;
  /** Texts of the caution findings, for a banner. */
  cautions: string[];
}

const OUTCOME_RANK: Readonly<Record<ReactionOutcome, number>> = { reaction: 0, inconclusive: 1, no_reaction: 2 };

function compareItems(a: FoodPanelItemResult, b: FoodPanelItemResult): number {
  const av = a.value ?? Number.NEGATIVE_INFINITY;
  const bv = b.value ?? Number.NEGATIVE_INFINITY;
  if (av !== bv) return bv - av;
  const ao = a.outcome ? OUTCOME_RANK[a.outcome] : 3;
  const bo = b.outcome ? OUTCOME_RANK[b.outcome] : 3;
  if (ao !== bo) return ao - bo;
  return a.food.localeCompare(b.food, 'en', { sensitivity: 'base' });
}

function nameList(parts: string[]): string {
  const named = parts.slice(0, SUMMARY_MAX_NAMED).join(', ');
  const more = parts.length - SUMMARY_MAX_NAMED;
  return more > 0 ? `${named}, +${more} more` : named;
}

function foods(n: number): string {
  return `${n} ${n === 1 ? 'food' : 'foods'}`;
}

function itemResult(method: FoodPanelMethod, item: FoodPanelInput['items'][number], cutoff: number | undefined): FoodPanelItemResult {
  const value = item.value ?? null;
  const unit = item.unit ?? FOOD_PANEL_DEFAULT_UNITS[method];
  switch (method) {
    case 'specific_ige': {
      const v = value ?? 0;
      const cls = specificIgEClass(v);
      const label =
        cls === 0 && v >= SIGE_CLASS_0_1_MIN_KU_L
          ? 'Class 0/1: borderline/equivocal (0.10–0.34 kU/L)'
          : `Class ${cls}: ${SIGE_CLASS_LABELS[cls].label} (${SIGE_CLASS_LABELS[cls].range})`;
      return { food: item.food, value, unit, sIgEClass: cls, crossesCutoff: v >= SIGE_SENSITISATION_CUTOFF_KU_L, label };
    }
    case 'skin_prick': {
      const threshold = cutoff ?? SKIN_PRICK_POSITIVE_WHEAL_MM;
      const crosses = (value ?? 0) >= threshold;
      return { food: item.food, value, unit, crossesCutoff: crosses, label: crosses ? `Positive wheal (≥ ${threshold} mm)` : `Below ${threshold} mm` };
    }
    case 'igg':
    case 'igg4': {
      if (cutoff === undefined) return { food: item.food, value, unit, crossesCutoff: false, label: 'No lab cut-off given; not diagnostic' };
      const crosses = (value ?? 0) >= cutoff;
      const shown = unit ? `${cutoff} ${unit}` : `${cutoff}`;
      return { food: item.food, value, unit, crossesCutoff: crosses, label: crosses ? `At or above the lab’s cut-off (${shown}); not diagnostic` : 'Below the lab’s cut-off; not diagnostic' };
    }
    case 'elimination_rechallenge': {
      const outcome: ReactionOutcome = item.outcome ?? 'inconclusive';
      const label = outcome === 'reaction' ? 'Reaction on rechallenge' : outcome === 'no_reaction' ? 'No reaction on rechallenge' : 'Inconclusive rechallenge';
      return { food: item.food, value: null, unit: null, outcome, crossesCutoff: outcome === 'reaction', label };
    }
  }
}

function fmt(item: FoodPanelItemResult): string {
  return `${item.value ?? '?'}${item.unit === 'mm' ? ' mm' : item.unit ? ` ${item.unit}` : ''}`;
}

export function interpretFoodPanel(input: FoodPanelInput): FoodPanelInterpretation {
  const { method } = input;
  const items = input.items.map((i) => itemResult(method, i, input.cutoff)).sort(compareItems);
  const crossing = items.filter((i) => i.crossesCutoff);
  const n = items.length;
  const findings: Finding[] = [];
  let flag: InterpretationFlag;
  let summary: string;

  switch (method) {
    case 'specific_ige': {
      const maxClass = Math.max(0, ...items.map((i) => i.sIgEClass ?? 0));
      if (crossing.length > 0) {
        findings.push({
          rule: 'sige-sensitised',
          status: 'positive',
          text: `Sensitised (≥ ${SIGE_SENSITISATION_CUTOFF_KU_L} kU/L, class 1 or above) to ${crossing.length} of ${foods(n)}: ${crossing.map((i) => `${i.food} ${fmt(i)} (class ${i.sIgEClass})`).join(', ')}.`,
          source: 'MAYO-IGE',
        });
        findings.push({ rule: 'sensitisation-not-allergy', status: 'caution', text: SENSITISATION_NOT_ALLERGY, source: 'NIAID, AAAAI-CW' });
      } else {
        findings.push({ rule: 'sige-sensitised', status: 'negative', text: `No food reached ${SIGE_SENSITISATION_CUTOFF_KU_L} kU/L (class 1): all ${foods(n)} class 0.`, source: 'MAYO-IGE' });
      }
      const borderline = items.filter((i) => i.sIgEClass === 0 && (i.value ?? 0) >= SIGE_CLASS_0_1_MIN_KU_L);
      if (borderline.length > 0) {
        findings.push({
          rule: 'sige-class-0-1',
          status: 'info',
          text: `Newer reports call 0.10–0.34 kU/L class 0/1 (borderline/equivocal): ${borderline.map((i) => `${i.food} ${fmt(i)}`).join(', ')}.`,
          source: 'MAYO-IGE',
        });
      }
      findings.push({
        rule: 'sige-lab-class-table',
        status: 'info',
        text: 'Classes follow the Mayo Clinic Laboratories table; other labs shift the edges slightly (e.g. 0.36–0.70, 0.71–3.50 kU/L), so check values near an edge against the lab’s own table.',
        source: 'ARUP, VIBRANT',
      });
      // Class 1 is "equivocal" on the Mayo table; ≥ 0.70 kU/L (class 2) is what Mayo flags abnormal. [MAYO-IGE], [MAYO-IGE2]
      flag = maxClass >= 2 ? 'abnormal' : maxClass === 1 ? 'indeterminate' : 'normal';
      summary =
        crossing.length > 0
          ? `Specific IgE: ${crossing.length} of ${foods(n)} sensitised (${nameList(crossing.map((i) => `${i.food} class ${i.sIgEClass}`))})`
          : `Specific IgE: none of ${foods(n)} sensitised (all < ${SIGE_SENSITISATION_CUTOFF_KU_L} kU/L)`;
      break;
    }
    case 'skin_prick': {
      const threshold = input.cutoff ?? SKIN_PRICK_POSITIVE_WHEAL_MM;
      if (crossing.length > 0) {
        findings.push({
          rule: 'skin-prick-positive',
          status: 'positive',
          text: `Wheal ≥ ${threshold} mm for ${crossing.length} of ${foods(n)}: ${crossing.map((i) => `${i.food} ${fmt(i)}`).join(', ')}.`,
          source: 'SPT',
        });
        findings.push({ rule: 'sensitisation-not-allergy', status: 'caution', text: SENSITISATION_NOT_ALLERGY, source: 'NIAID, AAAAI-CW' });
      } else {
        findings.push({ rule: 'skin-prick-positive', status: 'negative', text: `No wheal reached ${threshold} mm in ${foods(n)}.`, source: 'SPT' });
      }
      findings.push({
        rule: 'skin-prick-threshold',
        status: 'info',
        text: `${input.cutoff === undefined ? `The ≥ ${SKIN_PRICK_POSITIVE_WHEAL_MM} mm mean wheal is the usual positive threshold (secondary sources)` : `Clinic threshold ≥ ${threshold} mm applied (the usual threshold is ${SKIN_PRICK_POSITIVE_WHEAL_MM} mm)`}, read at 15–20 min; valid only if the histamine control reacted and the saline control did not.`,
        source: 'SPT',
      });
      flag = crossing.length > 0 ? 'abnormal' : 'normal';
      summary =
        crossing.length > 0
          ? `Skin prick: ${crossing.length} of ${foods(n)} sensitised (${nameList(crossing.map((i) => `${i.food} ${fmt(i)}`))})`
          : `Skin prick: no wheal ≥ ${threshold} mm in ${foods(n)}`;
      break;
    }
    case 'igg':
    case 'igg4': {
      const kind = method === 'igg' ? 'IgG' : 'IgG4';
      findings.push({ rule: 'igg-not-diagnostic', status: 'caution', text: FOOD_PANEL_IGG_CAVEAT, source: FOOD_PANEL_IGG_CAVEAT_SOURCE });
      if (input.cutoff !== undefined) {
        findings.push({
          rule: 'igg-above-lab-cutoff',
          status: 'info',
          text: `${crossing.length} of ${foods(n)} at or above the lab’s reporting cut-off (${input.cutoff}${items[0]?.unit ? ` ${items[0].unit}` : ''}). This reflects exposure, not allergy or intolerance.`,
          source: 'EAACI',
        });
      }
      // Never 'abnormal': these panels are not diagnostic. [EAACI], [CSACI], [AAAAI-CW], [NIAID], [DGAKI]
      flag = 'info';
      summary =
        input.cutoff !== undefined
          ? `Food ${kind} panel (not validated for diagnosis): ${crossing.length} of ${foods(n)} above the lab’s cut-off`
          : `Food ${kind} panel (not validated for diagnosis): ${foods(n)}, no lab cut-off given`;
      break;
    }
    case 'elimination_rechallenge': {
      const inconclusive = items.filter((i) => i.outcome === 'inconclusive');
      if (crossing.length > 0) {
        findings.push({ rule: 'rechallenge-reaction', status: 'positive', text: `Reaction on rechallenge to ${crossing.length} of ${foods(n)}: ${crossing.map((i) => i.food).join(', ')}.`, source: 'NIAID' });
      } else {
        findings.push({ rule: 'rechallenge-reaction', status: 'negative', text: `No reaction on rechallenge to ${inconclusive.length > 0 ? 'the conclusive foods' : `any of ${foods(n)}`}.`, source: 'NIAID' });
      }
      if (inconclusive.length > 0) {
        findings.push({ rule: 'rechallenge-inconclusive', status: 'flag', text: `Inconclusive rechallenge for: ${inconclusive.map((i) => i.food).join(', ')}.`, source: 'NIAID' });
      }
      findings.push({
        rule: 'oral-food-challenge-gold-standard',
        status: 'info',
        text: 'Elimination of one or a few foods can help diagnosis, especially for non-IgE reactions; the double-blind placebo-controlled food challenge is the gold standard.',
        source: 'NIAID',
      });
      flag = crossing.length > 0 ? 'abnormal' : inconclusive.length > 0 ? 'indeterminate' : 'normal';
      const parts: string[] = [];
      parts.push(crossing.length > 0 ? `reaction to ${crossing.length} of ${foods(n)} (${nameList(crossing.map((i) => i.food))})` : `no reaction to ${crossing.length === 0 && inconclusive.length === 0 ? foods(n) : `${n - inconclusive.length} of ${foods(n)}`}`);
      if (inconclusive.length > 0) parts.push(`${inconclusive.length} inconclusive (${nameList(inconclusive.map((i) => i.food))})`);
      summary = `Elimination–rechallenge: ${parts.join('; ')}`;
      break;
    }
  }

  return {
    flag,
    summary,
    findings,
    method,
    items,
    crossingCount: crossing.length,
    notValidatedForDiagnosis: method === 'igg' || method === 'igg4',
    cautions: findings.filter((f) => f.status === 'caution').map((f) => f.text),
  };
}
