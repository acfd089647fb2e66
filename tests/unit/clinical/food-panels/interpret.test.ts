import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FOOD_PANEL_IGG_CAVEAT,
  FOOD_PANEL_IGG_CAVEAT_SOURCE,
  interpretFoodPanel,
  SIGE_CLASS_0_1_MIN_KU_L,
  SIGE_CLASS_1_MIN_KU_L,
  SIGE_CLASS_2_MIN_KU_L,
  SIGE_CLASS_3_MIN_KU_L,
  SIGE_CLASS_4_MIN_KU_L,
  SIGE_CLASS_5_MIN_KU_L,
  SIGE_CLASS_6_MIN_KU_L,
  SIGE_SENSITISATION_CUTOFF_KU_L,
  SKIN_PRICK_POSITIVE_WHEAL_MM,
  specificIgEClass,
} from '@/lib/clinical/food-panels/interpret';
import { foodPanelInputSchema, type FoodPanelInputRaw, type ReactionOutcome } from '@/lib/clinical/food-panels/schema';

function run(raw: FoodPanelInputRaw) {
  return interpretFoodPanel(foodPanelInputSchema.parse(raw));
}

const panel = (method: FoodPanelInputRaw['method'], items: FoodPanelInputRaw['items'], extra: Partial<FoodPanelInputRaw> = {}): FoodPanelInputRaw => ({
  effectiveDate: '2024-05-10',
  method,
  items,
  ...extra,
});

const sige = (values: Record<string, number>) =>
  run(
    panel(
      'specific_ige',
      Object.entries(values).map(([food, value]) => ({ food, value })),
    ),
  );

describe('sIgE class boundaries (DOMAIN.md 3.1, Mayo)', () => {
  it('constants match DOMAIN.md', () => {
    expect([SIGE_CLASS_1_MIN_KU_L, SIGE_CLASS_2_MIN_KU_L, SIGE_CLASS_3_MIN_KU_L, SIGE_CLASS_4_MIN_KU_L, SIGE_CLASS_5_MIN_KU_L, SIGE_CLASS_6_MIN_KU_L]).toEqual([0.35, 0.7, 3.5, 17.5, 50, 100]);
    expect(SIGE_CLASS_0_1_MIN_KU_L).toBe(0.1);
    expect(SIGE_SENSITISATION_CUTOFF_KU_L).toBe(0.35);
  });

  it.each([
    // [value, class]: each lower edge inclusive; the table's upper figures belong to the class below.
    [0, 0],
    [0.09, 0],
    [0.1, 0],
    [0.34, 0],
    [0.349, 0],
    [0.35, 1],
    [0.36, 1],
    [0.69, 1],
    [0.699, 1],
    [0.7, 2],
    [0.71, 2],
    [3.49, 2],
    [3.5, 3],
    [3.51, 3],
    [17.4, 3],
    [17.49, 3],
    [17.5, 4],
    [17.6, 4],
    [49.9, 4],
    [49.99, 4],
    [50, 5],
    [50.1, 5],
    [99.9, 5],
    [99.99, 5],
    [100, 6],
    [100.1, 6],
    [5000, 6],
  ] as const)('%s kU/L → class %s', (v, cls) => {
    expect(specificIgEClass(v)).toBe(cls);
  });

  it('rejects NaN', () => {
    expect(() => specificIgEClass(Number.NaN)).toThrow(RangeError);
  });

  it('is an integer 0..6 and non-decreasing in the value (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const cl = specificIgEClass(lo);
        const ch = specificIgEClass(hi);
        expect(Number.isInteger(cl) && cl >= 0 && cl <= 6).toBe(true);
        expect(Number.isInteger(ch) && ch >= 0 && ch <= 6).toBe(true);
        expect(cl).toBeLessThanOrEqual(ch);
      }),
    );
  });
});

