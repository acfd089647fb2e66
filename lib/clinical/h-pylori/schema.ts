// Input for one H. pylori test result, as a clinician enters it or an import supplies it.
// Pure (no I/O) so the entry form can validate in the browser with the same rules the server applies.
// Clinical figures come from ../../../shared/DOMAIN.md section 2; each carries its source key.
import { z } from 'zod';
import { isoDateProblem } from '../dates';
import { H_PYLORI_METHOD_IDS, H_PYLORI_METHODS, H_PYLORI_RESULTS, H_PYLORI_PURPOSES, UBT_KIT_IDS, UBT_DOB_MAX, UBT_DPM_MAX, formatUbtValue, resolveUbtCriterion, ubtVerdict, DAYS_AGO_MAX, INTERFERING_DRUG_RULES } from './options';

// The option lists, kits, drug rules and UBT criteria live in ./options (no zod), so the entry form can
// use them without shipping the validation code in its first load (docs/PERFORMANCE.md).
export * from './options';

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------


function isoDateSchema(what: string) {
  return z
    .string({ error: `Enter the ${what} (YYYY-MM-DD).` })
    .trim()
    .superRefine((s, ctx) => {
      const problem = isoDateProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: `The ${what} is not valid: ${problem}` });
    });
}

// Day arithmetic lives with the one date rule (lib/clinical/dates.ts); re-exported for this kind's callers.
export { addDays, daysBetween } from '@/lib/clinical/dates';

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

const daysAgo = (what: string) =>
  z
    .number({ error: `Enter how many days before the test ${what} was last taken, as a whole number.` })
    .int(`Enter how many days before the test ${what} was last taken, as a whole number.`)
    .min(0, `Days since ${what} was last taken cannot be negative.`)
    .max(DAYS_AGO_MAX, `Days since ${what} was last taken must be at most ${DAYS_AGO_MAX}.`)
    .optional();

const baseSchema = z.object({
  effectiveDate: isoDateSchema('test date'),
  method: z.enum(H_PYLORI_METHOD_IDS, { error: 'Choose the test method.' }),
  result: z.enum(H_PYLORI_RESULTS, { error: 'Choose positive, negative or indeterminate.' }).optional(),
  purpose: z.enum(H_PYLORI_PURPOSES, { error: 'Choose whether this test is for diagnosis or a test of cure.' }).default('diagnosis'),

  // UBT only.
  ubtKit: z.enum(UBT_KIT_IDS, { error: 'Choose a UBT kit from the list, or enter the lab’s cut-off instead.' }).optional(),
  /** Lab-stated cut-off in ‰ DOB, when the kit is not in UBT_KITS. */
  ubtCutoff: z
    .number({ error: 'Enter the lab’s UBT cut-off as a number (‰ DOB).' })
    .gt(0, 'The UBT cut-off must be above 0‰.')
    .max(UBT_DOB_MAX, `The UBT cut-off must be at most ${UBT_DOB_MAX}‰.`)
    .optional(),
  /** ‰ delta-over-baseline (¹³C kits and custom cut-offs). */
  deltaOverBaseline: z
    .number({ error: 'Enter the delta-over-baseline (DOB) as a number in ‰.' })
    .min(0, 'Enter the delta-over-baseline (DOB) from 0 to 200‰.')
    .max(UBT_DOB_MAX, `Enter the delta-over-baseline (DOB) from 0 to ${UBT_DOB_MAX}‰.`)
    .optional(),
  /** Disintegrations per minute (¹⁴C PYtest only). */
  dpm: z
    .number({ error: 'Enter the ¹⁴C count as a number (DPM).' })
    .min(0, 'The ¹⁴C count (DPM) cannot be negative.')
    .max(UBT_DPM_MAX, `The ¹⁴C count must be at most ${UBT_DPM_MAX} DPM.`)
    .optional(),

  // Drugs before the test: days before the test date (preferred) or a yes/no answer for the window.
  ppiLastTakenDaysAgo: daysAgo('a PPI'),
  ppiWithin2Weeks: z.boolean().optional(),
  antibioticsLastTakenDaysAgo: daysAgo('an antibiotic'),
  antibioticsWithin4Weeks: z.boolean().optional(),
  bismuthLastTakenDaysAgo: daysAgo('bismuth'),
  bismuthWithin2Weeks: z.boolean().optional(),
  h2BlockerLastTakenDaysAgo: daysAgo('an H2 blocker'),
  h2BlockerWithin2Weeks: z.boolean().optional(),

  /** Last day of eradication therapy; test of cure only. */
  eradicationTherapyEndDate: isoDateSchema('eradication therapy end date').optional(),

  notes: z.string().trim().max(2000, 'Keep notes to 2000 characters.').optional(),
});

