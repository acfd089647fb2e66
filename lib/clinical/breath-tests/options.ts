// Breath-test option lists, sanity bounds and the preparation checklist: plain data with no validation
// library, so the entry form can show them without loading the schema (./schema re-exports all of it).
// Clinical facts come from ../shared/DOMAIN.md §1; the source key sits beside each one.

export const SUBSTRATE_KINDS = ['lactulose', 'glucose', 'other'] as const;
export type SubstrateKind = (typeof SUBSTRATE_KINDS)[number];

/** Standard doses the form suggests; not forced, because dose changes positivity and must be stored as given. */
export const SUBSTRATE_DEFAULT_DOSE_G = {
  lactulose: 10, // NAC: lactulose 10 g
  glucose: 75, // NAC: glucose 75 g
} as const satisfies Record<Exclude<SubstrateKind, 'other'>, number>;

export const SUBSTRATE_MAX_DOSE_G = 100; // Input sanity bound, not a clinical rule.
export const GAS_MAX_PPM = 500; // Input sanity bound for breath analysers, not a clinical rule.
export const READING_MAX_MINUTE = 300; // Input sanity bound (tests run 2–3 h [SEA]; 5 h leaves room).
export const READINGS_MIN = 2; // A fasting baseline plus at least one sample after the substrate.
export const READINGS_MAX = 40;
export const NOTES_MAX_LENGTH = 2000;
export const DEVICE_MAX_LENGTH = 200;
export const EARLIEST_TEST_DATE = '1900-01-01';

// --- Preparation (NAC Table 1) -------------------------------------------------------------------

export type PreparationItemId =
  | 'antibioticsWithin4Weeks'
  | 'promotilityOrLaxativesWithin1Week'
  | 'fermentableFoodsDayBefore'
  | 'fasted8to12h'
  | 'smokedOnTestDay'
  | 'physicalActivityDuringTest'
  | 'ppiUse'
  | 'probioticsOrPrebiotics';

export interface PreparationItem {
  id: PreparationItemId;
  /** What the stored yes/no records (true = the label holds); FHIR and CSV use this meaning. */
  label: string;
  /**
   * The form's question. For an instruction (deviationWhen set) it is phrased so that Yes means "as
   * instructed", whatever the stored polarity; for context (PPI, probiotics) Yes means the label holds.
   */
  question: string;
  /** What NAC Table 1 expects, in a clinician's words (one sentence); `strength` says how firmly. */
  expected: string;
  /** The answer that departs from the protocol; null when no answer does (NAC sets no rule or allows it). */
  deviationWhen: boolean | null;
  /** The deviation as a statement, for the caution finding; null when there is no deviation. */
  deviationLabel: string | null;
  /** NAC strength: recommend / suggest; 'no position' for pro/prebiotics; 'may continue' for PPIs. */
  strength: 'recommend' | 'suggest' | 'may continue' | 'no position';
  /** Why a deviation limits the result; used in the caution finding. */
  whyItMatters: string;
  /** true: the form must have an answer. */
  required: boolean;
  source: string;
}

