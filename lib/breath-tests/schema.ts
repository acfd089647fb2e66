// Input schema for a SIBO/IMO breath test (glucose or lactulose, H2/CH4 and optionally H2S).
// Pure: importable from server actions and from the entry form alike. Clinical facts come from
// ../shared/DOMAIN.md §1; the source key sits beside each one.
import { z } from 'zod';

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
  /** The checklist question, answered yes/no. */
  label: string;
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
    expected: 'NAC takes no position on probiotics or prebiotics; recorded for context.',
    deviationWhen: null,
    deviationLabel: null,
    strength: 'no position',
    whyItMatters: 'NAC takes no position, so this does not change the reading of the result',
    required: false,
    source: 'NAC-T1',
  },
];

const yesNo = (question: string) => z.boolean({ error: `Answer "${question}" with yes or no.` });

function preparationShape() {
  const label = (id: PreparationItemId): string => PREPARATION_ITEMS.find((i) => i.id === id)?.label ?? id;
  return {
    antibioticsWithin4Weeks: yesNo(label('antibioticsWithin4Weeks')),
    promotilityOrLaxativesWithin1Week: yesNo(label('promotilityOrLaxativesWithin1Week')),
    fermentableFoodsDayBefore: yesNo(label('fermentableFoodsDayBefore')),
    fasted8to12h: yesNo(label('fasted8to12h')),
    smokedOnTestDay: yesNo(label('smokedOnTestDay')),
    physicalActivityDuringTest: yesNo(label('physicalActivityDuringTest')),
    ppiUse: yesNo(label('ppiUse')),
    probioticsOrPrebiotics: yesNo(label('probioticsOrPrebiotics')).optional(),
  } satisfies Record<PreparationItemId, z.ZodType>;
}

export const preparationSchema = z.object(preparationShape(), {
  error: 'Complete the preparation checklist (NAC Table 1).',
});

// --- Dates ---------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** true when `value` is 'YYYY-MM-DD' and names a day that exists (no 2023-02-29). */
export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const effectiveDateSchema = z
  .string({ error: 'Enter the test date.' })
  .trim()
  .regex(ISO_DATE, { error: 'Enter the test date as YYYY-MM-DD, e.g. 2024-03-18.', abort: true })
  .refine(isRealIsoDate, { error: 'The test date is not a real calendar date.', abort: true })
  // ISO dates compare correctly as strings.
  .refine((v) => v >= EARLIEST_TEST_DATE, { error: 'The test date cannot be before 1900.' });

// --- Substrate -----------------------------------------------------------------------------------

export const substrateSchema = z
  .object(
    {
      kind: z.enum(SUBSTRATE_KINDS, { error: 'Choose the substrate: lactulose, glucose or other.' }),
      doseGrams: z
        .number({ error: 'Enter the substrate dose in grams.' })
        .gt(0, { error: `The substrate dose must be more than 0 g and at most ${SUBSTRATE_MAX_DOSE_G} g.` })
        .max(SUBSTRATE_MAX_DOSE_G, { error: `The substrate dose must be more than 0 g and at most ${SUBSTRATE_MAX_DOSE_G} g.` }),
      name: z
        .string()
        .trim()
        .max(100, { error: 'Keep the substrate name under 100 characters.' })
        .transform((v) => (v ? v : undefined))
        .optional(),
    },
    { error: 'Enter the substrate and its dose.' },
  )
  .superRefine((s, ctx) => {
    if (s.kind === 'other' && !s.name) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Name the substrate (e.g. fructose) when it is not lactulose or glucose.' });
    }
  });

// --- Readings ------------------------------------------------------------------------------------

const readingSchema = z.object(
  {
    minute: z.number({ error: 'Enter the time of the reading in minutes.' }),
    h2: z.number({ error: 'Enter hydrogen (H2) in ppm.' }),
    ch4: z.number({ error: 'Enter methane (CH4) in ppm.' }),
    h2s: z.number({ error: 'Enter hydrogen sulfide (H2S) in ppm, or leave it empty.' }).nullable().optional(),
  },
  { error: 'Each reading needs a time, hydrogen and methane.' },
);

