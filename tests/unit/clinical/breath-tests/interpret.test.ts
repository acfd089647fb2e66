import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BREATH_TEST_LOINC,
  CH4_THRESHOLD_PPM,
  FLAT_LINE_MAX_PPM,
  H2_RISE_THRESHOLD_PPM,
  H2_WINDOW_MINUTES,
  H2S_THRESHOLD_PPM,
  HIGH_BASELINE_CH4_PPM,
  HIGH_BASELINE_H2_PPM,
  NAC_2017_CRITERIA,
  breathTestChartThresholds,
  interpretBreathTest,
  lactoseChallengeLoinc,
  type BreathTestInterpretation,
} from '@/lib/clinical/breath-tests/interpret';
import { breathTestInputSchema, type BreathTestInput, type BreathTestPreparation, type BreathTestReading } from '@/lib/clinical/breath-tests/schema';

const GOOD_PREP: BreathTestPreparation = {
  antibioticsWithin4Weeks: false,
  promotilityOrLaxativesWithin1Week: false,
  fermentableFoodsDayBefore: false,
  fasted8to12h: true,
  smokedOnTestDay: false,
  physicalActivityDuringTest: false,
  ppiUse: false,
};

type Row = [minute: number, h2: number, ch4: number, h2s?: number | null];

function test(rows: Row[], overrides: Partial<BreathTestInput> = {}): BreathTestInput {
  const readings: BreathTestReading[] = rows.map(([minute, h2, ch4, h2s]) => (h2s === undefined ? { minute, h2, ch4 } : { minute, h2, ch4, h2s }));
  return {
    effectiveDate: '2024-03-18',
    substrate: { kind: 'lactulose', doseGrams: 10 },
    preparation: GOOD_PREP,
    readings,
    ...overrides,
  };
}

const finding = (r: BreathTestInterpretation, rule: string) => r.findings.find((f) => f.rule === rule);

/** Baseline 5 ppm H2 / 2 ppm CH4, samples every 15 min to 120 min; `at` overrides single readings. */
function curve(at: Record<number, [h2: number, ch4: number]> = {}): Row[] {
  return [0, 15, 30, 45, 60, 75, 90, 105, 120].map((m) => {
    const v = at[m];
    return v ? [m, v[0], v[1]] : [m, m === 0 ? 5 : 7, 2];
  });
}