type BaseInput = z.output<typeof baseSchema>;

const UBT_ONLY_FIELDS = [
  ['ubtKit', 'A UBT kit'],
  ['ubtCutoff', 'A UBT cut-off'],
  ['deltaOverBaseline', 'A delta-over-baseline (DOB) value'],
  ['dpm', 'A ¹⁴C count (DPM)'],
] as const;

function check(v: BaseInput, ctx: z.RefinementCtx): void {
  const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const methodLabel = H_PYLORI_METHODS[v.method];

  if (v.method === 'urea_breath_test') {
    // A lab may report a UBT only as positive or negative, with no reading: kept as the lab's qualitative
    // result (interpret.ts says it could not be checked against a cut-off). A reading always needs its cut-off.
    const qualitativeOnly = v.result !== undefined && v.deltaOverBaseline === undefined && v.dpm === undefined;
    if (v.ubtKit === undefined && v.ubtCutoff === undefined && !qualitativeOnly) {
      add('ubtKit', 'Choose the UBT kit, or enter the cut-off printed on the lab report (or, with no reading, the result the lab reported).');
    }
    if (v.ubtKit !== undefined && v.ubtCutoff !== undefined) add('ubtCutoff', 'Choose a named kit or enter a custom cut-off, not both.');
    const criterion = resolveUbtCriterion(v);
    if (criterion) {
      const valueField = criterion.unit === 'dpm' ? 'dpm' : 'deltaOverBaseline';
      const otherField = criterion.unit === 'dpm' ? 'deltaOverBaseline' : 'dpm';
      const value = criterion.unit === 'dpm' ? v.dpm : v.deltaOverBaseline;
      if (value === undefined) {
        add(valueField, criterion.unit === 'dpm' ? 'Enter the ¹⁴C count (DPM) for the PYtest.' : 'Enter the delta-over-baseline (DOB, ‰).');
      } else {
        const derived = ubtVerdict(value, criterion);
        if (v.result !== undefined && v.result !== derived) {
          add(
            'result',
            `The entered result (${v.result}) contradicts the reading: ${formatUbtValue(value, criterion.unit)} against ${criterion.description} is ${derived}. Check the value, the kit or the result.`,
          );
        }
      }
      if (v[otherField] !== undefined) {
        add(otherField, criterion.unit === 'dpm' ? 'The ¹⁴C PYtest is read in DPM, not ‰ DOB: clear the DOB.' : 'A ¹⁴C count (DPM) applies only to the ¹⁴C PYtest: clear it or choose that kit.');
      }
    }
  } else {
    for (const [field, what] of UBT_ONLY_FIELDS) {
      if (v[field] !== undefined) add(field, `${what} applies only to urea breath tests, not ${methodLabel.toLowerCase()}.`);
    }
    if (v.result === undefined) add('result', 'Enter the result: positive, negative or indeterminate.');
  }

  // A day count and a yes/no answer for the same drug must agree.
  for (const rule of INTERFERING_DRUG_RULES) {
    const days = v[rule.daysField];
    const within = v[rule.withinField];
    if (days !== undefined && within !== undefined && days < rule.windowDays !== within) {
      add(
        rule.withinField,
        `Last taken ${days} days before the test is ${days < rule.windowDays ? 'within' : 'outside'} the ${rule.windowAdj} window, but the answer says ${within ? 'within' : 'not within'}: correct one of them.`,
      );
    }
  }

  if (v.eradicationTherapyEndDate !== undefined) {
    if (v.purpose !== 'test_of_cure') {
      add('eradicationTherapyEndDate', 'The therapy end date is used for a test of cure: choose "Test of cure" as the purpose, or clear the date.');
    } else if (isoDateProblem(v.eradicationTherapyEndDate) === null && isoDateProblem(v.effectiveDate) === null && v.eradicationTherapyEndDate > v.effectiveDate) {
      add('eradicationTherapyEndDate', `The therapy end date (${v.eradicationTherapyEndDate}) is after the test date (${v.effectiveDate}): a test of cure comes after therapy.`);
    }
  }
}

export const hPyloriInputSchema = baseSchema.superRefine(check);

/** A validated H. pylori result entry. For UBT, `result` may be omitted: it is derived from the value and cut-off. */
export type HPyloriInput = z.output<typeof hPyloriInputSchema>;
/** What a form or import may submit (purpose may be omitted: it defaults to diagnosis). */
export type HPyloriInputRaw = z.input<typeof hPyloriInputSchema>;