describe('sIgE panels', () => {
  it.each([
    [0.34, false],
    [0.35, true],
    [0.36, true],
  ])('%s kU/L crosses the 0.35 cut-off: %s', (value, crosses) => {
    expect(sige({ Peanut: value }).items[0]?.crossesCutoff).toBe(crosses);
  });

  it('labels items with Mayo wording, including class 0/1', () => {
    const r = sige({ a: 0.05, b: 0.1, c: 0.34, d: 0.35, e: 0.7, f: 3.5, g: 17.5, h: 50, i: 100 });
    const label = (food: string) => r.items.find((i) => i.food === food)?.label;
    expect(label('a')).toBe('Class 0: negative (< 0.35 kU/L)');
    expect(label('b')).toBe('Class 0/1: borderline/equivocal (0.10–0.34 kU/L)');
    expect(label('c')).toBe('Class 0/1: borderline/equivocal (0.10–0.34 kU/L)');
    expect(label('d')).toBe('Class 1: equivocal (0.35–0.69 kU/L)');
    expect(label('e')).toBe('Class 2: positive (0.70–3.49 kU/L)');
    expect(label('f')).toBe('Class 3: positive (3.50–17.4 kU/L)');
    expect(label('g')).toBe('Class 4: strongly positive (17.5–49.9 kU/L)');
    expect(label('h')).toBe('Class 5: strongly positive (50.0–99.9 kU/L)');
    expect(label('i')).toBe('Class 6: strongly positive (≥ 100 kU/L)');
  });

  it.each([
    [{ a: 0.2, b: 0.34 }, 'normal'],
    [{ a: 0.2, b: 0.35 }, 'indeterminate'],
    [{ a: 0.69 }, 'indeterminate'],
    [{ a: 0.7 }, 'abnormal'],
    [{ a: 0.4, b: 120 }, 'abnormal'],
  ] as const)('flag for %o is %s (class 1 equivocal, class ≥ 2 abnormal)', (values, flag) => {
    expect(sige(values).flag).toBe(flag);
  });

  it('worked example: 3 of 12 foods sensitised', () => {
    const r = sige({
      peanut: 22,
      'egg white': 1.2,
      'cow’s milk': 0.4,
      wheat: 0.2,
      soy: 0.1,
      cod: 0.05,
      shrimp: 0,
      sesame: 0.3,
      hazelnut: 0.34,
      almond: 0.01,
      oat: 0,
      rice: 0,
    });
    expect(r.summary).toBe('Specific IgE: 3 of 12 foods sensitised (peanut class 4, egg white class 2, cow’s milk class 1)');
    expect(r.crossingCount).toBe(3);
    expect(r.flag).toBe('abnormal');
    expect(r.items.slice(0, 3).map((i) => [i.food, i.sIgEClass])).toEqual([
      ['peanut', 4],
      ['egg white', 2],
      ['cow’s milk', 1],
    ]);
    const sens = r.findings.find((f) => f.rule === 'sige-sensitised');
    expect(sens).toMatchObject({ status: 'positive', source: 'MAYO-IGE' });
    expect(sens?.text).toBe('Sensitised (≥ 0.35 kU/L, class 1 or above) to 3 of 12 foods: peanut 22 kU/L (class 4), egg white 1.2 kU/L (class 2), cow’s milk 0.4 kU/L (class 1).');
    expect(r.findings.find((f) => f.rule === 'sige-class-0-1')?.text).toBe(
      'Newer reports call 0.10–0.34 kU/L class 0/1 (borderline/equivocal): hazelnut 0.34 kU/L, sesame 0.3 kU/L, wheat 0.2 kU/L, soy 0.1 kU/L.',
    );
  });

  it('cautions that sensitisation is not allergy whenever a food is sensitised', () => {
    const r = sige({ peanut: 0.35 });
    const c = r.findings.find((f) => f.rule === 'sensitisation-not-allergy');
    expect(c?.status).toBe('caution');
    expect(c?.text).toMatch(/Sensitisation is not allergy/);
    expect(c?.text).toMatch(/matching history/);
    expect(c?.source).toBe('NIAID, AAAAI-CW');
    expect(r.cautions).toContain(c?.text);
    expect(sige({ peanut: 0.34 }).cautions).toEqual([]);
  });

  it('says when nothing is sensitised', () => {
    const r = sige({ peanut: 0.1, egg: 0 });
    expect(r.summary).toBe('Specific IgE: none of 2 foods sensitised (all < 0.35 kU/L)');
    expect(r.findings.find((f) => f.rule === 'sige-sensitised')?.status).toBe('negative');
  });

  it('names up to five foods in the summary, then "+N more"', () => {
    const r = sige({ a: 7, b: 6, c: 5, d: 4, e: 3.9, f: 2, g: 1 });
    expect(r.summary).toBe('Specific IgE: 7 of 7 foods sensitised (a class 3, b class 3, c class 3, d class 3, e class 3, +2 more)');
  });

  it('points to the lab’s own class table', () => {
    expect(sige({ peanut: 1 }).findings.find((f) => f.rule === 'sige-lab-class-table')?.source).toBe('ARUP, VIBRANT');
  });

  it('crosses the cut-off exactly when the class is ≥ 1 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (v) => {
        const item = sige({ food: v }).items[0];
        expect(item?.crossesCutoff).toBe((item?.sIgEClass ?? 0) >= 1);
      }),
    );
  });
});

