// Input for a patient's questionnaire submission. Pure zod, shared by the server action and tests.
import { z } from 'zod';
import { effectiveDateSchema } from '@/lib/clinical/scores/schema';
import { QUESTIONNAIRE_IDS } from './definitions';

export const questionnaireSubmissionSchema = z.object({
  instrument: z.enum(QUESTIONNAIRE_IDS, { error: 'Choose a questionnaire.' }),
  effectiveDate: effectiveDateSchema,
  // Item id → chosen answer value; checked item by item against the definition by scoreQuestionnaire.
  answers: z.record(z.string(), z.string(), { error: 'Answer the questions.' }),
});

export type QuestionnaireSubmission = z.output<typeof questionnaireSubmissionSchema>;

/** Today plus one day of slack: the server runs in UTC and a patient east of it is already in tomorrow. */
export function latestAllowedDate(now = new Date()): string {
  return new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
