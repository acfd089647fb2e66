import { describe, expect, it } from 'vitest';
import { BRISTOL_TYPES, diaryEntryInputSchema, diaryInputFromForm } from '@/lib/diary/schema';

describe('diaryEntryInputSchema', () => {
  it('accepts one field alone and refuses an empty day', () => {
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', itch: 0 }).success).toBe(true);
    const empty = diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', meals: [] });
    expect(empty.success).toBe(false);
  });

  it('range-checks stool type 1–7 and itch/flare 0–10', () => {
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', stoolForm: 0 }).success).toBe(false);
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', stoolForm: 8 }).success).toBe(false);
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', itch: 11 }).success).toBe(false);
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', flare: 2.5 }).success).toBe(false);
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', stoolForm: 7, itch: 10, flare: 0 }).success).toBe(true);
  });

  it('refuses a meal without a description or with a bad time', () => {
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', meals: [{ description: ' ' }] }).success).toBe(false);
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', meals: [{ time: '25:00', description: 'Toast' }] }).success).toBe(false);
    expect(diaryEntryInputSchema.safeParse({ entryDate: '2026-01-02', meals: [{ time: '08:30', description: 'Toast' }] }).success).toBe(true);
  });

  it('describes all seven Bristol types', () => {
    expect(BRISTOL_TYPES.map((t) => t.type)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('diaryInputFromForm', () => {
  it('reads meal rows, drops empty ones, and leaves unset scales undefined', () => {
    const form = new FormData();
    form.set('entryDate', '2026-01-02');
    form.append('meal_time', '08:00');
    form.append('meal_description', 'Oats with berries');
    form.append('meal_time', '');
    form.append('meal_description', '');
    form.set('itch', '4');
    form.set('flare', '');
    expect(diaryInputFromForm(form)).toEqual({ entryDate: '2026-01-02', meals: [{ time: '08:00', description: 'Oats with berries' }], stoolForm: undefined, itch: 4, flare: undefined, notes: undefined, confounders: [] });
  });

  it('reads the ticked confounders once each; a day with only a confounder is an entry', () => {
    const form = new FormData();
    form.set('entryDate', '2026-01-02');
    form.append('confounder', 'illness');
    form.append('confounder', 'illness');
    form.append('confounder', 'new_food');
    const input = diaryInputFromForm(form);
    expect(input.confounders).toEqual(['illness', 'new_food']);
    expect(diaryEntryInputSchema.safeParse(input).success).toBe(true);
    expect(diaryEntryInputSchema.safeParse({ ...input, confounders: ['cosmic rays'] }).success).toBe(false);
  });
});
