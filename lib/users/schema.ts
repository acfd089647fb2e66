import { z } from 'zod';
import { SPECIALTIES, USER_ROLES } from '@/db/schema/enum-values';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/platform/auth/password-rules';

export const createUserSchema = z
  .object({
    name: z.string().trim().min(2, 'Enter the person’s full name.').max(120, 'Keep the name under 120 characters.'),
    email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')).pipe(z.string().max(254)),
    role: z.enum(USER_ROLES, { error: 'Choose a role.' }),
    specialty: z.enum(SPECIALTIES).optional(),
    patientMrn: z.string().trim().toUpperCase().optional(),
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'clinician' && !v.specialty) ctx.addIssue({ code: 'custom', path: ['specialty'], message: 'Choose the clinician’s specialty.' });
    if (v.role === 'patient' && !v.patientMrn) ctx.addIssue({ code: 'custom', path: ['patientMrn'], message: 'Enter the MRN of the patient this portal account belongs to.' });
  });

export type CreateUserInput = z.input<typeof createUserSchema>;

export const setUserActiveSchema = z.object({ userId: z.uuid('Unknown user.'), active: z.boolean() });
