import { describe, expect, it } from 'vitest';
import type { ResultKind } from '@/db/schema/enum-values';
import { explainResultForPatient, type PlainExplanation } from '@/lib/portal/plain-language';
import { resultHandlers } from '@/lib/results/kinds';
import { readStoredResult } from '@/lib/results/stored';

/** Runs raw form input through the kind's schema and rules, as lib/results/mutations.ts stores it. */
/** An adult unless a date of birth is given (stool tests read the age on the test date). */
function explain(kind: ResultKind, raw: Record<string, unknown>, dateOfBirth?: string): PlainExplanation {
  const handler = resultHandlers[kind];
  const input = handler.schema.parse(raw) as Record<string, unknown>;
  const derived = handler.derive(input, { dateOfBirth: dateOfBirth ?? '1990-01-01' });
  return explainResultForPatient(readStoredResult(kind, input, derived.interpretation));
}

const all = (e: PlainExplanation) => [e.headline, ...e.paragraphs, e.caution ?? ''].join(' ');

const GOOD_PREPARATION = {
  antibioticsWithin4Weeks: false,
  promotilityOrLaxativesWithin1Week: false,
  fermentableFoodsDayBefore: false,
  fasted8to12h: true,
  smokedOnTestDay: false,
  physicalActivityDuringTest: false,
  ppiUse: false,
};

const breath = (readings: { minute: number; h2: number; ch4: number }[], preparation: Record<string, boolean> = GOOD_PREPARATION) => ({
  effectiveDate: '2025-03-10',
  substrate: { kind: 'lactulose', doseGrams: 10 },
  preparation,
  readings,
});

const H2_POSITIVE = [
  { minute: 0, h2: 6, ch4: 2 },
  { minute: 30, h2: 14, ch4: 3 },
  { minute: 60, h2: 31, ch4: 3 },
  { minute: 90, h2: 48, ch4: 4 },
  { minute: 120, h2: 60, ch4: 4 },
];
const CH4_POSITIVE = [
  { minute: 0, h2: 4, ch4: 6 },
  { minute: 30, h2: 6, ch4: 11 },
  { minute: 60, h2: 8, ch4: 14 },
  { minute: 90, h2: 10, ch4: 18 },
  { minute: 120, h2: 12, ch4: 16 },
];
const NEGATIVE = [
  { minute: 0, h2: 6, ch4: 2 },
  { minute: 30, h2: 12, ch4: 3 },
  { minute: 60, h2: 14, ch4: 3 },
  { minute: 90, h2: 16, ch4: 4 },
  { minute: 120, h2: 30, ch4: 4 },
];

describe('breath tests', () => {
  it('hydrogen positive: explains SIBO in plain words and that the team will discuss treatment', () => {
    const e = explain('breath_test', breath(H2_POSITIVE));
    expect(e.headline).toMatch(/rise in hydrogen/);
    expect(all(e)).toMatch(/small intestinal bacterial overgrowth \(SIBO\)/);
    expect(all(e)).toMatch(/more bacteria than usual/);
    expect(all(e)).toMatch(/discuss treatment/);
    expect(all(e)).not.toMatch(/methane/i);
    expect(e.caution).toBeNull();
  });

  it('methane positive: explains IMO and its link with constipation', () => {
    const e = explain('breath_test', breath(CH4_POSITIVE));
    expect(e.headline).toMatch(/raised methane/);
    expect(all(e)).toMatch(/intestinal methanogen overgrowth \(IMO\)/);
    expect(all(e)).toMatch(/constipation/);
    expect(all(e)).not.toMatch(/SIBO/);
  });

  it('both gases positive: explains both', () => {
    const both = H2_POSITIVE.map((r, i) => ({ ...r, ch4: CH4_POSITIVE[i]?.ch4 ?? 0 }));
    const e = explain('breath_test', breath(both));
    expect(e.headline).toMatch(/both/);
    expect(all(e)).toMatch(/SIBO/);
    expect(all(e)).toMatch(/IMO/);
  });

  it('negative: reassuring, without claiming every problem is ruled out', () => {
    const e = explain('breath_test', breath(NEGATIVE));
    expect(e.headline).toMatch(/did not show/);
    expect(all(e)).toMatch(/cannot rule out every gut problem/);
    expect(all(e)).not.toMatch(/SIBO|IMO/);
    expect(e.caution).toBeNull();
  });

  it('preparation not followed: says the result may not be reliable and why', () => {
    const e = explain('breath_test', breath(NEGATIVE, { ...GOOD_PREPARATION, antibioticsWithin4Weeks: true, smokedOnTestDay: true }));
    expect(e.caution).toMatch(/^The result may not be fully reliable because /);
    expect(e.caution).toMatch(/antibiotics were taken in the 4 weeks before/);
    expect(e.caution).toMatch(/smoking on the day of the test/);
    expect(e.caution).toMatch(/repeating the test/);
  });

  it('a flat line is a reason for caution', () => {
    const flat = [0, 30, 60, 90, 120].map((minute) => ({ minute, h2: 2, ch4: 1 }));
    const e = explain('breath_test', breath(flat));
    expect(e.caution).toMatch(/very little gas/);
  });
});

