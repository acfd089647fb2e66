// Input for one food allergy / "food sensitivity" panel (DOMAIN.md section 3).
// Pure (no I/O) so the entry form can validate in the browser with the same rules the server applies.
import { z } from 'zod';
import { isoDateProblem } from '../dates';
import { FOOD_PANEL_METHOD_IDS, FOOD_PANEL_METHODS, REACTION_OUTCOMES, VALUE_METHODS, FOOD_PANEL_DEFAULT_UNITS, SPECIFIC_IGE_UNITS, FOOD_PANEL_MAX_ITEMS } from './options';

// The option lists and constants live in ./options (no zod), so entry forms can use them without
// shipping the validation code in their first load (docs/PERFORMANCE.md).
export * from './options';


/** Comparison key for duplicate detection: case-insensitive, inner whitespace collapsed. */
export function foodKey(food: string): string {
  return food.trim().replace(/\s+/g, ' ').toLowerCase();
}

const itemSchema = z.object({
  food: z
    .string({ error: 'Enter the food.' })
    .trim()
    .min(1, 'Enter the food.')
    .max(80, 'Keep the food name to 80 characters.'),
  value: z.number({ error: 'Enter the value as a number.' }).min(0, 'A value cannot be negative.').optional(),
  unit: z.string().trim().min(1, 'Enter the unit, or leave it blank for the default.').max(20, 'Keep the unit to 20 characters.').optional(),
  outcome: z.enum(REACTION_OUTCOMES, { error: 'Choose reaction, no reaction or inconclusive.' }).optional(),
});

const baseSchema = z.object({
  effectiveDate: z
    .string({ error: 'Enter the test date (YYYY-MM-DD).' })
    .trim()
    .superRefine((s, ctx) => {
      const problem = isoDateProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: `The test date is not valid: ${problem}` });
    }),
  method: z.enum(FOOD_PANEL_METHOD_IDS, { error: 'Choose the test method.' }),
  laboratory: z.string().trim().min(1, 'Enter the laboratory, or leave it blank.').max(120, 'Keep the laboratory name to 120 characters.').optional(),
  /** Lab's reporting cut-off (IgG/IgG4), or the clinic's wheal threshold in mm (skin prick; default 3 mm). */
  cutoff: z.number({ error: 'Enter the cut-off as a number.' }).gt(0, 'The cut-off must be above 0.').optional(),
  items: z
    .array(itemSchema, { error: 'Add the foods tested.' })
    .min(1, 'Add at least one food.')
    .max(FOOD_PANEL_MAX_ITEMS, `A panel can hold at most ${FOOD_PANEL_MAX_ITEMS} foods.`),
  notes: z.string().trim().max(2000, 'Keep notes to 2000 characters.').optional(),
});

type BaseInput = z.output<typeof baseSchema>;

/** Canonical spelling of an accepted sIgE unit, or null when the unit is not one the class table applies to. */
export function canonicalSpecificIgEUnit(unit: string): (typeof SPECIFIC_IGE_UNITS)[number] | null {
  const u = unit.trim().toLowerCase();
  return SPECIFIC_IGE_UNITS.find((s) => s.toLowerCase() === u) ?? null;
}

function check(v: BaseInput, ctx: z.RefinementCtx): void {
  const label = FOOD_PANEL_METHODS[v.method];
  const needsValue = VALUE_METHODS.includes(v.method);

  if (v.cutoff !== undefined && (v.method === 'specific_ige' || v.method === 'elimination_rechallenge')) {
    ctx.addIssue({
      code: 'custom',
      path: ['cutoff'],
      message:
        v.method === 'specific_ige'
          ? 'A cut-off is not entered for specific IgE: values are read against the class table (sensitised from 0.35 kU/L).'
          : 'A cut-off does not apply to elimination and rechallenge: record each food’s outcome.',
    });
  }

  const seen = new Map<string, number>();
  const units = new Map<string, string>();
  v.items.forEach((item, i) => {
    const at = (field: string) => ['items', i, field];
    const key = foodKey(item.food);
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: at('food'), message: `"${item.food}" is listed more than once (also item ${first + 1}): combine or remove the duplicate.` });
    } else {
      seen.set(key, i);
    }

    if (needsValue) {
      if (item.value === undefined) ctx.addIssue({ code: 'custom', path: at('value'), message: `Enter the ${v.method === 'skin_prick' ? 'wheal size (mm)' : 'value'} for ${item.food}.` });
      if (item.outcome !== undefined) ctx.addIssue({ code: 'custom', path: at('outcome'), message: `An outcome applies only to elimination and rechallenge; ${label.toLowerCase()} records a value for ${item.food}.` });
      const unit = item.unit ?? FOOD_PANEL_DEFAULT_UNITS[v.method] ?? '';
      if (v.method === 'specific_ige' && canonicalSpecificIgEUnit(unit) === null) {
        ctx.addIssue({ code: 'custom', path: at('unit'), message: `Specific IgE for ${item.food} must be in kU/L (or k[IU]/L, kUA/L), not "${unit}": the class table uses kU/L.` });
      }
      if (v.method === 'skin_prick' && unit !== 'mm') {
        ctx.addIssue({ code: 'custom', path: at('unit'), message: `Skin prick wheals are recorded in mm, not "${unit}" (${item.food}).` });
      }
      // One unit per panel, so values can be compared and sorted.
      const norm = v.method === 'specific_ige' ? (canonicalSpecificIgEUnit(unit) === null ? unit : 'kU/L') : unit.toLowerCase();
      if (!units.has(norm)) units.set(norm, unit);
    } else {
      if (item.outcome === undefined) ctx.addIssue({ code: 'custom', path: at('outcome'), message: `Record the rechallenge outcome for ${item.food}: reaction, no reaction or inconclusive.` });
      if (item.value !== undefined) ctx.addIssue({ code: 'custom', path: at('value'), message: `Elimination and rechallenge records an outcome, not a value: clear the value for ${item.food}.` });
      if (item.unit !== undefined) ctx.addIssue({ code: 'custom', path: at('unit'), message: `Elimination and rechallenge records an outcome, not a unit: clear the unit for ${item.food}.` });
    }
  });
  if (units.size > 1) {
    ctx.addIssue({ code: 'custom', path: ['items'], message: `The foods use different units (${[...units.values()].join(', ')}): enter one panel per unit so values can be compared.` });
  }
}

export const foodPanelInputSchema = baseSchema.superRefine(check).transform((v) => ({
  ...v,
  // Fill the method's default unit so stored items always say what the number means.
  items: v.items.map((item) => {
    const unit = item.unit ?? FOOD_PANEL_DEFAULT_UNITS[v.method] ?? undefined;
    return unit === undefined ? item : { ...item, unit };
  }),
}));

/** A validated food panel; every valued item has its unit filled. */
export type FoodPanelInput = z.output<typeof foodPanelInputSchema>;
/** What a form or import may submit (units may be omitted). */
export type FoodPanelInputRaw = z.input<typeof foodPanelInputSchema>;
export type FoodPanelItemInput = FoodPanelInput['items'][number];