describe('worked examples', () => {
  it('classic hydrogen SIBO', () => {
    const r = interpretBreathTest(
      test([
        [0, 8, 2],
        [15, 10, 2],
        [30, 14, 3],
        [45, 22, 3],
        [60, 40, 3],
        [75, 45, 3],
        [90, 50, 4],
        [120, 60, 5],
      ]),
    );
    expect(r.flag).toBe('abnormal');
    expect(r.summary).toBe('Hydrogen rise consistent with SIBO: +32 ppm by 60 min; methane criterion not met (peak 5 ppm)');
    expect(r.hydrogen).toMatchObject({ baselinePpm: 8, peakPpm: 60, minuteOfPositiveRise: 60, positiveRisePpm: 32, maxRiseWithinWindowPpm: 42, positive: true });
    expect(r.methane.positive).toBe(false);
    const h2 = finding(r, 'h2-rise');
    expect(h2?.status).toBe('positive');
    expect(h2?.text).toContain('rose 32 ppm over baseline (8 → 40 ppm) by 60 min');
    expect(h2?.text).toContain('≥ 20 ppm');
    expect(h2?.text).toContain('90 min');
    expect(h2?.source).toBe('NAC-T4');
    expect(finding(r, 'ch4-level')?.status).toBe('negative');
    expect(finding(r, 'h2s-not-measured')?.status).toBe('info');
    expect(r.criteria.id).toBe('NAC-2017');
  });

  it('methane-positive IMO', () => {
    const r = interpretBreathTest(
      test([
        [0, 3, 6],
        [15, 4, 8],
        [30, 4, 11],
        [45, 5, 12],
        [60, 6, 14],
        [90, 6, 13],
      ]),
    );
    expect(r.flag).toBe('abnormal');
    expect(r.summary).toBe('Methane level consistent with IMO: peak 14 ppm at 60 min; hydrogen criterion not met (max +3 ppm within 90 min)');
    expect(r.methane).toEqual({ baselinePpm: 6, maxPpm: 14, minuteOfMax: 60, minuteFirstAtThreshold: 30, positive: true });
    const ch4 = finding(r, 'ch4-level');
    expect(ch4?.status).toBe('positive');
    expect(ch4?.text).toBe(
      'Methane reached 14 ppm at 60 min (first ≥ 10 ppm at 30 min): a methane level of ≥ 10 ppm at any reading meets the consensus criterion for intestinal methanogen overgrowth (IMO).',
    );
  });

  it('hydrogen and methane both positive', () => {
    const r = interpretBreathTest(test(curve({ 30: [30, 12], 60: [45, 15] })));
    expect(r.flag).toBe('abnormal');
    expect(r.hydrogen.positive).toBe(true);
    expect(r.methane.positive).toBe(true);
    expect(r.summary).toBe('Hydrogen rise consistent with SIBO: +25 ppm by 30 min; methane level consistent with IMO: peak 15 ppm at 60 min');
  });

  it('negative test with good preparation is normal', () => {
    const r = interpretBreathTest(test(curve({ 0: [6, 2], 60: [15, 4] })));
    expect(r.flag).toBe('normal');
    expect(r.summary).toBe('Hydrogen criterion not met (max +9 ppm within 90 min); methane criterion not met (peak 4 ppm)');
    expect(finding(r, 'h2-rise')?.text).toContain("largest rise over baseline within 90 min was 9 ppm (6 → 15 ppm at 60 min): below the 20 ppm needed");
    expect(finding(r, 'ch4-level')?.text).toContain('Methane peaked at 4 ppm at 60 min: below 10 ppm');
    expect(r.highBaseline).toBe(false);
    expect(r.flatLine).toBe(false);
    expect(r.preparationIssues).toEqual([]);
  });

  it('hydrogen that falls below baseline says so', () => {
    const r = interpretBreathTest(test(curve({ 0: [12, 2], 15: [8, 2], 30: [9, 2] })));
    expect(r.hydrogen.maxRiseWithinWindowPpm).toBe(-3);
    expect(finding(r, 'h2-rise')?.text).toContain('did not rise over baseline within 90 min (largest change −3 ppm');
    expect(r.summary).toContain('max −3 ppm');
  });

  it('hydrogen sulfide at the trio-smart threshold is a review flag by default (cut-off UNVERIFIED)', () => {
    const rows: Row[] = [
      [0, 6, 2, 0.5],
      [15, 8, 2, 1],
      [30, 9, 3, 2],
      [45, 9, 3, 4],
      [60, 10, 3, 2],
      [90, 10, 3, 1],
    ];
    const r = interpretBreathTest(test(rows));
    expect(r.hydrogenSulfide).toEqual({ measured: true, samples: 6, maxPpm: 4, minuteOfMax: 45, atOrAboveThreshold: true, positive: false });
    expect(r.flag).toBe('indeterminate');
    const f = finding(r, 'h2s-level');
    expect(f?.status).toBe('flag');
    expect(f?.text).toContain('4 ppm at 45 min');
    expect(f?.text).toContain('3 ppm threshold');
    expect(f?.text).toContain('unverified');
    expect(r.summary).toContain('hydrogen sulfide 4 ppm at 45 min (≥ 3 ppm, for review)');
  });

  it('hydrogen sulfide is positive when the criteria treat the cut-off as diagnostic', () => {
    const rows: Row[] = [
      [0, 6, 2, 0.5],
      [45, 9, 3, 4],
      [90, 10, 3, 1],
    ];
    const r = interpretBreathTest(test(rows), { ...NAC_2017_CRITERIA, id: 'NAC-2017+TRIO', h2sDiagnostic: true });
    expect(r.flag).toBe('abnormal');
    expect(r.hydrogenSulfide.positive).toBe(true);
    expect(finding(r, 'h2s-level')?.status).toBe('positive');
    expect(r.summary).toBe('Hydrogen sulfide raised: 4 ppm at 45 min; hydrogen criterion not met (max +4 ppm within 90 min); methane criterion not met (peak 3 ppm)');
  });

  it('partial hydrogen sulfide panel: counts the samples measured', () => {
    const r = interpretBreathTest(test([[0, 6, 2, null], [30, 8, 2, 1], [60, 9, 2], [90, 9, 2, 1.5]]));
    expect(r.hydrogenSulfide).toMatchObject({ measured: true, samples: 2, maxPpm: 1.5 });
    expect(finding(r, 'h2s-level')?.text).toContain('measured at 2 of 4 readings');
    expect(r.flag).toBe('normal');
  });

  it('a rise only after 90 min does not count, and a finding says so', () => {
    const r = interpretBreathTest(test(curve({ 90: [20, 2], 105: [30, 3], 120: [40, 3] })));
    expect(r.hydrogen.positive).toBe(false);
    expect(r.hydrogen.maxRiseAfterWindowPpm).toBe(35);
    expect(r.flag).toBe('normal');
    const late = finding(r, 'h2-rise-after-window');
    expect(late?.status).toBe('info');
    expect(late?.text).toContain('35 ppm over baseline (5 → 40 ppm) at 120 min, but only after 90 min');
    expect(late?.text).toContain('does not count');
  });

  it('high hydrogen baseline: flagged for review, negative becomes indeterminate, falling baseline mentioned', () => {
    const r = interpretBreathTest(test(curve({ 0: [24, 2], 15: [14, 2], 60: [30, 3] })));
    expect(r.hydrogen.positive).toBe(false);
    expect(r.highBaseline).toBe(true);
    expect(r.highBaselineGases).toEqual({ hydrogen: true, methane: false });
    expect(r.flag).toBe('indeterminate');
    const f = finding(r, 'h2-high-baseline');
    expect(f?.status).toBe('flag');
    expect(f?.text).toContain('Fasting hydrogen was 24 ppm, at or above 20 ppm');
    expect(f?.text).toContain('fell to 7 ppm by 30 min');
    expect(f?.source).toContain('CSIBO');
    expect(r.summary).toBe('Hydrogen criterion not met (max +6 ppm within 90 min); methane criterion not met (peak 3 ppm); indeterminate: high hydrogen baseline (24 ppm)');
  });

  it('high methane baseline is positive by the NAC level rule and flagged for review', () => {
    const r = interpretBreathTest(test(curve({ 0: [5, 12] })));
    expect(r.methane.positive).toBe(true);
    expect(r.flag).toBe('abnormal');
    expect(r.highBaselineGases.methane).toBe(true);
    expect(finding(r, 'ch4-high-baseline')?.status).toBe('flag');
  });

  it('flat line: both gases ≤ 5 ppm throughout is flagged, never positive', () => {
    const rows: Row[] = [0, 15, 30, 45, 60, 90, 120].map((m) => [m, 2, 1]);
    const r = interpretBreathTest(test(rows));
    expect(r.flatLine).toBe(true);
    expect(r.flag).toBe('indeterminate');
    const f = finding(r, 'flat-line');
    expect(f?.status).toBe('flag');
    expect(f?.text).toContain('stayed at or below 5 ppm');
    expect(r.summary).toContain('indeterminate: flat line');
  });

  it('preparation deviations add cautions; a negative becomes indeterminate', () => {
    const r = interpretBreathTest(test(curve(), { preparation: { ...GOOD_PREP, antibioticsWithin4Weeks: true, fasted8to12h: false } }));
    expect(r.flag).toBe('indeterminate');
    expect(r.preparationIssues).toEqual(['antibioticsWithin4Weeks', 'fasted8to12h']);
    const ab = finding(r, 'preparation-antibioticsWithin4Weeks');
    expect(ab?.status).toBe('caution');
    expect(ab?.text).toContain('may be unreliable');
    expect(ab?.text).toContain('4 weeks');
    expect(finding(r, 'preparation-fasted8to12h')?.text).toContain('did not fast for 8–12 hours');
    expect(r.summary).toContain('indeterminate: preparation: 2 deviations');
  });

  it('preparation deviations do not undo a positive', () => {
    const r = interpretBreathTest(test(curve({ 30: [30, 2] }), { preparation: { ...GOOD_PREP, smokedOnTestDay: true } }));
    expect(r.flag).toBe('abnormal');
    expect(finding(r, 'preparation-smokedOnTestDay')?.status).toBe('caution');
  });

  it('PPI use is information only (NAC: PPIs need not be stopped)', () => {
    const r = interpretBreathTest(test(curve(), { preparation: { ...GOOD_PREP, ppiUse: true } }));
    expect(r.flag).toBe('normal');
    expect(r.preparationIssues).toEqual([]);
    expect(finding(r, 'preparation-ppiUse')?.status).toBe('info');
  });

  it('readings that stop before 90 min leave a negative incomplete', () => {
    const r = interpretBreathTest(test([[0, 5, 2], [30, 9, 2], [60, 12, 3]]));
    expect(r.hydrogen.windowCovered).toBe(false);
    expect(r.flag).toBe('indeterminate');
    expect(finding(r, 'h2-window-not-covered')?.text).toContain('Readings stop at 60 min');
  });

  it('no reading within the window: hydrogen not assessable', () => {
    const r = interpretBreathTest(test([[0, 5, 2], [120, 40, 2]]));
    expect(r.hydrogen.maxRiseWithinWindowPpm).toBeNull();
    expect(r.summary).toBe('Hydrogen not assessable (no reading within 90 min); methane criterion not met (peak 2 ppm); indeterminate: no hydrogen reading within 90 min');
    expect(r.flag).toBe('indeterminate');
    expect(finding(r, 'h2-rise')?.status).toBe('caution');
    expect(finding(r, 'h2-rise-after-window')).toBeDefined();
  });

  it('non-NAC substrate: caution, and no SIBO/IMO label in the summary', () => {
    const r = interpretBreathTest(test(curve({ 60: [40, 2] }), { substrate: { kind: 'other', doseGrams: 25, name: 'fructose' } }));
    expect(r.flag).toBe('abnormal');
    expect(r.summary.startsWith('Hydrogen rise meets the criterion: +35 ppm by 60 min')).toBe(true);
    expect(finding(r, 'substrate-not-nac')?.text).toContain('"fructose" 25 g');
    const neg = interpretBreathTest(test(curve(), { substrate: { kind: 'other', doseGrams: 25, name: 'lactose' } }));
    expect(neg.flag).toBe('indeterminate');
  });

  it('non-standard dose is a caution that does not change the flag', () => {
    const r = interpretBreathTest(test(curve(), { substrate: { kind: 'glucose', doseGrams: 50 } }));
    expect(r.flag).toBe('normal');
    expect(finding(r, 'substrate-dose')?.text).toContain('50 g, not the standard 75 g');
    expect(finding(interpretBreathTest(test(curve(), { substrate: { kind: 'glucose', doseGrams: 75 } })), 'substrate-dose')).toBeUndefined();
  });

  it('lowest-preceding reference (configurable, [CSIBO]/[NUNM] style)', () => {
    const rows: Row[] = [
      [0, 12, 2],
      [15, 4, 2],
      [30, 26, 2],
      [90, 20, 2],
    ];
    expect(interpretBreathTest(test(rows)).hydrogen.positive).toBe(false); // +14 over the 0-min baseline
    const r = interpretBreathTest(test(rows), { ...NAC_2017_CRITERIA, id: 'lowest-preceding-90', h2Reference: 'lowest-preceding' });
    expect(r.hydrogen).toMatchObject({ positive: true, minuteOfPositiveRise: 30, positiveRisePpm: 22 });
    expect(finding(r, 'h2-rise')?.text).toContain('over the lowest preceding value (4 → 26 ppm)');
  });
});