describe('H. pylori', () => {
  const ubt = (delta: number, extra: Record<string, unknown> = {}) => ({
    effectiveDate: '2025-02-01',
    method: 'urea_breath_test',
    ubtKit: 'breathid_hp',
    deltaOverBaseline: delta,
    ppiLastTakenDaysAgo: 60,
    antibioticsLastTakenDaysAgo: 90,
    bismuthLastTakenDaysAgo: 90,
    h2BlockerLastTakenDaysAgo: 90,
    ...extra,
  });

  it('positive: what the germ is and that treatment will be discussed', () => {
    const e = explain('h_pylori', ubt(12.4));
    expect(e.headline).toBe('The test found Helicobacter pylori.');
    expect(all(e)).toMatch(/common germ/);
    expect(all(e)).toMatch(/discuss treatment/);
    expect(e.caution).toBeNull();
  });

  it('negative: did not find it', () => {
    const e = explain('h_pylori', ubt(1.2));
    expect(e.headline).toBe('The test did not find Helicobacter pylori.');
    expect(e.caution).toBeNull();
  });

  it('possible false negative: recent stomach-acid tablets may hide the germ', () => {
    const e = explain('h_pylori', ubt(1.2, { ppiLastTakenDaysAgo: 3 }));
    expect(e.headline).toMatch(/did not find/);
    expect(e.caution).toMatch(/may not be reliable/);
    expect(e.caution).toMatch(/stomach-acid tablets/);
  });

  it('test of cure negative: suggests the treatment worked', () => {
    const e = explain('h_pylori', ubt(1.2, { purpose: 'test_of_cure', therapyCompletedDaysAgo: 60 }));
    expect(all(e)).toMatch(/treatment has cleared the germ/);
  });

  it('serology positive: cannot tell whether the infection is active now', () => {
    const e = explain('h_pylori', { effectiveDate: '2025-02-01', method: 'serology', result: 'positive' });
    expect(e.headline).toMatch(/antibodies/);
    expect(e.caution).toMatch(/cannot show whether the infection is still active/);
  });
});

describe('food panels', () => {
  it('sIgE sensitisation is explained as not the same as an allergy', () => {
    const e = explain('food_panel', {
      effectiveDate: '2025-01-20',
      method: 'specific_ige',
      items: [
        { food: 'Peanut', value: 4.2 },
        { food: 'Egg white', value: 0.8 },
        { food: 'Wheat', value: 0.1 },
      ],
    });
    expect(e.headline).toMatch(/sensitisation to Peanut and Egg white\.$/);
    expect(all(e)).toMatch(/not the same as an allergy/);
    expect(all(e)).toMatch(/do not cut foods out/);
    expect(all(e)).not.toMatch(/Wheat/);
  });

  it('sIgE with nothing over the cut-off', () => {
    const e = explain('food_panel', { effectiveDate: '2025-01-20', method: 'specific_ige', items: [{ food: 'Peanut', value: 0.1 }] });
    expect(e.headline).toMatch(/did not show sensitisation/);
    expect(e.caution).toBeNull();
  });

  it('IgG: says plainly that it cannot diagnose allergy or intolerance', () => {
    const e = explain('food_panel', { effectiveDate: '2025-01-20', method: 'igg', items: [{ food: 'Cow milk', value: 24 }] });
    expect(e.caution).toMatch(/cannot diagnose a food allergy or intolerance/);
    expect(all(e)).toMatch(/not that the food is harming you/);
  });

  it('elimination and rechallenge: names the foods that caused a reaction', () => {
    const e = explain('food_panel', {
      effectiveDate: '2025-01-20',
      method: 'elimination_rechallenge',
      items: [
        { food: 'Milk', outcome: 'reaction' },
        { food: 'Wheat', outcome: 'no_reaction' },
        { food: 'Egg', outcome: 'inconclusive' },
      ],
    });
    expect(e.headline).toBe('You reacted when Milk was brought back into your diet.');
    expect(e.caution).toMatch(/Egg was unclear/);
  });
});

