// The patient's daily food-and-symptom diary: input schema and the plain-language scales the form shows.
// Pure, so the form, the server action and the tests share it.
import { z } from 'zod';
import { effectiveDateSchema } from '@/lib/clinical/scores/schema';

/**
 * Bristol Stool Form Scale (Lewis & Heaton 1997, DOMAIN.md §4 [BSFS]): 1–2 constipation, 3–4 normal,
 * 5 tending to diarrhoea, 6–7 diarrhoea. Descriptions in everyday words.
 */
export const BRISTOL_TYPES = [
  { type: 1, label: 'Type 1', description: 'Separate hard lumps, like nuts (hard to pass)' },
  { type: 2, label: 'Type 2', description: 'Sausage-shaped but lumpy' },
  { type: 3, label: 'Type 3', description: 'Like a sausage, with cracks on the surface' },
  { type: 4, label: 'Type 4', description: 'Like a sausage or snake, smooth and soft' },
  { type: 5, label: 'Type 5', description: 'Soft blobs with clear-cut edges (passed easily)' },
  { type: 6, label: 'Type 6', description: 'Fluffy pieces with ragged edges, mushy' },
  { type: 7, label: 'Type 7', description: 'Watery, no solid pieces, entirely liquid' },
] as const;

export const MAX_MEALS = 12;

const optionalInt = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message).optional();

export const mealSchema = z.object({
  time: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:MM, or leave it empty.')
    .optional(),
  description: z.string().trim().min(1, 'Say what you ate or drank.').max(500, 'Keep each meal under 500 characters.'),
});

export const diaryEntryInputSchema = z
  .object({
    entryDate: effectiveDateSchema,
    meals: z.array(mealSchema).max(MAX_MEALS, `Add at most ${MAX_MEALS} meals per day.`).default([]),
    stoolForm: optionalInt(1, 7, 'Choose a stool type from 1 to 7.'),
    itch: optionalInt(0, 10, 'Choose an itch level from 0 to 10.'),
    flare: optionalInt(0, 10, 'Choose a flare level from 0 to 10.'),
    notes: z.string().trim().max(2000, 'Keep notes under 2000 characters.').optional(),
  })
  .superRefine((v, ctx) => {
    const empty = v.meals.length === 0 && v.stoolForm === undefined && v.itch === undefined && v.flare === undefined && !v.notes;
    if (empty) ctx.addIssue({ code: 'custom', path: ['_form'], message: 'Fill in at least one thing: a meal, your stool type, itch, flare or a note.' });
  });

export type DiaryEntryInput = z.input<typeof diaryEntryInputSchema>;

/** Reads the diary form: repeated meal rows (meal_time / meal_description) and optional scales. */
export function diaryInputFromForm(form: { get(name: string): unknown; getAll(name: string): unknown[] }): DiaryEntryInput {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const num = (name: string) => {
    const s = str(form.get(name));
    return s === '' ? undefined : Number(s);
  };
  const times = form.getAll('meal_time').map(str);
  const descriptions = form.getAll('meal_description').map(str);
  const meals = descriptions
    .map((description, i) => ({ description, time: times[i] || undefined }))
    .filter((m) => m.description !== '' || m.time !== undefined);
  const notes = str(form.get('notes'));
  return {
    entryDate: str(form.get('entryDate')),
    meals,
    stoolForm: num('stoolForm'),
    itch: num('itch'),
    flare: num('flare'),
    notes: notes === '' ? undefined : notes,
  };
}

export function bristolDescription(type: number): string {
  return BRISTOL_TYPES.find((t) => t.type === type)?.description ?? '';
}
