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

/**
 * What else could explain a day's symptoms. A food challenge read over such a day is "inconclusive" with
 * the reason (DOMAIN.md §10.3: confounders), so the patient is asked on the diary form.
 */
export const DIARY_CONFOUNDERS = [
  { id: 'illness', label: 'I was ill (a cold, a stomach bug)', clinical: 'intercurrent illness' },
  { id: 'period', label: 'I had my period', clinical: 'menstruation' },
  { id: 'missed_food', label: 'I missed the test food or its portion', clinical: 'missed or changed challenge dose' },
  { id: 'new_food', label: 'I ate something new or unusual', clinical: 'another new food' },
  { id: 'new_product', label: 'I used a new skin product or medicine', clinical: 'a new skin product or medicine' },
  { id: 'stress', label: 'A very stressful day', clinical: 'a very stressful day' },
] as const;
export type DiaryConfounder = (typeof DIARY_CONFOUNDERS)[number]['id'];
const CONFOUNDER_IDS = DIARY_CONFOUNDERS.map((c) => c.id) as [DiaryConfounder, ...DiaryConfounder[]];
/** The patient's words (portal) and the clinician's (record, verdict reasons). */
export const confounderLabel = (id: string) => DIARY_CONFOUNDERS.find((c) => c.id === id)?.label ?? id;
export const confounderClinicalLabel = (id: string) => DIARY_CONFOUNDERS.find((c) => c.id === id)?.clinical ?? id;

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
    confounders: z.array(z.enum(CONFOUNDER_IDS, { error: 'Choose from the list.' })).max(CONFOUNDER_IDS.length).default([]),
  })
  .superRefine((v, ctx) => {
    const empty = v.meals.length === 0 && v.stoolForm === undefined && v.itch === undefined && v.flare === undefined && !v.notes && v.confounders.length === 0;
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
    confounders: [...new Set(form.getAll('confounder').map(str).filter(Boolean))] as DiaryConfounder[],
  };
}

export function bristolDescription(type: number): string {
  return BRISTOL_TYPES.find((t) => t.type === type)?.description ?? '';
}