describe('skin prick (≥ 3 mm wheal)', () => {
  it('threshold constant', () => {
    expect(SKIN_PRICK_POSITIVE_WHEAL_MM).toBe(3);
  });

  it.each([
    [2.9, false, 'normal'],
    [3, true, 'abnormal'],
    [3.1, true, 'abnormal'],
  ] as const)('%s mm → positive %s (%s)', (mm, pos, flag) => {
    const r = run(panel('skin_prick', [{ food: 'Peanut', value: mm }]));
    expect(r.items[0]?.crossesCutoff).toBe(pos);
    expect(r.items[0]?.label).toBe(pos ? 'Positive wheal (≥ 3 mm)' : 'Below 3 mm');
    expect(r.flag).toBe(flag);
  });

  it('worked example with summary and cautions', () => {
    const r = run(panel('skin_prick', [{ food: 'Egg', value: 4 }, { food: 'Peanut', value: 6 }, { food: 'Milk', value: 1 }]));
    expect(r.summary).toBe('Skin prick: 2 of 3 foods sensitised (Peanut 6 mm, Egg 4 mm)');
    expect(r.cautions.some((c) => /Sensitisation is not allergy/.test(c))).toBe(true);
    expect(r.findings.find((f) => f.rule === 'skin-prick-threshold')?.text).toMatch(/histamine control/);
  });

  it('honours a clinic threshold', () => {
    const r = run(panel('skin_prick', [{ food: 'Peanut', value: 4 }], { cutoff: 5 }));
    expect(r.items[0]?.crossesCutoff).toBe(false);
    expect(r.summary).toBe('Skin prick: no wheal ≥ 5 mm in 1 food');
  });
});

describe('IgG / IgG4 panels', () => {
  it('always carry the allergy societies’ caveat and flag info', () => {
    for (const method of ['igg', 'igg4'] as const) {
      const r = run(panel(method, [{ food: 'Wheat', value: 500 }], { cutoff: 10 }));
      expect(r.flag).toBe('info');
      expect(r.notValidatedForDiagnosis).toBe(true);
      const c = r.findings.find((f) => f.rule === 'igg-not-diagnostic');
      expect(c).toEqual({ rule: 'igg-not-diagnostic', status: 'caution', text: FOOD_PANEL_IGG_CAVEAT, source: FOOD_PANEL_IGG_CAVEAT_SOURCE });
      expect(r.cautions).toContain(FOOD_PANEL_IGG_CAVEAT);
    }
  });

  it('caveat says it does not diagnose allergy or intolerance and must not guide elimination diets, citing the societies', () => {
    expect(FOOD_PANEL_IGG_CAVEAT).toMatch(/does not diagnose food allergy or intolerance/);
    expect(FOOD_PANEL_IGG_CAVEAT).toMatch(/should not guide elimination diets/);
    expect(FOOD_PANEL_IGG_CAVEAT_SOURCE).toBe('EAACI, CSACI, AAAAI-CW, NIAID, DGAKI');
  });

  it.each([
    [9.9, false],
    [10, true],
    [10.1, true],
  ])('value %s vs lab cut-off 10 → at or above: %s', (value, crosses) => {
    expect(run(panel('igg', [{ food: 'Wheat', value }], { cutoff: 10 })).items[0]?.crossesCutoff).toBe(crosses);
  });

  it('summaries say "not validated for diagnosis"', () => {
    expect(run(panel('igg', [{ food: 'Wheat', value: 50 }, { food: 'Egg', value: 5 }], { cutoff: 10 })).summary).toBe(
      'Food IgG panel (not validated for diagnosis): 1 of 2 foods above the lab’s cut-off',
    );
    expect(run(panel('igg4', [{ food: 'Wheat', value: 50 }])).summary).toBe('Food IgG4 panel (not validated for diagnosis): 1 food, no lab cut-off given');
  });

  it('without a lab cut-off nothing crosses', () => {
    const r = run(panel('igg', [{ food: 'Wheat', value: 5000 }]));
    expect(r.items[0]).toMatchObject({ crossesCutoff: false, label: 'No lab cut-off given; not diagnostic', unit: 'mg/L' });
  });

  it('are never abnormal and always carry the caveat (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('igg', 'igg4' as const),
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { minLength: 40, maxLength: 40 }),
        fc.option(fc.double({ min: 0.01, max: 1e4, noNaN: true }), { nil: undefined }),
        (method, ids, values, cutoff) => {
          const r = run(panel(method, ids.map((id, i) => ({ food: `food ${id}`, value: values[i] ?? 0 })), { cutoff }));
          expect(r.flag).toBe('info');
          expect(r.findings.some((f) => f.status === 'caution' && f.text === FOOD_PANEL_IGG_CAVEAT)).toBe(true);
          expect(r.notValidatedForDiagnosis).toBe(true);
        },
      ),
    );
  });
});