export type BreathTestReading = z.output<typeof readingSchema>;

const isWholeMinute = (m: number) => Number.isInteger(m) && m >= 0 && m <= READING_MAX_MINUTE;

/** "Reading 3 (60 min)", or "Reading 3" when the time itself is unusable. */
function readingLabel(index: number, minute: number | null): string {
  return minute !== null && isWholeMinute(minute) ? `Reading ${index + 1} (${minute} min)` : `Reading ${index + 1}`;
}

const inPpmRange = (v: number) => Number.isFinite(v) && v >= 0 && v <= GAS_MAX_PPM;

export const readingsSchema = z
  .array(readingSchema, { error: 'Enter the breath readings.' })
  .min(READINGS_MIN, { error: `Enter at least ${READINGS_MIN} readings: the fasting baseline at 0 min and at least one after the substrate.` })
  .max(READINGS_MAX, { error: `Enter at most ${READINGS_MAX} readings.` })
  .superRefine(
    (readings, ctx) => {
      // Runs even when some readings have type errors (see `when`), so every range/order problem is
      // reported in one pass; values of the wrong type were already reported by readingSchema.
      const list: unknown[] = readings;
      let prevMinute: number | null = null;
      let prevIndex = -1;
      list.forEach((raw, i) => {
        if (typeof raw !== 'object' || raw === null) return;
        const r = raw as Record<string, unknown>;
        const minute = typeof r.minute === 'number' ? r.minute : null;
        const name = readingLabel(i, minute);
        if (minute !== null && !isWholeMinute(minute)) {
          ctx.addIssue({ code: 'custom', path: [i, 'minute'], message: `${name}: time must be a whole number of minutes from 0 to ${READING_MAX_MINUTE}.` });
        }
        if (typeof r.h2 === 'number' && !inPpmRange(r.h2)) {
          ctx.addIssue({ code: 'custom', path: [i, 'h2'], message: `${name}: hydrogen must be 0–${GAS_MAX_PPM} ppm.` });
        }
        if (typeof r.ch4 === 'number' && !inPpmRange(r.ch4)) {
          ctx.addIssue({ code: 'custom', path: [i, 'ch4'], message: `${name}: methane must be 0–${GAS_MAX_PPM} ppm.` });
        }
        if (typeof r.h2s === 'number' && !inPpmRange(r.h2s)) {
          ctx.addIssue({ code: 'custom', path: [i, 'h2s'], message: `${name}: hydrogen sulfide must be 0–${GAS_MAX_PPM} ppm, or left empty.` });
        }
        if (minute === null) return;
        if (i === 0 && minute !== 0) {
          ctx.addIssue({
            code: 'custom',
            path: [0, 'minute'],
            message: `Reading 1 is at ${minute} min: the first reading must be the fasting baseline at 0 min.`,
          });
        }
        if (prevMinute !== null && minute <= prevMinute) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'minute'],
            message: `${name}: must be later than reading ${prevIndex + 1} (${prevMinute} min); times must increase.`,
          });
        }
        prevMinute = minute;
        prevIndex = i;
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  );

// --- Whole input ---------------------------------------------------------------------------------

export const breathTestInputSchema = z.object({
  effectiveDate: effectiveDateSchema,
  substrate: substrateSchema,
  preparation: preparationSchema,
  readings: readingsSchema,
  device: z
    .string()
    .trim()
    .max(DEVICE_MAX_LENGTH, { error: `Keep the device name under ${DEVICE_MAX_LENGTH} characters.` })
    .transform((v) => (v ? v : undefined))
    .optional(),
  notes: z
    .string()
    .trim()
    .max(NOTES_MAX_LENGTH, { error: `Notes must be ${NOTES_MAX_LENGTH} characters or fewer.` })
    .transform((v) => (v ? v : undefined))
    .optional(),
});

export type BreathTestInput = z.output<typeof breathTestInputSchema>;
export type BreathTestFormInput = z.input<typeof breathTestInputSchema>;
export type BreathTestPreparation = BreathTestInput['preparation'];
export type BreathTestSubstrate = BreathTestInput['substrate'];
