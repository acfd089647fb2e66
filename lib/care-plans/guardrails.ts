// Evidence guardrails for care-plan interventions. Pure: plain data in, findings out, so the propose
// form can show them live and the server recomputes the same findings before saving.
//
// Sources (../shared/DOMAIN.md):
// - §7 "Diet and habits": the patient-education articles Axis grew from recommend only *temporary*
//   elimination (processed sugar, alcohol, gluten, dairy) and state that detox cleanses and juice fasts
//   have no supporting evidence; extreme dieting is named as harmful.
// - §6 "Probiotics: why strain names matter": efficacy is strain- and disease-specific (MCF: across 228
//   trials some Lactobacillus strains worked for an indication and others did not); the notation is
//   genus + species + strain ID, e.g. Lacticaseibacillus rhamnosus GG.
// DOMAIN.md gives no maximum length for an elimination phase, so there is no duration rule: the
// reintroduction date is what keeps the elimination temporary.
import type { InterventionKind } from '@/db/schema/enum-values';
import { nutritionPrompts } from '@/lib/clinical/reintroduction/safety';

export type GuardrailCode =
  | 'detox-cleanse'
  | 'juice-fast'
  | 'cure-all-claim'
  | 'probiotic-strain-missing'
  | 'elimination-without-reintroduction'
  | 'dairy-calcium-vitamin-d'
  | 'microbiome-report-basis';
export type GuardrailSeverity = 'caution' | 'flag';

export interface GuardrailFinding {
  code: GuardrailCode;
  /** caution: must be acknowledged before saving. flag: shown on the plan, does not block. */
  severity: GuardrailSeverity;
  message: string;
  source: string;
}

export interface GuardrailInput {
  kind: InterventionKind | string;
  title: string;
  /** Kind-specific details, as typed or as stored; read defensively. */
  details?: Record<string, unknown> | null;
}

// Keys of lib/clinical/sources.ts, shown as citations. Detox, juice fasts and cure-all claims: the
// patient-education articles' own claims, with no supporting evidence (DOMAIN.md §7). Probiotics: DOMAIN.md §6.
// Open-ended elimination: DOMAIN.md §10.1–10.2.
const SOURCE_DIET = 'patient-education';
const SOURCE_PROBIOTICS = 'ISAPP, MCF';
const SOURCE_ELIMINATION = 'AAD-DIET, CHANG-2016, HENRIKSEN-2000';

// Word-boundary patterns, case-insensitive. "Cleanser" (a skin wash) and "cleansing" are not a cleanse:
// a bare "cleanse" is only caught outside topical treatments; named cleanses are caught everywhere.
const DETOX = /\bdetox\w*/i;
const NAMED_CLEANSE = /\b(colon|liver|gut|body|bowel|parasite|master|kidney|detox)\s+cleanses?\b/i;
const BARE_CLEANSE = /\bcleanses?\b/i;
const JUICE_FAST = /\bjuice[\s-]*(fast\w*|cleanse\w*|diet|only|feast)\b|\bjuicing\b/i;
// An intervention that rests on a microbiome sequencing report (DOMAIN.md §8.4 [PORCARI][NEXUS]): no diet,
// supplement, probiotic or antibiotic choice may be derived from taxa or diversity values.
const MICROBIOME_BASIS = /\b(microbiome|microbiota|dysbios\w*|dysbiotic|16S|shotgun sequencing|stool sequencing|gut flora|bacterial (im)?balance)\b/i;
const SOURCE_MICROBIOME = 'PORCARI, NEXUS';
const TREATMENT_KINDS = new Set(['diet', 'supplement', 'probiotic', 'medication']);
const CURE_ALL = /\bcures?[\s-]*(all|everything|it all)\b|\bmiracle\w*\b|\bpanacea\b|\bheals?[\s-]*(all|everything)\b/i;