describe('scores', () => {
  it('says what the instrument measures, the band in words and which direction is better', () => {
    const e = explain('score', { effectiveDate: '2025-03-01', instrument: 'easi', value: 12 });
    expect(e.headline).toBe('Your EASI score was 12, which is moderate.');
    expect(all(e)).toMatch(/Eczema Area and Severity Index/);
    expect(all(e)).toMatch(/a lower score is better/);
  });

  it('clear band', () => {
    const e = explain('score', { effectiveDate: '2025-03-01', instrument: 'easi', value: 0 });
    expect(e.headline).toMatch(/clear or almost clear/);
  });

  it('quality of life instrument', () => {
    const e = explain('score', { effectiveDate: '2025-03-01', instrument: 'dlqi', value: 15 });
    expect(all(e)).toMatch(/affects your daily life/);
  });

  it('an out-of-range stored value is not placed in a band', () => {
    const e = explainResultForPatient({
      kind: 'score',
      input: { effectiveDate: '2025-03-01', instrument: 'easi', value: 99 },
      interpretation: { instrument: 'easi', value: 99, band: null, range: { min: 0, max: 72 }, flag: 'indeterminate', summary: '', findings: [] },
    } as unknown as Parameters<typeof explainResultForPatient>[0]);
    expect(e.caution).toMatch(/could not be placed in a band/);
  });
});

describe('stool tests', () => {
  const interval = { normalBelow: 50, indeterminateUpTo: 120 };
  const calprotectin = (value: number, extra: Record<string, unknown> = {}) => ({ value, unit: 'ug/g', labInterval: interval, assay: 'fCAL', laboratory: 'Northside', ...extra });

  it('a raised calprotectin: what it shows and what it is not, never a diagnosis', () => {
    const e = explain('stool_test', { effectiveDate: '2026-11-02', calprotectin: calprotectin(300, { nsaidsWithinTwoWeeks: true }) });
    expect(e.headline).toMatch(/outside the lab’s usual range/);
    expect(all(e)).toMatch(/may be inflammation; it does not say what causes it\./);
    expect(all(e)).not.toMatch(/cancer/i);
    expect(e.caution).toMatch(/painkillers/);
    expect(all(e)).not.toMatch(/IBD|Crohn|colitis|dysbiosis|leaky/i);
  });

  it('a FIT at the referral threshold: further tests, nothing to change at home, no cause guessed', () => {
    const e = explain('stool_test', { effectiveDate: '2026-11-02', fit: { value: 10, assay: 'oc_sensor', laboratory: 'Lab' } });
    expect(e.headline).toBe('The test found blood in the stool at a level that needs further tests.');
    expect(all(e)).toMatch(/do not change your diet or start supplements/);
    expect(all(e)).not.toMatch(/cancer/i);
  });

  it('a microbiome report is a research tool: no normal range, no diagnosis, no advice', () => {
    const e = explain('stool_test', { effectiveDate: '2026-11-02', microbiome: { method: 'shotgun', laboratory: 'GutMap', orderedBy: 'Self', taxa: [{ name: 'Akkermansia', relativeAbundance: 1 }] } });
    expect(e.headline).toBe('Your stool test report is on your record.');
    expect(all(e)).toMatch(/still a research tool: there is no agreed normal range and no proven link to any treatment/);
    expect(all(e)).not.toMatch(/dysbiosis|imbalance|Akkermansia/i);
  });

  it('a child’s calprotectin is read for their age, with the under-2 caution', () => {
    const e = explain('stool_test', { effectiveDate: '2026-11-02', calprotectin: calprotectin(300) }, '2025-06-01');
    expect(all(e)).toMatch(/Children’s levels are naturally higher/);
    expect(e.caution).toMatch(/under 2/);
    expect(e.headline).not.toMatch(/outside/);
  });

  it('a watery sample’s low elastase comes with the repeat-sample caution', () => {
    const e = explain('stool_test', { effectiveDate: '2026-11-02', elastase: { value: 60, consistency: 'watery', laboratory: 'Lab' } });
    expect(all(e)).toMatch(/Elastase, which shows how well the pancreas makes digestive enzymes, was low/);
    expect(e.caution).toMatch(/watery/);
  });
});
