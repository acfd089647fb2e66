import { describe, expect, it } from 'vitest';
import {
  canonicalSpecificIgEUnit,
  FOOD_PANEL_DEFAULT_UNITS,
  FOOD_PANEL_METHOD_IDS,
  FOOD_PANEL_METHODS,
  foodKey,
  foodPanelInputSchema,
  type FoodPanelInputRaw,
} from '@/lib/clinical/food-panels/schema';

const SIGE: FoodPanelInputRaw = { effectiveDate: '2024-05-10', method: 'specific_ige', items: [{ food: 'Peanut', value: 22 }] };
const ELIM: FoodPanelInputRaw = { effectiveDate: '2024-05-10', method: 'elimination_rechallenge', items: [{ food: 'Wheat', outcome: 'reaction' }] };

function issues(raw: unknown): { path: string; message: string }[] {
  const r = foodPanelInputSchema.safeParse(raw);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
const messageAt = (raw: unknown, path: string) => issues(raw).find((i) => i.path === path)?.message;

describe('methods', () => {
  it('labels every method and marks IgG/IgG4 as not validated', () => {
    for (const m of FOOD_PANEL_METHOD_IDS) expect(FOOD_PANEL_METHODS[m]).toBeTruthy();
    expect(FOOD_PANEL_METHODS.igg).toMatch(/not validated/);
    expect(FOOD_PANEL_METHODS.igg4).toMatch(/not validated/);
  });

  it('refuses an unknown method', () => {
    expect(messageAt({ ...SIGE, method: 'hair_analysis' }, 'method')).toBe('Choose the test method.');
  });
});

describe('effectiveDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['2024-5-10', false],
  ])('%s accepted: %s', (date, ok) => {
    expect(foodPanelInputSchema.safeParse({ ...SIGE, effectiveDate: date }).success).toBe(ok);
  });
});

describe('default units', () => {
  it('are kU/L for sIgE, mm for skin prick, mg/L for IgG/IgG4, none for elimination', () => {
    expect(FOOD_PANEL_DEFAULT_UNITS).toEqual({ specific_ige: 'kU/L', skin_prick: 'mm', igg: 'mg/L', igg4: 'mg/L', elimination_rechallenge: null });
  });

  it('are filled into items that give none', () => {
    expect(foodPanelInputSchema.parse(SIGE).items[0]?.unit).toBe('kU/L');
    expect(foodPanelInputSchema.parse({ ...SIGE, method: 'skin_prick', items: [{ food: 'Egg', value: 4 }] }).items[0]?.unit).toBe('mm');
    expect(foodPanelInputSchema.parse({ ...SIGE, method: 'igg4', items: [{ food: 'Egg', value: 4 }] }).items[0]?.unit).toBe('mg/L');
    expect(foodPanelInputSchema.parse(ELIM).items[0]?.unit).toBeUndefined();
  });

  it('keep an entered unit', () => {
    expect(foodPanelInputSchema.parse({ ...SIGE, method: 'igg', items: [{ food: 'Egg', value: 40, unit: 'U/mL' }] }).items[0]?.unit).toBe('U/mL');
    expect(foodPanelInputSchema.parse({ ...SIGE, items: [{ food: 'Egg', value: 4, unit: 'k[IU]/L' }] }).items[0]?.unit).toBe('k[IU]/L');
  });
});

describe('units', () => {
  it.each([
    ['kU/L', true],
    ['ku/l', true],
    ['k[IU]/L', true],
    ['kUA/L', true],
    ['IU/mL', false],
    ['mg/L', false],
  ])('sIgE unit %s accepted: %s', (unit, ok) => {
    expect(foodPanelInputSchema.safeParse({ ...SIGE, items: [{ food: 'Peanut', value: 1, unit }] }).success).toBe(ok);
  });

  it('explains a refused sIgE unit', () => {
    expect(messageAt({ ...SIGE, items: [{ food: 'Peanut', value: 1, unit: 'IU/mL' }] }, 'items.0.unit')).toBe(
      'Specific IgE for Peanut must be in kU/L (or k[IU]/L, kUA/L), not "IU/mL": the class table uses kU/L.',
    );
  });

  it('canonicalises sIgE units', () => {
    expect(canonicalSpecificIgEUnit(' KU/L ')).toBe('kU/L');
    expect(canonicalSpecificIgEUnit('kua/l')).toBe('kUA/L');
    expect(canonicalSpecificIgEUnit('IU/mL')).toBeNull();
  });

  it('requires mm for skin prick', () => {
    expect(messageAt({ ...SIGE, method: 'skin_prick', items: [{ food: 'Egg', value: 0.4, unit: 'cm' }] }, 'items.0.unit')).toMatch(/recorded in mm, not "cm" \(Egg\)/);
  });

  it('refuses mixed units on one panel', () => {
    const raw = { ...SIGE, method: 'igg', items: [{ food: 'Egg', value: 40, unit: 'U/mL' }, { food: 'Milk', value: 40 }] };
    expect(messageAt(raw, 'items')).toBe('The foods use different units (U/mL, mg/L): enter one panel per unit so values can be compared.');
  });

  it('treats the accepted sIgE spellings as one unit', () => {
    const raw = { ...SIGE, items: [{ food: 'Egg', value: 1, unit: 'kUA/L' }, { food: 'Milk', value: 2 }] };
    expect(foodPanelInputSchema.safeParse(raw).success).toBe(true);
  });
});