function textOf(value: unknown, depth = 0): string[] {
  if (depth > 3 || value === null || value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => textOf(v, depth + 1));
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap((v) => textOf(v, depth + 1));
  return [];
}

function filled(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

export function checkInterventionGuardrails(input: GuardrailInput): GuardrailFinding[] {
  const details = input.details ?? {};
  const text = [input.title, ...textOf(details)].join(' \n ');
  const findings: GuardrailFinding[] = [];

  if (DETOX.test(text) || NAMED_CLEANSE.test(text) || (input.kind !== 'topical' && BARE_CLEANSE.test(text))) {
    findings.push({
      code: 'detox-cleanse',
      severity: 'caution',
      message: 'Detox and cleanse regimens have no supporting evidence for skin or gut conditions. Confirm this is what you intend to propose.',
      source: SOURCE_DIET,
    });
  }
  if (JUICE_FAST.test(text)) {
    findings.push({
      code: 'juice-fast',
      severity: 'caution',
      message: 'Juice fasts have no supporting evidence and are a form of extreme dieting, which the source articles name as harmful.',
      source: SOURCE_DIET,
    });
  }
  if (CURE_ALL.test(text)) {
    findings.push({
      code: 'cure-all-claim',
      severity: 'caution',
      message: '"Cures all" or "miracle" claims are not evidence-based: benefits are specific to a product, a condition and (for probiotics) a strain.',
      source: `${SOURCE_DIET}; ${SOURCE_PROBIOTICS}`,
    });
  }
  if (TREATMENT_KINDS.has(input.kind) && MICROBIOME_BASIS.test(text)) {
    findings.push({
      code: 'microbiome-report-basis',
      severity: 'caution',
      message:
        'This seems to rest on a microbiome report. Such reports are research-grade: no validated reference range or link to treatment exists, so a diet, supplement, probiotic or antibiotic should not be chosen from taxa, diversity or "dysbiosis" values. Confirm it has another clinical reason.',
      source: SOURCE_MICROBIOME,
    });
  }
  if (input.kind === 'probiotic' && !(filled(details.genus) && filled(details.species) && filled(details.strain))) {
    findings.push({
      code: 'probiotic-strain-missing',
      severity: 'caution',
      message:
        'Name the genus, species and strain (e.g. Lacticaseibacillus rhamnosus GG). Probiotic effects are strain- and disease-specific, so evidence for one strain does not carry over to another.',
      source: SOURCE_PROBIOTICS,
    });
  }
  if (input.kind === 'diet' && details.phase === 'elimination' && !filled(details.reintroductionDate)) {
    findings.push({
      code: 'elimination-without-reintroduction',
      severity: 'flag',
      message: 'This elimination diet has no planned reintroduction date. Elimination is meant to be temporary: plan when the foods come back.',
      source: SOURCE_ELIMINATION,
    });
  }
  if (input.kind === 'diet' && details.phase === 'elimination' && Array.isArray(details.foods)) {
    const foods = details.foods.filter((f): f is string => typeof f === 'string');
    // The age-independent prompt (DOMAIN.md §10.2); growth tracking needs the patient's age, so the server adds it.
    const dairy = nutritionPrompts(foods, 99).find((p) => p.code === 'calcium_vitamin_d_review');
    if (dairy) findings.push({ code: 'dairy-calcium-vitamin-d', severity: 'flag', message: dairy.text, source: dairy.source });
  }
  return findings;
}

/** Codes of the findings that block saving until acknowledged. */
export function cautionCodes(findings: readonly GuardrailFinding[]): GuardrailCode[] {
  return findings.filter((f) => f.severity === 'caution').map((f) => f.code);
}

/** Cautions not in the acknowledged list: empty means the proposal may be saved. */
export function unacknowledgedCautions(findings: readonly GuardrailFinding[], acknowledged: readonly string[]): GuardrailFinding[] {
  return findings.filter((f) => f.severity === 'caution' && !acknowledged.includes(f.code));
}
