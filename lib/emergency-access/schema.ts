import { z } from 'zod';
import { EMERGENCY_REASON_CATEGORIES, EMERGENCY_REASON_MAX_LENGTH, EMERGENCY_REASON_MIN_LENGTH } from './reasons';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Words of two or more letters: "aaaaaaaaaaaaaaaaaaaaa" or "x x x x x x x" is not a reason. */
function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
}

/**
 * A break-the-glass request. The patient is named deliberately: by exact MRN (typed), or by id when the
 * clinician followed a direct link to a record they were refused. Never a search: no browsing the clinic.
 */
export const emergencyAccessRequestSchema = z
  .object({
    mrn: z.preprocess(blankToUndefined, z.string().trim().toUpperCase().max(40, 'An MRN is at most 40 characters.').optional()),
    patientId: z.preprocess(blankToUndefined, z.uuid('That link does not name a patient record.').optional()),
    reasonCategory: z.enum(EMERGENCY_REASON_CATEGORIES, 'Choose why you need emergency access.'),
    reason: z
      .string('Write the reason for emergency access.')
      .trim()
      .min(EMERGENCY_REASON_MIN_LENGTH, `Write at least ${EMERGENCY_REASON_MIN_LENGTH} characters: what is happening and why it cannot wait for the care team.`)
      .max(EMERGENCY_REASON_MAX_LENGTH, `Keep the reason under ${EMERGENCY_REASON_MAX_LENGTH} characters.`)
      .refine((text) => countWords(text) >= 4, 'Write the reason in words (at least four), so the care team can understand it.'),
  })
  .refine((input) => input.mrn !== undefined || input.patientId !== undefined, {
    path: ['mrn'],
    message: 'Enter the patient’s MRN exactly as it appears on their documents (for example AX-100155).',
    // Checked even when other fields failed, so every mistake shows at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export type EmergencyAccessRequest = z.infer<typeof emergencyAccessRequestSchema>;