describe('thresholds: at and around each cut-off', () => {
  const h2At = (minute: number, baseline: number, value: number) =>
    interpretBreathTest(
      test([
        [0, baseline, 2],
        [minute, value, 2],
        [120, baseline, 2],
      ]),
    ).hydrogen.positive;

  it('hydrogen rise 19.9 / 20 / 20.1 ppm (float-safe)', () => {
    expect(h2At(60, 5.3, 25.2)).toBe(false);
    expect(h2At(60, 5.3, 25.3)).toBe(true);
    expect(h2At(60, 5.3, 25.4)).toBe(true);
    // 32.3 − 12.3 is 19.999999999999996 in floating point; it is a 20 ppm rise.
    expect(h2At(60, 12.3, 32.3)).toBe(true);
    // 20.1 − 0.2 is 19.900000000000002; still below 20.
    expect(h2At(60, 0.2, 20.1)).toBe(false);
    expect(H2_RISE_THRESHOLD_PPM).toBe(20);
  });

  it('hydrogen window: a 20 ppm rise at 90 min counts, at 91 min it does not', () => {
    expect(h2At(90, 5, 25)).toBe(true);
    expect(h2At(91, 5, 25)).toBe(false);
    expect(H2_WINDOW_MINUTES).toBe(90);
  });

  it('methane 9.9 / 10 ppm', () => {
    const ch4 = (v: number) => interpretBreathTest(test(curve({ 45: [7, v] }))).methane.positive;
    expect(ch4(9.9)).toBe(false);
    expect(ch4(10)).toBe(true);
    expect(CH4_THRESHOLD_PPM).toBe(10);
  });

  it('hydrogen sulfide 2.9 / 3 ppm', () => {
    const h2s = (v: number) => interpretBreathTest(test([[0, 6, 2, 0], [45, 8, 2, v], [90, 8, 2, 0]]));
    expect(h2s(2.9).hydrogenSulfide).toMatchObject({ atOrAboveThreshold: false });
    expect(h2s(2.9).flag).toBe('normal');
    expect(h2s(3).hydrogenSulfide).toMatchObject({ atOrAboveThreshold: true, positive: false });
    expect(h2s(3).flag).toBe('indeterminate');
    expect(H2S_THRESHOLD_PPM).toBe(3);
  });

  it('high baseline 19.9 / 20 ppm H2 and 9.9 / 10 ppm CH4', () => {
    const base = (h2: number, ch4: number) => interpretBreathTest(test(curve({ 0: [h2, ch4] }))).highBaselineGases;
    expect(base(19.9, 2).hydrogen).toBe(false);
    expect(base(20, 2).hydrogen).toBe(true);
    expect(base(5, 9.9).methane).toBe(false);
    expect(base(5, 10).methane).toBe(true);
    expect([HIGH_BASELINE_H2_PPM, HIGH_BASELINE_CH4_PPM]).toEqual([20, 10]);
  });

  it('flat line 5 / 5.1 ppm', () => {
    const flat = (v: number) => interpretBreathTest(test([[0, 2, 1], [45, v, 1], [90, 3, v]])).flatLine;
    expect(flat(5)).toBe(true);
    expect(flat(5.1)).toBe(false);
    expect(FLAT_LINE_MAX_PPM).toBe(5);
  });
});