describe('items', () => {
  it('requires 1 to 200 items', () => {
    expect(messageAt({ ...SIGE, items: [] }, 'items')).toBe('Add at least one food.');
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ food: `food ${i}`, value: i / 10 }));
    expect(foodPanelInputSchema.safeParse({ ...SIGE, items: many(200) }).success).toBe(true);
    expect(messageAt({ ...SIGE, items: many(201) }, 'items')).toBe('A panel can hold at most 200 foods.');
  });

  it('trims food names and limits them to 1–80 characters', () => {
    expect(foodPanelInputSchema.parse({ ...SIGE, items: [{ food: '  Peanut ', value: 1 }] }).items[0]?.food).toBe('Peanut');
    expect(messageAt({ ...SIGE, items: [{ food: '   ', value: 1 }] }, 'items.0.food')).toBe('Enter the food.');
    expect(foodPanelInputSchema.safeParse({ ...SIGE, items: [{ food: 'x'.repeat(80), value: 1 }] }).success).toBe(true);
    expect(messageAt({ ...SIGE, items: [{ food: 'x'.repeat(81), value: 1 }] }, 'items.0.food')).toBe('Keep the food name to 80 characters.');
  });

  it('refuses duplicate foods case-insensitively, naming the food', () => {
    const raw = { ...SIGE, items: [{ food: 'Egg white', value: 1 }, { food: 'Peanut', value: 2 }, { food: 'EGG  WHITE', value: 3 }] };
    expect(messageAt(raw, 'items.2.food')).toBe('"EGG  WHITE" is listed more than once (also item 1): combine or remove the duplicate.');
    expect(foodKey(' Egg   White ')).toBe('egg white');
  });

  it.each(['specific_ige', 'skin_prick', 'igg', 'igg4'] as const)('%s requires a value per food', (method) => {
    expect(messageAt({ ...SIGE, method, items: [{ food: 'Soy' }] }, 'items.0.value')).toMatch(/^Enter the (value|wheal size \(mm\)) for Soy\.$/);
  });

  it('refuses negative values', () => {
    expect(messageAt({ ...SIGE, items: [{ food: 'Soy', value: -0.1 }] }, 'items.0.value')).toBe('A value cannot be negative.');
  });

  it('accepts 0', () => {
    expect(foodPanelInputSchema.safeParse({ ...SIGE, items: [{ food: 'Soy', value: 0 }] }).success).toBe(true);
  });

  it('refuses an outcome on a valued panel', () => {
    expect(messageAt({ ...SIGE, items: [{ food: 'Soy', value: 1, outcome: 'reaction' }] }, 'items.0.outcome')).toMatch(/applies only to elimination and rechallenge/);
  });

  it('elimination–rechallenge requires an outcome and refuses values and units', () => {
    expect(messageAt({ ...ELIM, items: [{ food: 'Wheat' }] }, 'items.0.outcome')).toBe('Record the rechallenge outcome for Wheat: reaction, no reaction or inconclusive.');
    expect(messageAt({ ...ELIM, items: [{ food: 'Wheat', outcome: 'reaction', value: 3 }] }, 'items.0.value')).toMatch(/outcome, not a value/);
    expect(messageAt({ ...ELIM, items: [{ food: 'Wheat', outcome: 'reaction', unit: 'mm' }] }, 'items.0.unit')).toMatch(/outcome, not a unit/);
    expect(messageAt({ ...ELIM, items: [{ food: 'Wheat', outcome: 'maybe' }] }, 'items.0.outcome')).toBe('Choose reaction, no reaction or inconclusive.');
  });
});

describe('cutoff', () => {
  it.each([
    ['igg', true],
    ['igg4', true],
    ['skin_prick', true],
    ['specific_ige', false],
  ] as const)('%s accepts a cut-off: %s', (method, ok) => {
    expect(foodPanelInputSchema.safeParse({ ...SIGE, method, cutoff: 5, items: [{ food: 'Soy', value: 1 }] }).success).toBe(ok);
  });

  it('explains why sIgE and elimination take no cut-off', () => {
    expect(messageAt({ ...SIGE, cutoff: 0.7 }, 'cutoff')).toMatch(/class table \(sensitised from 0\.35 kU\/L\)/);
    expect(messageAt({ ...ELIM, cutoff: 1 }, 'cutoff')).toMatch(/record each food’s outcome/);
  });

  it('must be above 0', () => {
    expect(messageAt({ ...SIGE, method: 'igg', cutoff: 0 }, 'cutoff')).toBe('The cut-off must be above 0.');
  });
});

describe('laboratory and notes', () => {
  it('limits lengths', () => {
    expect(foodPanelInputSchema.safeParse({ ...SIGE, laboratory: 'Mayo Clinic Laboratories', notes: 'x'.repeat(2000) }).success).toBe(true);
    expect(messageAt({ ...SIGE, notes: 'x'.repeat(2001) }, 'notes')).toBe('Keep notes to 2000 characters.');
    expect(messageAt({ ...SIGE, laboratory: 'x'.repeat(121) }, 'laboratory')).toBe('Keep the laboratory name to 120 characters.');
  });
});
