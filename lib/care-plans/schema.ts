import { z } from 'zod';
import { SPECIALTIES } from '@/db/schema/enum-values';
import { RESPONSE_WEEKS_MAX, RESPONSE_WEEKS_MIN } from '@/lib/clinical/outcomes/response';
import { INSTRUMENT_IDS } from '@/lib/clinical/scores/instruments';
import { DIET_PHASES, GOAL_STATUSES, GUT_TARGETS, STATUS_CHANGES } from './kinds';

// Inputs of the care plan, parsed at the boundary (lib/care-plans/mutations.ts). Forms send text, so
// blank strings mean "not given" and numbers may arrive as strings.

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `Keep ${label.toLowerCase()} under ${max} characters.`);
const optionalText = (label: string, max: number) => z.preprocess(blankToUndefined, requiredText(label, max).optional());
const isoDate = (label: string) => z.iso.date({ error: `${label} must be a date (YYYY-MM-DD).` });
const optionalDate = (label: string) => z.preprocess(blankToUndefined, isoDate(label).optional());

export const dietDetailsSchema = z.object({
  phase: z.enum(DIET_PHASES, { error: 'Choose the diet phase.' }),
  foods: z
    .array(z.string().trim().min(1).max(80, 'Keep each food under 80 characters.'))
    .max(40, 'List at most 40 foods.')
    .default([]),
  reintroductionDate: optionalDate('Planned reintroduction date'),
});
export const probioticDetailsSchema = z.object({
  // Optional here: a missing strain is a caution to acknowledge (guardrails.ts), not a typing error.
  genus: optionalText('Genus', 80),
  species: optionalText('Species', 80),
  strain: optionalText('Strain', 80),
  product: optionalText('Product', 120),
  doseCfu: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'Dose (CFU per day) must be a number, e.g. 10000000000 for 10 billion.' }).positive('Dose must be more than 0.').max(1e13, 'That dose looks too large: enter CFU per day.').optional(),
  ),
  dose: optionalText('Dose', 120),
  frequency: requiredText('Frequency', 120),
});
export const supplementDetailsSchema = z.object({ name: requiredText('Supplement', 120), dose: requiredText('Dose', 120), frequency: optionalText('Frequency', 120) });
export const medicationDetailsSchema = z.object({ drug: requiredText('Drug', 120), dose: requiredText('Dose', 120), frequency: requiredText('Frequency', 120) });
export const descriptionDetailsSchema = z.object({ description: requiredText('Description', 2000) });

export type DietDetails = z.infer<typeof dietDetailsSchema>;
export type ProbioticDetails = z.infer<typeof probioticDetailsSchema>;