describe('chart thresholds and LOINC', () => {
  it('chart lines follow the criteria and the baseline', () => {
    expect(breathTestChartThresholds(test(curve({ 0: [8, 2] })).readings)).toEqual({ h2RisePpm: 20, h2LinePpm: 28, ch4Ppm: 10, h2sPpm: 3, h2WindowMinutes: 90 });
    expect(breathTestChartThresholds().h2LinePpm).toBeNull();
  });

  it('only the lactose-challenge codes DOMAIN.md lists', () => {
    expect(lactoseChallengeLoinc('h2', 0)).toBe('33490-4');
    expect(lactoseChallengeLoinc('h2', 90)).toBe('33493-8');
    expect(lactoseChallengeLoinc('ch4', 120)).toBe('33480-5');
    expect(lactoseChallengeLoinc('ch4', 15)).toBeNull();
    expect(BREATH_TEST_LOINC.lactoseChallenge.panel).toBe('50584-2');
    expect(BREATH_TEST_LOINC.panels).toEqual({ hydrogen: '105751-2', methane: '105750-4' });
  });
});

// --- Property-based ------------------------------------------------------------------------------

/** ppm in tenths (0.0–500.0), so sums and differences are exact in the oracle. */
const tenths = fc.integer({ min: 0, max: 5000 });

