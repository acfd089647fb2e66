import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BandSeverity, INSTRUMENT_IDS, type InstrumentId, getInstrument } from '@/lib/clinical/scores/instruments';
import { compareScores, flagForSeverity, formatScore, interpretScore } from '@/lib/clinical/scores/interpret';

const rules = (r: { findings: { rule: string }[] }) => r.findings.map((f) => f.rule);

describe('interpretScore: worked examples', () => {
  it.each([
    // [instrument, value, flag, band label, summary]
    ['easi', 0, 'normal', 'clear', 'EASI 0 — clear (0)'],
    ['easi', 0.8, 'normal', 'almost clear', 'EASI 0.8 — almost clear (0.1–1.0)'],
    ['easi', 3.2, 'info', 'mild', 'EASI 3.2 — mild (1.1–7.0)'],
    ['easi', 12.4, 'abnormal', 'moderate', 'EASI 12.4 — moderate (7.1–21.0)'],
    ['easi', 50.1, 'abnormal', 'very severe', 'EASI 50.1 — very severe (50.1–72)'],
    ['pasi', 8, 'info', 'mild', 'PASI 8 — mild (≤10)'],
    ['pasi', 10.1, 'abnormal', 'moderate–severe', 'PASI 10.1 — moderate–severe (>10)'],
    ['scorad', 24.5, 'info', 'mild', 'SCORAD 24.5 — mild (<25)'],
    ['scorad', 25, 'abnormal', 'moderate', 'SCORAD 25 — moderate (25–50)'],
    ['scorad', 63.5, 'abnormal', 'severe', 'SCORAD 63.5 — severe (>50)'],
    ['iga_ad', 1, 'normal', 'almost clear', 'vIGA-AD 1 — almost clear (1)'],
    ['iga_ad', 3, 'abnormal', 'moderate', 'vIGA-AD 3 — moderate (3)'],
    ['iga_acne', 2, 'info', 'mild', 'Acne IGA 2 — mild (2)'],
    ['iga_acne', 4, 'abnormal', 'severe', 'Acne IGA 4 — severe (4)'],
    ['uas7', 0, 'normal', 'urticaria-free', 'UAS7 0 — urticaria-free (0)'],
    ['uas7', 5, 'info', 'well-controlled', 'UAS7 5 — well-controlled (1–6)'],
    ['uas7', 20, 'abnormal', 'moderate', 'UAS7 20 — moderate (16–27)'],
    ['uas7', 30, 'abnormal', 'severe', 'UAS7 30 — severe (28–42)'],
    ['dlqi', 1, 'normal', 'no effect on the patient’s life', 'DLQI 1 — no effect on the patient’s life (0–1)'],
    ['dlqi', 4, 'info', 'small effect', 'DLQI 4 — small effect (2–5)'],
    ['dlqi', 11, 'abnormal', 'very large effect', 'DLQI 11 — very large effect (11–20)'],
    ['poem', 2, 'normal', 'clear or almost clear', 'POEM 2 — clear or almost clear (0–2)'],
    ['poem', 17, 'abnormal', 'severe', 'POEM 17 — severe (17–24)'],
    ['bristol', 1, 'abnormal', 'constipation', 'BSFS 1 — constipation (1–2)'],
    ['bristol', 4, 'normal', 'normal', 'BSFS 4 — normal (3–4)'],
    ['bristol', 5, 'info', 'tending to diarrhoea', 'BSFS 5 — tending to diarrhoea (5)'],
    ['bristol', 7, 'abnormal', 'diarrhoea', 'BSFS 7 — diarrhoea (6–7)'],
    ['gsrs', 2.4, 'info', 'no validated severity bands', 'GSRS 2.4 — no validated severity bands (1–7)'],
  ] as const)('%s %s → %s, %s', (instrument, value, flag, label, summary) => {
    const r = interpretScore({ instrument, value });
    expect(r.flag).toBe(flag);
    expect(r.band?.label).toBe(label);
    expect(r.summary).toBe(summary);
    expect(r.instrument).toBe(instrument);
    expect(r.value).toBe(value);
    const { min, max } = getInstrument(instrument);
    expect(r.range).toEqual({ min, max });
  });

  it('names the band rule and source in the band finding', () => {
    const r = interpretScore({ instrument: 'easi', value: 12.4 });
    expect(r.findings[0]).toEqual({
      rule: 'easi-band',
      status: 'flag',
      text: 'EASI 12.4 is moderate (7.1–21.0) under the Leshem 2015 EASI bands, upper edges inclusive [EASI].',
      source: 'EASI',
    });
    expect(interpretScore({ instrument: 'poem', value: 5 }).findings[0]?.status).toBe('info');
  });

  it('SCORAD also reports the alternative AD-TAB band', () => {
    const r = interpretScore({ instrument: 'scorad', value: 25 });
    const alt = r.findings.find((f) => f.rule === 'scorad-alternative-band');
    expect(alt?.source).toBe('AD-TAB');
    expect(alt?.text).toContain('SCORAD 25 is mild (10–28.9)');
  });

  it('PASI >10 suggests pairing with DLQI; ≤10 does not', () => {
    expect(rules(interpretScore({ instrument: 'pasi', value: 10.1 }))).toContain('pasi-with-dlqi');
    expect(rules(interpretScore({ instrument: 'pasi', value: 10 }))).not.toContain('pasi-with-dlqi');
  });

  it('vIGA-AD 0/1 notes trial success; acne IGA 0/1 warns that success needs the baseline', () => {
    expect(rules(interpretScore({ instrument: 'iga_ad', value: 1 }))).toContain('iga-ad-success-grade');
    expect(rules(interpretScore({ instrument: 'iga_ad', value: 2 }))).not.toContain('iga-ad-success-grade');
    const acne = interpretScore({ instrument: 'iga_acne', value: 0 }).findings.find((f) => f.rule === 'iga-acne-success-needs-baseline');
    expect(acne?.status).toBe('caution');
    expect(acne?.source).toBe('ACNE');
  });

  it('UAS7 flags the calculator-sourced bands (1–27) only', () => {
    expect(rules(interpretScore({ instrument: 'uas7', value: 0 }))).not.toContain('uas7-band-source');
    expect(rules(interpretScore({ instrument: 'uas7', value: 1 }))).toContain('uas7-band-source');
    expect(rules(interpretScore({ instrument: 'uas7', value: 27 }))).toContain('uas7-band-source');
    expect(rules(interpretScore({ instrument: 'uas7', value: 28 }))).not.toContain('uas7-band-source');
  });

  it('GSRS always carries the score-convention caution', () => {
    const r = interpretScore({ instrument: 'gsrs', value: 2.4 });
    expect(r.band?.severity).toBe('unbanded');
    expect(r.findings.find((f) => f.rule === 'gsrs-convention')?.status).toBe('caution');
  });

  it.each([
    ['easi', 80, 'EASI must be between 0 and 72 (got 80).'],
    ['dlqi', 2.5, 'DLQI is a whole number from 0 to 30.'],
    ['bristol', Number.NaN, 'BSFS must be a number between 1 and 7.'],
  ] as const)('%s %s is indeterminate, not banded', (instrument, value, text) => {
    const r = interpretScore({ instrument, value });
    expect(r.flag).toBe('indeterminate');
    expect(r.band).toBeNull();
    expect(r.findings).toEqual([{ rule: `${instrument}-invalid`, status: 'caution', text, source: getInstrument(instrument).source }]);
  });
});