describe('elimination–rechallenge', () => {
  const elim = (outcomes: Record<string, ReactionOutcome>) =>
    run(
      panel(
        'elimination_rechallenge',
        Object.entries(outcomes).map(([food, outcome]) => ({ food, outcome })),
      ),
    );

  it('a reaction is abnormal', () => {
    const r = elim({ Milk: 'no_reaction', Wheat: 'reaction', Egg: 'no_reaction' });
    expect(r.flag).toBe('abnormal');
    expect(r.summary).toBe('Elimination–rechallenge: reaction to 1 of 3 foods (Wheat)');
    expect(r.items.map((i) => i.food)).toEqual(['Wheat', 'Egg', 'Milk']);
    expect(r.items[0]).toMatchObject({ value: null, unit: null, outcome: 'reaction', crossesCutoff: true, label: 'Reaction on rechallenge' });
  });

  it('inconclusive without reactions is indeterminate', () => {
    const r = elim({ Milk: 'inconclusive', Wheat: 'no_reaction' });
    expect(r.flag).toBe('indeterminate');
    expect(r.summary).toBe('Elimination–rechallenge: no reaction to 1 of 2 foods; 1 inconclusive (Milk)');
    expect(r.findings.find((f) => f.rule === 'rechallenge-inconclusive')?.status).toBe('flag');
  });

  it('no reactions is normal', () => {
    const r = elim({ Milk: 'no_reaction', Wheat: 'no_reaction' });
    expect(r.flag).toBe('normal');
    expect(r.summary).toBe('Elimination–rechallenge: no reaction to 2 foods');
  });

  it('notes the oral food challenge as gold standard', () => {
    expect(elim({ Milk: 'reaction' }).findings.find((f) => f.rule === 'oral-food-challenge-gold-standard')?.source).toBe('NIAID');
  });

  it('orders reactions, then inconclusive, then no reaction', () => {
    const r = elim({ A: 'no_reaction', B: 'inconclusive', C: 'reaction', D: 'no_reaction', E: 'reaction' });
    expect(r.items.map((i) => i.outcome)).toEqual(['reaction', 'reaction', 'inconclusive', 'no_reaction', 'no_reaction']);
    expect(r.items.map((i) => i.food)).toEqual(['C', 'E', 'B', 'A', 'D']);
  });
});

describe('ordering and shape (properties)', () => {
  const valued = fc.constantFrom('specific_ige', 'skin_prick', 'igg', 'igg4' as const);

  it('items are sorted by value, highest first, ties by food name; nothing is lost', () => {
    fc.assert(
      fc.property(
        valued,
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom(0, 0.35, 1, 3, 3.5, 20, 100, 250), { minLength: 30, maxLength: 30 }),
        (method, names, values) => {
          const r = run(panel(method, names.map((food, i) => ({ food, value: values[i] ?? 0 }))));
          expect(r.items).toHaveLength(names.length);
          expect(new Set(r.items.map((i) => i.food))).toEqual(new Set(names));
          for (let k = 1; k < r.items.length; k++) {
            const prev = r.items[k - 1];
            const cur = r.items[k];
            if (!prev || !cur) continue;
            expect(prev.value ?? 0).toBeGreaterThanOrEqual(cur.value ?? 0);
            if (prev.value === cur.value) expect(prev.food.localeCompare(cur.food, 'en', { sensitivity: 'base' })).toBeLessThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('crossingCount matches the items; summary is one line; cautions mirror caution findings', () => {
    fc.assert(
      fc.property(valued, fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 200, noNaN: true }), (method, ids, v) => {
        const r = run(panel(method, ids.map((id, i) => ({ food: `f${id}`, value: (v * (i + 1)) % 150 }))));
        expect(r.crossingCount).toBe(r.items.filter((i) => i.crossesCutoff).length);
        expect(r.summary).not.toMatch(/\n/);
        expect(r.cautions).toEqual(r.findings.filter((f) => f.status === 'caution').map((f) => f.text));
        for (const f of r.findings) expect(f.source.length).toBeGreaterThan(0);
        if (method === 'specific_ige') for (const i of r.items) expect(i.sIgEClass).toBe(specificIgEClass(i.value ?? 0));
      }),
    );
  });
});
