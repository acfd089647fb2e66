// Which stored input field travels in which Observation component, per result kind. The export writes
// these and the import reads them, so a result leaves and re-enters Axis without losing a field.
import { PREPARATION_ITEMS } from '@/lib/clinical/breath-tests/schema';
import { SYSTEMS, type FieldSpec } from './codes';

export const BREATH_PROTOCOL_FIELDS: readonly FieldSpec[] = [
  { field: 'substrateKind', code: 'breath-test-substrate', display: 'Breath test substrate', type: 'code', system: SYSTEMS.axisSubstrate },
  { field: 'substrateName', code: 'breath-test-substrate-name', display: 'Breath test substrate name', type: 'string' },
  { field: 'substrateDoseGrams', code: 'breath-test-substrate-dose', display: 'Breath test substrate dose', type: 'quantity', unit: 'g', ucum: 'g' },
  { field: 'device', code: 'breath-test-device', display: 'Breath analyser', type: 'string' },
  // NAC Table 1 preparation checklist, one yes/no component per item [NAC-T1].
  ...PREPARATION_ITEMS.map((item): FieldSpec => ({ field: item.id, code: `breath-test-preparation-${item.id}`, display: item.label, type: 'boolean' })),
];

export const BREATH_READING_FIELDS = {
  minute: { field: 'minute', code: 'breath-sample-minute', display: 'Minutes after substrate', type: 'quantity', unit: 'min', ucum: 'min' },
  h2: { field: 'h2', code: 'breath-hydrogen', display: 'Hydrogen (H2) in breath', type: 'quantity', unit: '[ppm]', ucum: '[ppm]' },
  ch4: { field: 'ch4', code: 'breath-methane', display: 'Methane (CH4) in breath', type: 'quantity', unit: '[ppm]', ucum: '[ppm]' },
  h2s: { field: 'h2s', code: 'breath-hydrogen-sulfide', display: 'Hydrogen sulfide (H2S) in breath', type: 'quantity', unit: '[ppm]', ucum: '[ppm]' },
} as const satisfies Record<string, FieldSpec>;

export const H_PYLORI_FIELDS: readonly FieldSpec[] = [
  { field: 'purpose', code: 'h-pylori-purpose', display: 'Purpose of the test', type: 'code', system: SYSTEMS.axisHPyloriPurpose },
  { field: 'ubtKit', code: 'ubt-kit', display: 'Urea breath test kit', type: 'code', system: SYSTEMS.axisUbtKit },
  // ‰ delta-over-baseline: UCUM [ppth] (parts per thousand).
  { field: 'ubtCutoff', code: 'ubt-cutoff', display: 'Lab-stated UBT cut-off (DOB)', type: 'quantity', unit: '‰', ucum: '[ppth]' },
  { field: 'deltaOverBaseline', code: 'ubt-delta-over-baseline', display: 'UBT delta over baseline (DOB)', type: 'quantity', unit: '‰', ucum: '[ppth]' },
  { field: 'dpm', code: 'ubt-dpm', display: '14C UBT count', type: 'quantity', unit: 'DPM', ucum: '/min' },
  { field: 'ppiLastTakenDaysAgo', code: 'ppi-last-taken-days-before', display: 'PPI last taken, days before the test', type: 'quantity', unit: 'd', ucum: 'd' },
  { field: 'ppiWithin2Weeks', code: 'ppi-within-2-weeks', display: 'PPI taken within 2 weeks before the test', type: 'boolean' },
  { field: 'antibioticsLastTakenDaysAgo', code: 'antibiotics-last-taken-days-before', display: 'Antibiotic last taken, days before the test', type: 'quantity', unit: 'd', ucum: 'd' },
  { field: 'antibioticsWithin4Weeks', code: 'antibiotics-within-4-weeks', display: 'Antibiotic taken within 4 weeks before the test', type: 'boolean' },
  { field: 'bismuthLastTakenDaysAgo', code: 'bismuth-last-taken-days-before', display: 'Bismuth last taken, days before the test', type: 'quantity', unit: 'd', ucum: 'd' },
  { field: 'bismuthWithin2Weeks', code: 'bismuth-within-2-weeks', display: 'Bismuth taken within 2 weeks before the test', type: 'boolean' },
  { field: 'h2BlockerLastTakenDaysAgo', code: 'h2-blocker-last-taken-days-before', display: 'H2 blocker last taken, days before the test', type: 'quantity', unit: 'd', ucum: 'd' },
  { field: 'h2BlockerWithin2Weeks', code: 'h2-blocker-within-2-weeks', display: 'H2 blocker taken within 2 weeks before the test', type: 'boolean' },
  { field: 'eradicationTherapyEndDate', code: 'eradication-therapy-end', display: 'Eradication therapy end date', type: 'date' },
];

export const SCORE_FIELDS: readonly FieldSpec[] = [{ field: 'reportedBy', code: 'score-reported-by', display: 'Reported by', type: 'code', system: SYSTEMS.axisReportedBy }];

/** Axis observation code of one H. pylori method (alongside its LOINC codes where DOMAIN.md gives them). */
export const hPyloriCode = (method: string) => `h-pylori-${method.replace(/_/g, '-')}`;
/** Axis observation code of one food-panel item, by method. */
export const foodItemCode = (method: string) => `food-${method.replace(/_/g, '-')}`;
/** Axis observation code of one score instrument (DOMAIN.md §4 gives no LOINC code for any of them). */
export const scoreCode = (instrument: string) => `score-${instrument.replace(/_/g, '-')}`;
