import { describe, expect, it } from 'vitest';
import { interpretBreathTest } from '@/lib/clinical/breath-tests/interpret';
import { PREPARATION_ITEMS, isInstruction, preparationAnswerOf, preparationValueFor } from '@/lib/clinical/breath-tests/options';
import { breathTestInputSchema } from '@/lib/clinical/breath-tests/schema';

// The checklist asks every instruction so that Yes means "as instructed" ("Antibiotics… Yes" was bad,
// "Physical activity was not limited… Yes" a double negative), whatever the stored field's polarity.

describe('preparation questions', () => {
  it('Yes on an instruction stores the compliant value, No the deviation, and reads back the same', () => {
    for (const item of PREPARATION_ITEMS.filter(isInstruction)) {
      expect(preparationValueFor(item, true), item.id).toBe(!item.deviationWhen);
      expect(preparationValueFor(item, false), item.id).toBe(item.deviationWhen);
      for (const yes of [true, false]) expect(preparationAnswerOf(item, preparationValueFor(item, yes)), item.id).toBe(yes);
    }
    for (const item of PREPARATION_ITEMS) expect(preparationAnswerOf(item, undefined)).toBeUndefined();
  });

  it('no question is phrased as the deviation or as a double negative', () => {
    for (const item of PREPARATION_ITEMS.filter(isInstruction)) {
      expect(item.question, item.id).not.toBe(item.deviationLabel);
      expect(item.question, item.id).not.toMatch(/\bnot\b.*\bnot\b|was not limited|\btaken\b|\beaten\b|^Smoked/i);
    }
  });

  it('context items (PPI, probiotics) keep Yes = the label holds, and are not instructions', () => {
    const context = PREPARATION_ITEMS.filter((i) => !isInstruction(i));
    expect(context.map((i) => i.id).sort()).toEqual(['ppiUse', 'probioticsOrPrebiotics']);
    for (const item of context) expect(preparationValueFor(item, true)).toBe(true);
  });

  it('"all as instructed" yields a test with no preparation caution', () => {
    const preparation = Object.fromEntries(PREPARATION_ITEMS.map((i) => [i.id, preparationValueFor(i, isInstruction(i))]));
    const input = breathTestInputSchema.parse({
      effectiveDate: '2025-03-10',
      substrate: { kind: 'lactulose', doseGrams: 10 },
      preparation: { ...preparation, ppiUse: false, probioticsOrPrebiotics: false },
      readings: [
        { minute: 0, h2: 5, ch4: 1 },
        { minute: 60, h2: 8, ch4: 2 },
      ],
    });
    expect(interpretBreathTest(input).findings.filter((f) => f.rule.startsWith('preparation'))).toEqual([]);
  });
});
