import { z } from 'zod';
import { DOCUMENT_CATEGORY_IDS } from './categories';

// Document details, parsed at the boundary (lib/documents/mutations.ts). Forms send text: blank means "not given".

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

export const documentMetaSchema = z.object({
  category: z.enum(DOCUMENT_CATEGORY_IDS, { error: 'Choose what kind of document this is.' }),
  title: z.string({ error: 'Give the document a title.' }).trim().min(1, 'Give the document a title.').max(200, 'Keep the title under 200 characters.'),
  documentDate: z.preprocess(blankToUndefined, z.iso.date({ error: 'The date must be a date (YYYY-MM-DD).' }).optional()),
  resultSeriesId: z.preprocess(blankToUndefined, z.uuid('Choose a result from the list.').optional()),
});

export type DocumentMeta = z.infer<typeof documentMetaSchema>;
