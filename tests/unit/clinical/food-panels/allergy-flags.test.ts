import { describe, expect, it } from 'vitest';
import { foodAllergyFlags, type StoredFoodPanel } from '@/lib/clinical/food-panels/allergy-flags';
import { interpretFoodPanel } from '@/lib/clinical/food-panels/interpret';
import { foodPanelInputSchema } from '@/lib/clinical/food-panels/schema';

function panel(resultId: string, raw: Record<string, unknown>): StoredFoodPanel {
  const input = foodPanelInputSchema.parse(raw);
  return { resultId, effectiveDate: input.effectiveDate, interpretation: JSON.parse(JSON.stringify(interpretFoodPanel(input))) as Record<string, unknown> };
}

describe('foodAllergyFlags', () => {
  const sige = panel('sige', { effectiveDate: '2025-02-01', method: 'specific_ige', items: [{ food: 'Peanut', value: 4.2 }, { food: 'Egg', value: 0.5 }, { food: 'Soy', value: 0.2 }] });
  const prick = panel('prick', { effectiveDate: '2025-03-01', method: 'skin_prick', items: [{ food: 'peanut ', value: 6 }, { food: 'Sesame', value: 5 }, { food: 'Fish', value: 1 }] });
  const igg = panel('igg', { effectiveDate: '2025-04-01', method: 'igg', cutoff: 7.5, items: [{ food: 'Wheat', value: 30, unit: 'U/mL' }] });
  const elimination = panel('elim', { effectiveDate: '2025-01-01', method: 'elimination_rechallenge', items: [{ food: 'Cow milk', outcome: 'reaction' }, { food: 'Oats', outcome: 'inconclusive' }] });

  it('flags validated methods only, newest panel first, one flag per food', () => {
    const flags = foodAllergyFlags([sige, igg, elimination, prick]);
    expect(flags.map((f) => `${f.food}: ${f.basis}`)).toEqual(['peanut: skin prick 6 mm', 'Sesame: skin prick 5 mm', 'Egg: sIgE class 1', 'Cow milk: reaction on rechallenge']);
    expect(flags.find((f) => f.food === 'Egg')?.resultId).toBe('sige');
  });

  it('never flags an IgG panel, however high, nor a class-0 sIgE or an inconclusive rechallenge', () => {
    expect(foodAllergyFlags([igg])).toEqual([]);
    const flags = foodAllergyFlags([sige, elimination]).map((f) => f.food);
    expect(flags).not.toContain('Soy');
    expect(flags).not.toContain('Oats');
  });

  it('ignores interpretations of a shape it does not know rather than failing the page', () => {
    const odd: StoredFoodPanel[] = [
      { resultId: 'a', effectiveDate: '2025-01-01', interpretation: {} },
      { resultId: 'b', effectiveDate: '2025-01-01', interpretation: { method: 'specific_ige', items: 'nope' } },
      { resultId: 'c', effectiveDate: '2025-01-01', interpretation: { method: 'specific_ige', items: [null, 3, { food: 1, crossesCutoff: true }, { food: 'Kiwi', crossesCutoff: true }] } },
    ];
    expect(foodAllergyFlags(odd).map((f) => [f.food, f.basis])).toEqual([['Kiwi', 'specific IgE']]);
  });
});
