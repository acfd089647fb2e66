// Input schema for a SIBO/IMO breath test (glucose or lactulose, H2/CH4 and optionally H2S).
// Pure: importable from server actions and from the entry form alike. Clinical facts come from
// ../shared/DOMAIN.md §1; the source key sits beside each one.
import { z } from 'zod';
import { isRealIsoDate } from '../dates';
import { SUBSTRATE_KINDS, SUBSTRATE_MAX_DOSE_G, GAS_MAX_PPM, READING_MAX_MINUTE, READINGS_MIN, READINGS_MAX, NOTES_MAX_LENGTH, DEVICE_MAX_LENGTH, EARLIEST_TEST_DATE, type PreparationItemId, PREPARATION_ITEMS } from './options';

// The option lists and constants live in ./options (no zod), so entry forms can use them without
// shipping the validation code in their first load (docs/PERFORMANCE.md).
export * from './options';

const yesNo = (question: string) => z.boolean({ error: `Answer "${question}" with yes or no.` });

function preparationShape() {
  // The form's wording (Yes = as instructed), so the message names the question the user sees.
  const label = (id: PreparationItemId): string => PREPARATION_ITEMS.find((i) => i.id === id)?.question ?? id;
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


const effectiveDateSchema = z
  .string({ error: 'Enter the test date.' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the test date as YYYY-MM-DD, e.g. 2024-03-18.', abort: true })
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
