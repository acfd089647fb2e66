import type { BreathTestInput } from '@/lib/clinical/breath-tests/schema';
import type { FoodPanelInput } from '@/lib/clinical/food-panels/schema';
import { INTERFERING_DRUG_RULES, type HPyloriInput } from '@/lib/clinical/h-pylori/schema';
import type { ScoreInput } from '@/lib/clinical/scores/schema';
import type { StoolTestInput } from '@/lib/clinical/stool-tests/schema';
import type { StoolTestFormValues } from './stool-test-form';
import { BLANK_STOOL_TEST } from './stool-test-blank';
import type { BreathTestFormValues } from './breath-test-form';
import type { FoodPanelFormValues } from './food-panel-form';
import type { HPyloriFormValues } from './h-pylori-form';
import type { ScoreFormValues } from './score-form';

// A correction starts from the stored values, turned back into what each form edits (text fields).

const text = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

export function breathTestFormValues(input: BreathTestInput): BreathTestFormValues {
  return {
    effectiveDate: input.effectiveDate,
    substrateKind: input.substrate.kind,
    doseGrams: text(input.substrate.doseGrams),
    substrateName: input.substrate.name ?? '',
    preparation: { ...input.preparation },
    readings: input.readings.map((r) => ({ minute: text(r.minute), h2: text(r.h2), ch4: text(r.ch4), h2s: text(r.h2s) })),
    device: input.device ?? '',
    notes: input.notes ?? '',
  };
}

export function hPyloriFormValues(input: HPyloriInput): HPyloriFormValues {
  return {
    effectiveDate: input.effectiveDate,
    method: input.method,
    purpose: input.purpose,
    ubtKit: input.ubtKit ?? (input.ubtCutoff !== undefined ? 'custom' : ''),
    ubtCutoff: text(input.ubtCutoff),
    reading: text(input.deltaOverBaseline ?? input.dpm),
    result: input.method === 'urea_breath_test' ? '' : (input.result ?? ''),
    drugs: Object.fromEntries(
      INTERFERING_DRUG_RULES.map((rule) => {
        const within = input[rule.withinField];
        return [rule.drug, { within: within === undefined ? ('' as const) : within ? ('yes' as const) : ('no' as const), days: text(input[rule.daysField]) }];
      }),
    ),
    eradicationTherapyEndDate: input.eradicationTherapyEndDate ?? '',
    notes: input.notes ?? '',
  };
}

export function foodPanelFormValues(input: FoodPanelInput): FoodPanelFormValues {
  return {
    effectiveDate: input.effectiveDate,
    method: input.method,
    laboratory: input.laboratory ?? '',
    unit: input.items.find((i) => i.unit)?.unit ?? '',
    cutoff: text(input.cutoff),
    items: input.items.map((i) => ({ food: i.food, value: text(i.value), outcome: i.outcome ?? '' })),
    notes: input.notes ?? '',
  };
}

export function scoreFormValues(input: ScoreInput): ScoreFormValues {
  return { effectiveDate: input.effectiveDate, instrument: input.instrument, value: text(input.value), notes: input.notes ?? '', reportedBy: input.reportedBy };
}


const yesNo = (b: boolean | undefined) => (b === undefined ? ('' as const) : b ? ('yes' as const) : ('no' as const));
const range = (r: { low?: number; high?: number } | undefined) => (r ? [text(r.low), text(r.high)] : []);

export function stoolTestFormValues(input: StoolTestInput, today: string): StoolTestFormValues {
  const blank = BLANK_STOOL_TEST(today);
  const { calprotectin: c, elastase: e, fit: f, microbiome: m } = input;
  return {
    effectiveDate: input.effectiveDate,
    include: { calprotectin: Boolean(c), elastase: Boolean(e), fit: Boolean(f), microbiome: Boolean(m) },
    calprotectin: c
      ? { value: text(c.value), unit: c.unit, normalBelow: text(c.labInterval.normalBelow), indeterminateUpTo: text(c.labInterval.indeterminateUpTo), assay: c.assay, laboratory: c.laboratory, nsaids: yesNo(c.nsaidsWithinTwoWeeks) }
      : blank.calprotectin,
    elastase: e ? { value: text(e.value), consistency: e.consistency, onPert: yesNo(e.onPert), laboratory: e.laboratory } : blank.elastase,
    fit: f ? { value: text(f.value), assay: f.assay, laboratory: f.laboratory } : blank.fit,
    microbiome: m
      ? {
          method: m.method,
          laboratory: m.laboratory,
          orderedBy: m.orderedBy,
          alphaDiversity: m.alphaDiversity.map((a) => `${a.metric}; ${a.value}`).join('\n'),
          taxa: m.taxa.map((t) => `${t.name}; ${t.relativeAbundance}`).join('\n'),
          indexName: m.labIndex?.name ?? '',
          indexValue: text(m.labIndex?.value),
          indexLow: text(m.labIndex?.labRange?.low),
          indexHigh: text(m.labIndex?.labRange?.high),
          scfa: m.scfa.map((s) => [s.name, String(s.value), s.unit, ...range(s.labRange)].join('; ')).join('\n'),
        }
      : blank.microbiome,
    notes: input.notes ?? '',
  };
}
