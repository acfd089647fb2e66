import { z } from 'zod';
import { BODY_SITE_IDS } from './sites';

// Photo inputs, parsed at the boundary (lib/photos/mutations.ts). Forms send text: blank means "not given".

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const yesNo = (label: string) => z.enum(['yes', 'no'], { error: `Answer ${label}.` }).transform((v) => v === 'yes');

export const photoMetaSchema = z
  .object({
    bodySite: z.enum(BODY_SITE_IDS, { error: 'Choose where on the body the photo was taken.' }),
    bodySiteDetail: z.preprocess(blankToUndefined, z.string().trim().max(80, 'Keep the site under 80 characters.').optional()),
    takenOn: z.preprocess(blankToUndefined, z.iso.date({ error: 'The date must be a date (YYYY-MM-DD).' }).optional()),
    caption: z.preprocess(blankToUndefined, z.string().trim().max(500, 'Keep the caption under 500 characters.').optional()),
    scoreResultId: z.preprocess(blankToUndefined, z.uuid('Choose a score from the list.').optional()),
    noteSeriesId: z.preprocess(blankToUndefined, z.uuid('Choose a visit note from the list.').optional()),
  })
  .refine((v) => v.bodySite !== 'other' || Boolean(v.bodySiteDetail), { message: 'Describe the site.', path: ['bodySiteDetail'] });

export const photoConsentSchema = z.object({
  clinicalRecord: yesNo('whether photos may be kept in the clinical record'),
  shareWithPatient: yesNo('whether photos may be shared with the patient'),
  teaching: yesNo('whether de-identified photos may be used for teaching'),
});

export type PhotoMeta = z.infer<typeof photoMetaSchema>;