const readingsArb = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 95 }), h2: tenths, ch4: tenths, h2s: fc.option(tenths, { nil: undefined }) }), { minLength: 1, maxLength: 14 })
  .chain((later) =>
    fc.record({ h2: tenths, ch4: tenths, h2s: fc.option(tenths, { nil: undefined }) }).map((base) => {
      let minute = 0;
      const rows = [{ minute: 0, ...base }];
      for (const r of later) {
        minute += r.gap;
        if (minute > 300) break;
        rows.push({ minute, h2: r.h2, ch4: r.ch4, h2s: r.h2s });
      }
      return rows.map(({ minute: m, h2, ch4, h2s }): BreathTestReading => (h2s === undefined ? { minute: m, h2: h2 / 10, ch4: ch4 / 10 } : { minute: m, h2: h2 / 10, ch4: ch4 / 10, h2s: h2s / 10 }));
    }),
  );

const prepArb = fc.record({
  antibioticsWithin4Weeks: fc.boolean(),
  promotilityOrLaxativesWithin1Week: fc.boolean(),
  fermentableFoodsDayBefore: fc.boolean(),
  fasted8to12h: fc.boolean(),
  smokedOnTestDay: fc.boolean(),
  physicalActivityDuringTest: fc.boolean(),
  ppiUse: fc.boolean(),
});