describe('flag mapping', () => {
  it.each([
    ['clear', 'normal'],
    ['normal', 'normal'],
    ['mild', 'info'],
    ['unbanded', 'info'],
    ['moderate', 'abnormal'],
    ['severe', 'abnormal'],
    ['very_severe', 'abnormal'],
    ['abnormal', 'abnormal'],
  ] as const satisfies readonly (readonly [BandSeverity, string])[])('%s → %s', (severity, flag) => {
    expect(flagForSeverity(severity)).toBe(flag);
  });

  it('property: any valid value gets its band’s flag, a summary naming the instrument, and a band finding first', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INSTRUMENT_IDS), fc.double({ min: 0, max: 1, noNaN: true }), (id: InstrumentId, t) => {
        const { min, max, integerOnly, label, source } = getInstrument(id);
        const raw = min + t * (max - min);
        const value = integerOnly ? Math.round(raw) : Math.min(max, raw);
        const r = interpretScore({ instrument: id, value });
        return (
          r.band !== null &&
          r.flag === flagForSeverity(r.band.severity) &&
          r.summary.startsWith(`${label} `) &&
          r.findings[0]?.rule === `${id}-band` &&
          r.findings[0].source === source
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatScore', () => {
  it.each([
    [7, '7'],
    [12.4, '12.4'],
    [12.40000000001, '12.4'],
    [7 / 3, '2.33'],
  ])('%s → %s', (v, s) => expect(formatScore(v)).toBe(s));
});

describe('compareScores', () => {
  it('EASI falling is improvement, with float noise removed', () => {
    expect(compareScores({ instrument: 'easi', value: 24 }, { instrument: 'easi', value: 12.4 })).toEqual({
      change: -11.6,
      percentChange: -48.3,
      improved: true,
      text: 'EASI 24 → 12.4 (severe → moderate): −11.6 (−48.3%), improved.',
      findings: [],
    });
    expect(compareScores({ instrument: 'easi', value: 7.1 }, { instrument: 'easi', value: 12.4 }).change).toBe(5.3);
  });

  it('a rising score is worse', () => {
    const c = compareScores({ instrument: 'poem', value: 5 }, { instrument: 'poem', value: 10 });
    expect(c).toMatchObject({ change: 5, percentChange: 100, improved: false });
    expect(c.text).toBe('POEM 5 → 10 (mild → moderate): +5 (+100%), worse.');
  });

  it('no change: improved null', () => {
    const c = compareScores({ instrument: 'uas7', value: 12 }, { instrument: 'uas7', value: 12 });
    expect(c).toMatchObject({ change: 0, percentChange: 0, improved: null, text: 'UAS7 12 → 12 (mild): no change.' });
  });

  it('a difference below the rounding is no change, with no verdict', () => {
    const c = compareScores({ instrument: 'easi', value: 12.4 }, { instrument: 'easi', value: 12.4 + 1e-9 });
    expect(c).toMatchObject({ change: 0, improved: null, text: 'EASI 12.4 → 12.4 (moderate): no change.' });
  });

  it('from 0: no percentage', () => {
    const c = compareScores({ instrument: 'dlqi', value: 0 }, { instrument: 'dlqi', value: 3 });
    expect(c.percentChange).toBeNull();
    expect(c.text).toBe('DLQI 0 → 3 (no effect on the patient’s life → small effect): +3, worse.');
  });

  it('GSRS: no band labels in the text', () => {
    const c = compareScores({ instrument: 'gsrs', value: 3.2 }, { instrument: 'gsrs', value: 2.1 });
    expect(c).toMatchObject({ change: -1.1, improved: true, text: 'GSRS 3.2 → 2.1: −1.1 (−34.4%), improved.' });
  });

  describe('DLQI minimal clinically important difference (4)', () => {
    it.each([
      [12, 8, true],
      [12, 9, false],
      [5, 9, true],
      [5, 8, false],
    ])('%s → %s: MCID finding %s', (a, b, fires) => {
      const c = compareScores({ instrument: 'dlqi', value: a }, { instrument: 'dlqi', value: b });
      expect(rules(c).includes('dlqi-mcid')).toBe(fires);
    });

    it('words the direction', () => {
      const c = compareScores({ instrument: 'dlqi', value: 12 }, { instrument: 'dlqi', value: 7 });
      expect(c.findings[0]?.text).toBe('DLQI fell 5 points (12 → 7), at least the minimal clinically important difference of 4 [DLQI].');
    });
  });

  describe('acne IGA success (0/1 and ≥2-grade improvement from baseline)', () => {
    it.each([
      [3, 1, 'positive'],
      [2, 0, 'positive'],
      [4, 1, 'positive'],
      [2, 1, 'negative'],
      [1, 1, 'negative'],
      [0, 1, 'negative'],
    ])('%s → %s: %s', (a, b, status) => {
      const c = compareScores({ instrument: 'iga_acne', value: a }, { instrument: 'iga_acne', value: b });
      expect(c.findings).toHaveLength(1);
      expect(c.findings[0]).toMatchObject({ rule: 'iga-acne-success', status, source: 'ACNE' });
    });

    it('no success finding while the grade is 2 or worse', () => {
      expect(compareScores({ instrument: 'iga_acne', value: 4 }, { instrument: 'iga_acne', value: 2 }).findings).toEqual([]);
    });
  });

  describe('Bristol: improvement means moving towards types 3–4', () => {
    it.each([
      [2, 4, true],
      [1, 2, true],
      [7, 4, true],
      [6, 5, true],
      [5, 3, true],
      [4, 6, false],
      [3, 1, false],
      [2, 1, false],
      [5, 7, false],
      [3, 4, null],
      [1, 7, null],
      [6, 2, null],
      [5, 2, null],
    ])('%s → %s: improved %s', (a, b, improved) => {
      const c = compareScores({ instrument: 'bristol', value: a }, { instrument: 'bristol', value: b });
      expect(c.improved).toBe(improved);
      expect(c.percentChange).toBeNull();
    });

    it('says why crossing sides is neither better nor worse', () => {
      expect(compareScores({ instrument: 'bristol', value: 1 }, { instrument: 'bristol', value: 7 }).text).toBe(
        'BSFS 1 → 7 (constipation → diarrhoea): +6, neither better nor worse: both ends of the scale are abnormal.',
      );
    });
  });

  it('refuses to compare different instruments or invalid values', () => {
    expect(() => compareScores({ instrument: 'easi', value: 1 }, { instrument: 'pasi', value: 1 })).toThrow('Cannot compare EASI with PASI.');
    expect(() => compareScores({ instrument: 'easi', value: 80 }, { instrument: 'easi', value: 1 })).toThrow(RangeError);
    expect(() => compareScores({ instrument: 'dlqi', value: 1 }, { instrument: 'dlqi', value: 2.5 })).toThrow('DLQI is a whole number from 0 to 30.');
  });

  it('property: for ordered instruments, swapping the two values negates the change and flips improved', () => {
    const ordered = INSTRUMENT_IDS.filter((id) => getInstrument(id).higherIsWorse !== null);
    fc.assert(
      fc.property(fc.constantFrom(...ordered), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (id, s, t) => {
        const { min, max, integerOnly } = getInstrument(id);
        const at = (u: number) => (integerOnly ? Math.round(min + u * (max - min)) : Math.min(max, min + u * (max - min)));
        const a = { instrument: id, value: at(s) };
        const b = { instrument: id, value: at(t) };
        const ab = compareScores(a, b);
        const ba = compareScores(b, a);
        if (ab.change === 0) return ba.change === 0 && ab.improved === null && ba.improved === null;
        return ab.change === -ba.change && ab.improved === !ba.improved && ab.improved === b.value < a.value;
      }),
      { numRuns: 500 },
    );
  });
});