/** NAC Table 1 as a checklist, in the order the form shows it. */
export const PREPARATION_ITEMS: readonly PreparationItem[] = [
  {
    id: 'antibioticsWithin4Weeks',
    label: 'Antibiotics taken in the 4 weeks before the test',
    question: 'No antibiotics in the 4 weeks before the test',
    expected: 'No antibiotics for 4 weeks before the test.',
    deviationWhen: true,
    deviationLabel: 'Antibiotics were taken in the 4 weeks before the test',
    strength: 'recommend',
    whyItMatters: 'recent antibiotics suppress gut bacteria, so gas production and a negative result may be falsely low',
    required: true,
    source: 'NAC-T1',
  },
  {
    id: 'promotilityOrLaxativesWithin1Week',
    label: 'Promotility drugs or laxatives taken in the week before the test',
    question: 'No promotility drugs or laxatives in the week before the test',
    expected: 'Stop promotility drugs and laxatives at least 1 week before, if tolerated.',
    deviationWhen: true,
    deviationLabel: 'Promotility drugs or laxatives were taken in the week before the test',
    strength: 'suggest',
    whyItMatters: 'they change intestinal transit, which shifts when the substrate reaches the colon and so when gases rise',
    required: true,
    source: 'NAC-T1',
  },
  {
    id: 'fermentableFoodsDayBefore',
    label: 'Fermentable foods (complex carbohydrates) eaten the day before',
    question: 'No fermentable foods (complex carbohydrates) the day before',
    expected: 'Avoid fermentable foods (complex carbohydrates) the day before.',
    deviationWhen: true,
    deviationLabel: 'Fermentable foods were eaten the day before',
    strength: 'suggest',
    whyItMatters: 'residual fermentation can raise the baseline and blur the rise after the substrate',
    required: true,
    source: 'NAC-T1',
  },
  {
    id: 'fasted8to12h',
    label: 'Fasted 8–12 hours before the test',
    question: 'Fasted 8–12 hours before the test',
    expected: 'Fast for 8–12 hours before the test.',
    deviationWhen: false,
    deviationLabel: 'The patient did not fast for 8–12 hours before the test',
    strength: 'suggest',
    whyItMatters: 'without an adequate fast the baseline can be raised and the rise after the substrate harder to read',
    required: true,
    source: 'NAC-T1',
  },
  {
    id: 'smokedOnTestDay',
    label: 'Smoked on the test day',
    question: 'No smoking on the test day',
    expected: 'No smoking on the test day.',
    deviationWhen: true,
    deviationLabel: 'The patient smoked on the test day',
    strength: 'recommend',
    whyItMatters: 'smoking changes breath gas levels, so readings may not reflect intestinal fermentation',
    required: true,
    source: 'NAC-T1',
  },
  {
    id: 'physicalActivityDuringTest',
    label: 'Physical activity was not limited during the test',
    question: 'Physical activity limited during the test',
    expected: 'Limit physical activity during the test.',
    deviationWhen: true,
    deviationLabel: 'Physical activity was not limited during the test',
    strength: 'recommend',
    whyItMatters: 'activity changes breathing and breath gas levels during sampling',
    required: true,
    source: 'NAC-T1',
  },
  {
    id: 'ppiUse',
    label: 'Taking a proton pump inhibitor (PPI)',
    question: 'Taking a proton pump inhibitor (PPI)',
    expected: 'PPIs need not be stopped for a SIBO breath test (NAC suggests), unlike H. pylori tests, which need a 2-week stop.',
    deviationWhen: null,
    deviationLabel: null,
    strength: 'may continue',
    whyItMatters: 'NAC does not require stopping PPIs; ACG 2020 advises against breath testing asymptomatic patients who take PPIs',
    required: true,
    source: 'NAC-T1',
  },
  {
    id: 'probioticsOrPrebiotics',
    label: 'Taking probiotics or prebiotics',
    question: 'Taking probiotics or prebiotics',
    expected: 'NAC takes no position on probiotics or prebiotics; recorded for context.',
    deviationWhen: null,
    deviationLabel: null,
    strength: 'no position',
    whyItMatters: 'NAC takes no position, so this does not change the reading of the result',
    required: false,
    source: 'NAC-T1',
  },
];

/** An instruction of NAC Table 1 (as opposed to context such as PPI use): Yes on the form means "as instructed". */
export function isInstruction(item: PreparationItem): item is PreparationItem & { deviationWhen: boolean } {
  return item.deviationWhen !== null;
}

/** The stored value for a Yes/No on the form's question. */
export function preparationValueFor(item: PreparationItem, yes: boolean): boolean {
  return isInstruction(item) ? (yes ? !item.deviationWhen : item.deviationWhen) : yes;
}

/** The form's Yes/No for a stored value (undefined: not answered). */
export function preparationAnswerOf(item: PreparationItem, value: boolean | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return isInstruction(item) ? value !== item.deviationWhen : value;
}