const inputArb = fc.record({ readings: readingsArb, preparation: prepArb }).map(({ readings, preparation }) => ({ ...test([]), readings, preparation }));

const t10 = (x: number) => Math.round(x * 10);

describe('properties', () => {
  it('generated inputs are valid for the schema (generator sanity)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        if (input.readings.length < 2) return;
        expect(breathTestInputSchema.safeParse(input).success).toBe(true);
      }),
    );
  });

  it('hydrogen verdict equals "some reading at 1–90 min is ≥ 20 ppm above the 0-min reading"', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const [base, ...rest] = input.readings;
        if (!base) return;
        const oracle = rest.some((r) => r.minute <= 90 && t10(r.h2) - t10(base.h2) >= 200);
        expect(interpretBreathTest(input).hydrogen.positive).toBe(oracle);
      }),
    );
  });

  it('no summary or finding labels a diagnosis: criteria are "met" or "consistent with", never "positive (SIBO)"', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = interpretBreathTest(input);
        for (const text of [r.summary, ...r.findings.map((f) => f.text)]) {
          expect(text).not.toMatch(/positive \((SIBO|IMO)\)|\bis positive\b|positive for /i);
          expect(text).not.toMatch(/^(SIBO|IMO)\b/);
        }
        if (r.hydrogen.positive) expect(r.summary).toMatch(/hydrogen rise consistent with SIBO/i);
      }),
    );
  });

  it('methane verdict equals max(ch4) ≥ 10', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const max = Math.max(...input.readings.map((r) => r.ch4));
        expect(interpretBreathTest(input).methane.positive).toBe(max >= 10);
      }),
    );
  });

  it('raising a reading never turns a positive negative', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), fc.integer({ min: 0, max: 5000 }), fc.constantFrom('h2', 'ch4', 'h2s'), (input, pick, delta, gas) => {
        const before = interpretBreathTest(input);
        // The 0-min reading is the reference for hydrogen, so raising it is not "raising a reading" there.
        const index = gas === 'h2' ? 1 + (pick % Math.max(1, input.readings.length - 1)) : pick % input.readings.length;
        const target = input.readings[index];
        if (!target) return;
        const current = gas === 'h2s' ? (target.h2s ?? 0) : target[gas];
        const raised = { ...target, [gas]: Math.min(500, (t10(current) + delta) / 10) };
        const after = interpretBreathTest({ ...input, readings: input.readings.map((r, i) => (i === index ? raised : r)) });
        if (before.hydrogen.positive) expect(after.hydrogen.positive).toBe(true);
        if (before.methane.positive) expect(after.methane.positive).toBe(true);
        if (before.hydrogenSulfide.measured && before.hydrogenSulfide.atOrAboveThreshold) expect(after.hydrogenSulfide).toMatchObject({ atOrAboveThreshold: true });
        if (before.flag === 'abnormal') expect(after.flag).toBe('abnormal');
      }),
    );
  });

  it('shifting every hydrogen value by a constant does not change the hydrogen verdict', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: -5000, max: 5000 }), (input, shift) => {
        const h2s = input.readings.map((r) => t10(r.h2));
        const lo = Math.min(...h2s);
        const hi = Math.max(...h2s);
        const c = Math.max(-lo, Math.min(5000 - hi, shift)); // keep 0–500 ppm
        const shifted = { ...input, readings: input.readings.map((r) => ({ ...r, h2: (t10(r.h2) + c) / 10 })) };
        const a = interpretBreathTest(input).hydrogen;
        const b = interpretBreathTest(shifted).hydrogen;
        expect(b.positive).toBe(a.positive);
        expect(b.minuteOfPositiveRise).toBe(a.minuteOfPositiveRise);
        expect(b.maxRiseWithinWindowPpm).toBe(a.maxRiseWithinWindowPpm);
      }),
    );
  });

  it('readings after 90 min never create hydrogen positivity', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const early = { ...input, readings: input.readings.filter((r) => r.minute <= 90) };
        expect(interpretBreathTest(input).hydrogen.positive).toBe(interpretBreathTest(early).hydrogen.positive);
      }),
    );
  });

  it('flag is abnormal exactly when a gas is positive; otherwise indeterminate only with a stated reason', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = interpretBreathTest(input);
        const positive = r.hydrogen.positive || r.methane.positive || r.hydrogenSulfide.positive;
        expect(r.flag === 'abnormal').toBe(positive);
        if (r.flag === 'indeterminate') expect(r.summary).toContain('indeterminate:');
        if (r.flag === 'normal') {
          expect(r.highBaseline || r.flatLine || r.preparationIssues.length > 0).toBe(false);
          expect(r.findings.some((f) => f.status === 'flag' || f.status === 'caution')).toBe(false);
        }
        if (r.preparationIssues.length > 0 && !positive) expect(r.flag).toBe('indeterminate');
      }),
    );
  });

  it('summary and findings are never empty and carry the numbers', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = interpretBreathTest(input);
        expect(r.summary.length).toBeGreaterThan(0);
        expect(r.summary).not.toContain('\n');
        expect(r.summary).toContain(`${String(r.methane.maxPpm)} ppm`);
        if (r.hydrogen.positiveRisePpm !== null) expect(r.summary).toContain(`+${String(r.hydrogen.positiveRisePpm)} ppm by ${r.hydrogen.minuteOfPositiveRise} min`);
        expect(r.findings.length).toBeGreaterThan(0);
        const rules = r.findings.map((f) => f.rule);
        expect(new Set(rules).size).toBe(rules.length);
        for (const f of r.findings) {
          expect(f.text.length).toBeGreaterThan(0);
          expect(f.source.length).toBeGreaterThan(0);
        }
        const h2 = r.findings.find((f) => f.rule === 'h2-rise');
        expect(h2?.text).toContain(`${H2_RISE_THRESHOLD_PPM} ppm`);
        const ch4 = r.findings.find((f) => f.rule === 'ch4-level');
        expect(ch4?.text).toContain(`${String(r.methane.maxPpm)} ppm`);
        expect(ch4?.text).toContain(`${CH4_THRESHOLD_PPM} ppm`);
      }),
    );
  });
});
