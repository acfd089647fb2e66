import { z } from 'zod';
import { CHALLENGE_RISK_FACTORS } from '@/lib/clinical/reintroduction/safety';
import { PROTOCOL_REASON_KINDS } from './reasons';
import { CHALLENGE_DAYS_MAX, CHALLENGE_DAYS_MIN, ELIMINATION_WEEKS_MAX, ELIMINATION_WEEKS_MIN, REINTRODUCTION_DEFAULTS, WASHOUT_DAYS_MAX, WASHOUT_DAYS_MIN } from '@/lib/clinical/reintroduction/schedule';

// Inputs of the elimination → reintroduction protocol, parsed at the boundary (lib/reintroduction/protocols.ts).
// Pure, so the form, the server and the tests share it. Forms send text: blanks mean "not given".

export { PROTOCOL_REASON_KINDS, PROTOCOL_REASON_LABELS } from './reasons';
export const VERDICTS = ['reacted', 'tolerated', 'inconclusive'] as const;
export const REACTION_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export const MAX_PROTOCOL_FOODS = 20;

/** The caution an IgG/IgG4-based reason must acknowledge (DOMAIN.md §3.2). */
export const IGG_REASON_CAUTION = 'igg-reason';

const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const isoDate = (label: string) => z.iso.date({ error: `${label} must be a date (YYYY-MM-DD).` });
const food = z.string({ error: 'Name the food.' }).trim().min(1, 'Name the food.').max(80, 'Keep each food under 80 characters.');
const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a whole number from ${min} to ${max}.` })
    .int(`${label} must be a whole number from ${min} to ${max}.`)
    .min(min, `${label} must be a whole number from ${min} to ${max}.`)
    .max(max, `${label} must be a whole number from ${min} to ${max}.`);

export const challengeInputSchema = z.object({
  food,
  portions: z
    .array(z.string().trim().min(1, 'Every challenge day needs its portion.').max(80, 'Keep each portion under 80 characters.'))
    .min(CHALLENGE_DAYS_MIN, `Give one portion per challenge day, ${CHALLENGE_DAYS_MIN} to ${CHALLENGE_DAYS_MAX} days.`)
    .max(CHALLENGE_DAYS_MAX, `Give one portion per challenge day, ${CHALLENGE_DAYS_MIN} to ${CHALLENGE_DAYS_MAX} days.`),
  washoutDays: z.preprocess(blank, wholeNumber('The washout', WASHOUT_DAYS_MIN, WASHOUT_DAYS_MAX).default(REINTRODUCTION_DEFAULTS.washoutDays)),
});
export type ChallengeInput = z.infer<typeof challengeInputSchema>;

const challengesSchema = z.array(challengeInputSchema).max(MAX_PROTOCOL_FOODS, `At most ${MAX_PROTOCOL_FOODS} challenges.`);

export const startProtocolSchema = z
  .object({
    foods: z
      .array(food)
      .min(1, 'Choose at least one food to eliminate.')
      .max(MAX_PROTOCOL_FOODS, `Eliminate at most ${MAX_PROTOCOL_FOODS} foods at once.`),
    reasonKind: z.enum(PROTOCOL_REASON_KINDS, { error: 'Choose why these foods are eliminated.' }),
    reasonResultId: z.preprocess(blank, z.uuid('Choose one of this patient’s food-panel results.').optional()),
    reasonText: z.preprocess(blank, z.string().trim().max(1000, 'Keep the reason under 1000 characters.').optional()),
    startDate: isoDate('The start date'),
    eliminationWeeks: z.preprocess(blank, wholeNumber('The elimination length in weeks', ELIMINATION_WEEKS_MIN, ELIMINATION_WEEKS_MAX).default(REINTRODUCTION_DEFAULTS.eliminationWeeks)),
    supervisorId: z.uuid('Choose the supervising clinician.'),
    challenges: challengesSchema,
    /** Raise a referral task for each food an at-home challenge is refused for. */
    referToAllergist: z.boolean().default(true),
    /** Risk factors for a severe challenge reaction (DOMAIN.md §10.4 [NOWAK-RISK]): any one refuses every at-home challenge. */
    riskFactors: z.array(z.enum(CHALLENGE_RISK_FACTORS, { error: 'Choose risk factors from the list.' })).max(CHALLENGE_RISK_FACTORS.length).default([]),
    acknowledgedCautions: z.array(z.string().max(60)).max(10).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.reasonKind === 'food_panel' && !v.reasonResultId) ctx.addIssue({ code: 'custom', path: ['reasonResultId'], message: 'Choose the food-panel result behind this elimination.' });
    if (v.reasonKind !== 'food_panel' && !v.reasonText) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: 'Say what was seen: the diary pattern or the clinical suspicion.' });
  });
export type StartProtocolInput = z.input<typeof startProtocolSchema>;

const versioned = { protocolId: z.uuid('Unknown protocol.'), expectedVersion: z.coerce.number().int().min(1) };

export const updateChallengesSchema = z.object({ ...versioned, challenges: challengesSchema });
export const versionedProtocolSchema = z.object(versioned);
export const stopProtocolSchema = z.object({ ...versioned, reason: z.string({ error: 'Say why the protocol stops.' }).trim().min(1, 'Say why the protocol stops.').max(500, 'Keep the reason under 500 characters.') });

export const confirmVerdictSchema = z.object({
  ...versioned,
  food,
  verdict: z.enum(VERDICTS, { error: 'Choose reacted, tolerated or inconclusive.' }),
  reason: z.preprocess(blank, z.string().trim().max(500, 'Keep the reason under 500 characters.').optional()),
  reviewDate: z.preprocess(blank, isoDate('The review date').optional()),
});

export const reportReactionSchema = z.object({
  occurredOn: isoDate('The date'),
  occurredTime: z.preprocess(blank, z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:MM, or leave it empty.').optional()),
  symptom: z.string({ error: 'Say what happened.' }).trim().min(1, 'Say what happened.').max(200, 'Keep it under 200 characters.'),
  severity: z.enum(REACTION_SEVERITIES, { error: 'Choose mild, moderate or severe.' }),
  gutOnly: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
  notes: z.preprocess(blank, z.string().trim().max(1000, 'Keep notes under 1000 characters.').optional()),
});

/** "Elimination and reintroduction: Dairy, Wheat / gluten": how a protocol reads in the plan's history and its tasks. */
export function protocolTitle(foods: readonly string[]): string {
  return `Elimination and reintroduction: ${foods.join(', ')}`;
}