const commonFields = {
  title: requiredText('Title', 200),
  goalId: z.preprocess(blankToUndefined, z.uuid('Choose a goal from the list.').optional()),
  ownerUserId: z.uuid('Choose the clinician who will own this intervention.'),
  ownerSpecialty: z.preprocess(blankToUndefined, z.enum(SPECIALTIES).optional()),
  startDate: optionalDate('Start date'),
  endDate: optionalDate('End date'),
  acknowledgedCautions: z.array(z.string().max(60)).max(20).default([]),
  gutTarget: z.preprocess(blankToUndefined, z.enum(GUT_TARGETS, { error: 'Choose what this treats from the list.' }).optional()),
  responseWeeks: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Judge the response after a whole number of weeks (${RESPONSE_WEEKS_MIN}–${RESPONSE_WEEKS_MAX}).` })
      .int(`Judge the response after a whole number of weeks (${RESPONSE_WEEKS_MIN}–${RESPONSE_WEEKS_MAX}).`)
      .min(RESPONSE_WEEKS_MIN, `Judge the response after at least ${RESPONSE_WEEKS_MIN} week.`)
      .max(RESPONSE_WEEKS_MAX, `Judge the response within ${RESPONSE_WEEKS_MAX} weeks (2 years).`)
      .optional(),
  ),
  ppiLastDoseDate: optionalDate('Last PPI dose'),
  retestDate: optionalDate('Retest date'),
};

const withKind = <K extends string, D extends z.ZodType>(kind: K, details: D) => z.object({ kind: z.literal(kind), details, ...commonFields });

const interventionFields = z.discriminatedUnion(
  'kind',
  [
    withKind('diet', dietDetailsSchema),
    withKind('probiotic', probioticDetailsSchema),
    withKind('supplement', supplementDetailsSchema),
    withKind('medication', medicationDetailsSchema),
    withKind('topical', medicationDetailsSchema),
    withKind('procedure', descriptionDetailsSchema),
    withKind('lifestyle', descriptionDetailsSchema),
    withKind('referral', descriptionDetailsSchema),
  ],
  { error: 'Choose the kind of intervention.' },
);

function checkDates(
  value: { startDate?: string; endDate?: string; kind: string; details: unknown; gutTarget?: string; ppiLastDoseDate?: string; retestDate?: string },
  ctx: z.RefinementCtx,
) {
  if (value.gutTarget === 'h_pylori' && value.kind !== 'medication') {
    ctx.addIssue({ code: 'custom', path: ['gutTarget'], message: 'H. pylori eradication is a prescription medication: choose that kind, or another target.' });
  }
  if (value.ppiLastDoseDate && value.gutTarget !== 'h_pylori') {
    ctx.addIssue({ code: 'custom', path: ['ppiLastDoseDate'], message: 'The last PPI dose times an H. pylori test of cure: choose H. pylori as what this treats, or clear the date.' });
  }
  if (value.retestDate && value.gutTarget !== 'sibo' && value.gutTarget !== 'imo') {
    ctx.addIssue({ code: 'custom', path: ['retestDate'], message: 'A breath retest date is for a SIBO or IMO treatment: choose that as what this treats, or clear the date.' });
  }
  if (value.retestDate && value.startDate && value.retestDate <= value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['retestDate'], message: 'The retest must be after the treatment starts.' });
  }
  if (value.ppiLastDoseDate && value.startDate && value.ppiLastDoseDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['ppiLastDoseDate'], message: 'The last PPI dose cannot be before the therapy starts.' });
  }
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date cannot be before the start date.' });
  }
  const reintro = value.kind === 'diet' ? dietDetailsSchema.safeParse(value.details).data?.reintroductionDate : undefined;
  if (reintro && value.startDate && reintro < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['details', 'reintroductionDate'], message: 'Reintroduction cannot be planned before the diet starts.' });
  }
}

export const proposeInterventionSchema = interventionFields.superRefine(checkDates);
export type ProposeInterventionInput = z.infer<typeof proposeInterventionSchema>;

// Bounded to PostgreSQL's integer: a forged huge number (or a Date, which coerces) is a refusal, not a 500.
const expectedVersion = z.coerce
  .number({ error: 'The version you opened is missing; reload the plan.' })
  .int('The version you opened is missing; reload the plan.')
  .min(1)
  .max(2_147_483_647, 'The version you opened is missing; reload the plan.');

/** An edit carries the whole intervention as the clinician left it, and the version they opened. */
export const updateInterventionSchema = interventionFields
  .and(z.object({ interventionId: z.uuid(), expectedVersion }))
  .superRefine(checkDates);
export type UpdateInterventionInput = z.infer<typeof updateInterventionSchema>;

export const versionedInterventionSchema = z.object({ interventionId: z.uuid(), expectedVersion });

export const declineInterventionSchema = versionedInterventionSchema.extend({
  reason: requiredText('Reason', 500).refine((s) => s.length >= 3, 'Say briefly why you are declining.'),
});

export const changeInterventionStatusSchema = versionedInterventionSchema
  .extend({
    status: z.enum(STATUS_CHANGES, { error: 'Choose a status.' }),
    reason: optionalText('Reason', 500),
    // H. pylori therapy: a PPI continued after the last antibiotic dose moves the test of cure.
    ppiLastDoseDate: optionalDate('Last PPI dose'),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'stopped' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why this intervention is being stopped.' });
  });
export type ChangeInterventionStatusInput = z.infer<typeof changeInterventionStatusSchema>;

const goalFields = {
  description: requiredText('Goal', 500),
  targetInstrument: z.preprocess(blankToUndefined, z.enum(INSTRUMENT_IDS, { error: 'Choose a score from the list.' }).optional()),
  targetValue: optionalText('Target value', 40),
  targetDate: optionalDate('Target date'),
};

export const addGoalSchema = z.object(goalFields);
export type AddGoalInput = z.infer<typeof addGoalSchema>;

export const updateGoalSchema = z.object({
  ...goalFields,
  goalId: z.uuid(),
  expectedVersion,
  status: z.enum(GOAL_STATUSES, { error: 'Choose a status.' }),
});
export type UpdateGoalInput = z.infer<typeof updateGoalSchema>;
