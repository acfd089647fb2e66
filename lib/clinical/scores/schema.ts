// Form and action input for one instrument total. Pure zod so the browser form and the server action share
// the same checks; the range and resolution come from the instrument registry (DOMAIN.md §4).
import { z } from 'zod';
import { EARLIEST_YEAR, isRealIsoDate } from '../dates';
import { INSTRUMENT_IDS, scoreValueProblem } from './instruments';

export const REPORTED_BY = ['clinician', 'patient'] as const;
export type ReportedBy = (typeof REPORTED_BY)[number];


// One message per bad date: the first check that fails.
export const effectiveDateSchema = z
  .string({ error: 'Enter the date the score was taken.' })
  .trim()
  .superRefine((s, ctx) => {
    let message: string | null = null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) message = 'Enter the date as YYYY-MM-DD.';
    // Year before calendar check: Date.UTC maps years 0–99 to 1900–1999.
    else if (Number(s.slice(0, 4)) < EARLIEST_YEAR) message = `Enter a date from ${EARLIEST_YEAR} onwards.`;
    else if (!isRealIsoDate(s)) message = 'Enter a real calendar date.';
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const scoreInputSchema = z
  .object({
    effectiveDate: effectiveDateSchema,
    instrument: z.enum(INSTRUMENT_IDS, { error: 'Choose an instrument.' }),
    // z.number() already refuses NaN and ±Infinity (zod 4).
    value: z.number({ error: 'Enter the score as a number.' }),
    notes: z.string().trim().max(2000, 'Keep notes under 2000 characters.').optional(),
    reportedBy: z.enum(REPORTED_BY, { error: 'Choose who reported the score.' }).default('clinician'),
  })
  .superRefine((v, ctx) => {
    const problem = scoreValueProblem(v.instrument, v.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

/** What a form sends (reportedBy optional). */
export type ScoreFormInput = z.input<typeof scoreInputSchema>;
/** What a parse returns (reportedBy filled in). */
export type ScoreInput = z.output<typeof scoreInputSchema>;
