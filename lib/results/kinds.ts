import type { ResultKind } from '@/db/schema/enum-values';
import { interpretBreathTest } from '@/lib/clinical/breath-tests/interpret';
import { breathTestInputSchema } from '@/lib/clinical/breath-tests/schema';
import { FOOD_PANEL_METHODS, foodPanelInputSchema } from '@/lib/clinical/food-panels/schema';
import { interpretFoodPanel } from '@/lib/clinical/food-panels/interpret';
import { interpretHPylori } from '@/lib/clinical/h-pylori/interpret';
import { hPyloriInputSchema, type HPyloriMethod } from '@/lib/clinical/h-pylori/schema';
import { getInstrument } from '@/lib/clinical/scores/instruments';
import { interpretScore } from '@/lib/clinical/scores/interpret';
import { scoreInputSchema } from '@/lib/clinical/scores/schema';
import { STOOL_LOINC, interpretStoolTest } from '@/lib/clinical/stool-tests/interpret';
import { stoolTestInputSchema, type StoolTestInput } from '@/lib/clinical/stool-tests/schema';
import type { ResultKindHandler } from './kind-handler';

// One entry per result kind: the zod schema that validates what a clinician entered and the pure
// rules that interpret it (lib/<kind>/interpret.ts). lib/results stores both, so an interpretation
// is always computed, never typed, and a later reader sees exactly what was concluded and why.

const SUBSTRATE_LABEL = { lactulose: 'Lactulose', glucose: 'Glucose', other: 'Breath' } as const;

const H_PYLORI_TITLE: Record<HPyloriMethod, string> = {
  urea_breath_test: 'urea breath test',
  stool_antigen: 'stool antigen',
  serology: 'serology',
  histology: 'histology',
  rapid_urease: 'rapid urease test',
};

const breathTest: ResultKindHandler<typeof breathTestInputSchema> = {
  kind: 'breath_test',
  label: 'Breath test (SIBO/IMO)',
  schema: breathTestInputSchema,
  derive(input) {
    const interpretation = interpretBreathTest(input);
    const substrate = input.substrate.kind === 'other' ? `${input.substrate.name ?? 'Other'} (${input.substrate.doseGrams} g)` : `${SUBSTRATE_LABEL[input.substrate.kind]} ${input.substrate.doseGrams} g`;
    return {
      effectiveDate: input.effectiveDate,
      title: `${substrate} breath test`,
      summary: interpretation.summary,
      flag: interpretation.flag,
      criteriaSet: interpretation.criteria.id,
      // DOMAIN.md lists LOINC panels for hydrogen and methane breath tests; the per-minute codes are lactose-only.
      loincCode: null,
      interpretation: { ...interpretation },
    };
  },
};

const hPylori: ResultKindHandler<typeof hPyloriInputSchema> = {
  kind: 'h_pylori',
  label: 'H. pylori test',
  schema: hPyloriInputSchema,
  derive(input) {
    const interpretation = interpretHPylori(input);
    return {
      effectiveDate: input.effectiveDate,
      title: `H. pylori ${H_PYLORI_TITLE[input.method]}${input.purpose === 'test_of_cure' ? ' (test of cure)' : ''}`,
      summary: interpretation.summary,
      flag: interpretation.flag,
      criteriaSet: interpretation.criterion,
      loincCode: interpretation.loinc[0]?.code ?? null,
      interpretation: { ...interpretation },
    };
  },
};

const foodPanel: ResultKindHandler<typeof foodPanelInputSchema> = {
  kind: 'food_panel',
  label: 'Food panel',
  schema: foodPanelInputSchema,
  derive(input) {
    const interpretation = interpretFoodPanel(input);
    return {
      effectiveDate: input.effectiveDate,
      title: `Food panel: ${FOOD_PANEL_METHODS[input.method]}`,
      summary: interpretation.summary,
      flag: interpretation.flag,
      criteriaSet: null,
      loincCode: null,
      interpretation: { ...interpretation },
    };
  },
};

const score: ResultKindHandler<typeof scoreInputSchema> = {
  kind: 'score',
  label: 'Score',
  schema: scoreInputSchema,
  derive(input) {
    const instrument = getInstrument(input.instrument);
    const interpretation = interpretScore(input);
    return {
      effectiveDate: input.effectiveDate,
      title: input.reportedBy === 'patient' ? `${instrument.label} (patient-reported)` : instrument.label,
      summary: interpretation.summary,
      flag: interpretation.flag,
      criteriaSet: instrument.source,
      loincCode: instrument.loinc,
      instrument: input.instrument,
      value: input.value,
      interpretation: { ...interpretation },
    };
  },
};

const STOOL_ANALYTE_TITLES = { calprotectin: 'calprotectin', elastase: 'elastase', fit: 'FIT', microbiome: 'microbiome report' } as const;

/** "Stool test: calprotectin, FIT" — the analytes on the report, in a fixed order. */
export function stoolTestTitle(input: StoolTestInput): string {
  const parts = (Object.keys(STOOL_ANALYTE_TITLES) as (keyof typeof STOOL_ANALYTE_TITLES)[]).filter((k) => input[k] !== undefined).map((k) => STOOL_ANALYTE_TITLES[k]);
  return `Stool test: ${parts.join(', ')}`;
}


const stoolTest: ResultKindHandler<typeof stoolTestInputSchema> = {
  kind: 'stool_test',
  label: 'Stool test',
  schema: stoolTestInputSchema,
  derive(input, patient) {
    const interpretation = interpretStoolTest(input, patient);
    const analytes = (['calprotectin', 'elastase', 'fit', 'microbiome'] as const).filter((k) => input[k] !== undefined);
    const single = analytes.length === 1 && (analytes[0] === 'calprotectin' || analytes[0] === 'elastase') ? analytes[0] : undefined;
    return {
      effectiveDate: input.effectiveDate,
      title: stoolTestTitle(input),
      summary: interpretation.summary,
      flag: interpretation.flag,
      criteriaSet: null,
      // A single calprotectin or elastase report has its analyte's LOINC; FIT has none in DOMAIN.md and a mixed report none of its own.
      loincCode: single ? STOOL_LOINC[single] : null,
      // The calprotectin value is the one followed over time (the trend chart); stored as µg/g (= mg/kg) [MLABS].
      value: input.calprotectin?.value,
      interpretation: { ...interpretation },
    };
  },
};

// Keyed by kind, so adding a result kind without its rules fails to compile.
export const resultHandlers: { [K in ResultKind]: ResultKindHandler } = {
  breath_test: breathTest,
  h_pylori: hPylori,
  food_panel: foodPanel,
  score,
  stool_test: stoolTest,
};
