import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { H_PYLORI_LOINC, interpretHPylori, UBT_BORDERLINE_BAND_PERMIL } from '@/lib/clinical/h-pylori/interpret';
import { H_PYLORI_METHOD_IDS, hPyloriInputSchema, UBT_KITS, type HPyloriInputRaw } from '@/lib/clinical/h-pylori/schema';

/** Parse through the schema so every example is an input the app could really store. */
function run(raw: HPyloriInputRaw) {
  return interpretHPylori(hPyloriInputSchema.parse(raw));
}

const ubt = (extra: Partial<HPyloriInputRaw> = {}): HPyloriInputRaw => ({
  effectiveDate: '2024-05-10',
  method: 'urea_breath_test',
  ubtKit: 'breathid_hp',
  deltaOverBaseline: 12,
  ppiLastTakenDaysAgo: 60,
  antibioticsLastTakenDaysAgo: 90,
  bismuthLastTakenDaysAgo: 90,
  h2BlockerLastTakenDaysAgo: 90,
  ...extra,
});

const sat = (extra: Partial<HPyloriInputRaw> = {}): HPyloriInputRaw => ({
  effectiveDate: '2024-05-10',
  method: 'stool_antigen',
  result: 'negative',
  ppiWithin2Weeks: false,
  antibioticsWithin4Weeks: false,
  bismuthWithin2Weeks: false,
  ...extra,
});

const rules = (r: ReturnType<typeof run>) => r.findings.map((f) => f.rule);
const finding = (r: ReturnType<typeof run>, rule: string) => r.findings.find((f) => f.rule === rule);

describe('UBT cut-offs per kit (DOMAIN.md 2.1)', () => {
  const permil = UBT_KITS.filter((k) => k.unit === 'permil_dob');
  for (const kit of permil) {
    describe(kit.shortLabel, () => {
      it.each([
        [kit.cutoff - 0.01, 'negative', 'normal'],
        [kit.cutoff, 'positive', 'abnormal'],
        [kit.cutoff + 0.01, 'positive', 'abnormal'],
      ] as const)('DOB %s‰ → %s (%s)', (dob, result, flag) => {
        const r = run(ubt({ ubtKit: kit.id, deltaOverBaseline: Number(dob.toFixed(2)) }));
        expect(r.result).toBe(result);
        expect(r.flag).toBe(flag);
        expect(r.criterion).toContain(`DOB ≥ ${kit.cutoff}‰`);
        expect(finding(r, 'ubt-cutoff')?.source).toBe(kit.source);
      });
    });
  }

  describe('PYtest ¹⁴C (grey zone 50–199 DPM)', () => {
    it.each([
      [0, 'negative', 'normal'],
      [49, 'negative', 'normal'],
      [49.9, 'negative', 'normal'],
      [50, 'indeterminate', 'indeterminate'],
      [51, 'indeterminate', 'indeterminate'],
      [199, 'indeterminate', 'indeterminate'],
      [199.9, 'indeterminate', 'indeterminate'],
      [200, 'positive', 'abnormal'],
      [201, 'positive', 'abnormal'],
    ] as const)('%s DPM → %s (%s)', (dpm, result, flag) => {
      const r = run(ubt({ ubtKit: 'pytest_c14', deltaOverBaseline: undefined, dpm }));
      expect(r.result).toBe(result);
      expect(r.flag).toBe(flag);
      expect(r.borderline).toBe(result === 'indeterminate');
    });

    it('says "borderline" in the summary and flags the grey zone', () => {
      const r = run(ubt({ ubtKit: 'pytest_c14', deltaOverBaseline: undefined, dpm: 120 }));
      expect(r.summary).toBe('H. pylori UBT borderline: 120 DPM, borderline 50–199 DPM (PYtest ¹⁴C)');
      expect(finding(r, 'ubt-grey-zone')?.status).toBe('flag');
    });

    it('notes that ¹⁴C is radioactive', () => {
      expect(finding(run(ubt({ ubtKit: 'pytest_c14', deltaOverBaseline: undefined, dpm: 20 })), 'ubt-c14-radioactive')?.source).toBe('MAAS5');
    });
  });

  it('reads a lab-stated custom cut-off', () => {
    expect(run(ubt({ ubtKit: undefined, ubtCutoff: 3.5, deltaOverBaseline: 3.49 })).result).toBe('negative');
    const r = run(ubt({ ubtKit: undefined, ubtCutoff: 3.5, deltaOverBaseline: 3.5 }));
    expect(r.result).toBe('positive');
    expect(r.criterion).toBe('Lab-stated cut-off: DOB ≥ 3.5‰');
    expect(r.summary).toBe('H. pylori UBT positive: DOB 3.5‰ ≥ 3.5‰ (lab cut-off)');
  });

  it('notes the BreathTek paediatric label for the children’s protocol', () => {
    expect(finding(run(ubt({ ubtKit: 'c13_75mg_citric_15min_children', deltaOverBaseline: 1 })), 'ubt-breathtek-children')?.source).toBe('BTK-INS');
  });

  it('verdict equals DOB ≥ cut-off for every ‰ kit (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...permil), fc.double({ min: 0, max: 200, noNaN: true }), (kit, dob) => {
        const r = run(ubt({ ubtKit: kit.id, deltaOverBaseline: dob }));
        expect(r.result).toBe(dob >= kit.cutoff ? 'positive' : 'negative');
      }),
    );
  });

  it('verdict equals DPM ≥ 200 outside the PYtest grey zone (property)', () => {
    const outside = fc.oneof(fc.double({ min: 0, max: 50, maxExcluded: true, noNaN: true }), fc.double({ min: 200, max: 100_000, noNaN: true }));
    fc.assert(
      fc.property(outside, (dpm) => {
        const r = run(ubt({ ubtKit: 'pytest_c14', deltaOverBaseline: undefined, dpm }));
        expect(r.result).toBe(dpm >= 200 ? 'positive' : 'negative');
      }),
    );
  });

  it('verdict equals DOB ≥ a custom cut-off (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), (cutoff, dob) => {
        const r = run(ubt({ ubtKit: undefined, ubtCutoff: cutoff, deltaOverBaseline: dob }));
        expect(r.result).toBe(dob >= cutoff ? 'positive' : 'negative');
      }),
    );
  });
});

describe('near-cut-off band 2–5‰ [APT2004]', () => {
  it.each([
    [1.99, false],
    [2, true],
    [4.99, true],
    [5, true],
    [5.01, false],
  ])('BreathID DOB %s‰ borderline: %s', (dob, borderline) => {
    const r = run(ubt({ deltaOverBaseline: dob }));
    expect(r.borderline).toBe(borderline);
    expect(rules(r).includes('ubt-near-cutoff')).toBe(borderline);
  });

  it('does not change the verdict or the flag', () => {
    const neg = run(ubt({ deltaOverBaseline: 4.9 }));
    expect([neg.result, neg.flag]).toEqual(['negative', 'normal']);
    const pos = run(ubt({ deltaOverBaseline: 5 }));
    expect([pos.result, pos.flag]).toEqual(['positive', 'abnormal']);
  });

  it('is not raised when the applied cut-off lies outside the band', () => {
    const r = run(ubt({ ubtKit: undefined, ubtCutoff: 10, deltaOverBaseline: 3 }));
    expect(r.borderline).toBe(false);
  });

  it('band constants match DOMAIN.md', () => {
    expect(UBT_BORDERLINE_BAND_PERMIL).toEqual({ from: 2, to: 5 });
  });
});

describe('interfering drugs (DOMAIN.md 2.2)', () => {
  describe('PPI: 2 weeks', () => {
    it.each([
      [0, true],
      [13, true],
      [14, false],
      [15, false],
    ])('negative UBT with PPI %s days before → possible false negative: %s', (days, fn) => {
      const r = run(ubt({ deltaOverBaseline: 1, ppiLastTakenDaysAgo: days }));
      expect(r.result).toBe('negative');
      expect(r.possibleFalseNegative).toBe(fn);
      expect(r.flag).toBe(fn ? 'indeterminate' : 'normal');
      const c = finding(r, 'ppi-within-window');
      expect(c !== undefined).toBe(fn);
      if (c) {
        expect(c.status).toBe('caution');
        expect(c.text).toMatch(/may be a false negative/);
        expect(c.text).toMatch(/proton pump inhibitor \(PPI\) was taken \d+ days? before the test, inside the 2-week window/);
        expect(c.source).toBe('MAAS3, ACG24');
      }
    });

    it('works from the yes/no answer when days are unknown', () => {
      const r = run(sat({ ppiWithin2Weeks: true }));
      expect(r.flag).toBe('indeterminate');
      expect(finding(r, 'ppi-within-window')?.text).toMatch(/within 2 weeks of the test/);
      expect(run(sat({ ppiWithin2Weeks: false })).flag).toBe('normal');
    });

    it('applies to biopsy tests', () => {
      expect(run(sat({ method: 'histology', ppiWithin2Weeks: true })).flag).toBe('indeterminate');
      expect(run(sat({ method: 'rapid_urease', ppiWithin2Weeks: true })).flag).toBe('indeterminate');
    });

    it('does not apply to serology (the exception)', () => {
      const r = run(sat({ method: 'serology', ppiWithin2Weeks: true, antibioticsWithin4Weeks: true, bismuthWithin2Weeks: true }));
      expect(r.flag).toBe('normal');
      expect(r.possibleFalseNegative).toBe(false);
      expect(rules(r).some((x) => x.endsWith('-within-window'))).toBe(false);
    });

    it('a positive on a PPI stays positive, with a note', () => {
      const r = run(ubt({ deltaOverBaseline: 20, ppiLastTakenDaysAgo: 3 }));
      expect(r.flag).toBe('abnormal');
      expect(r.possibleFalseNegative).toBe(false);
      expect(finding(r, 'ppi-before-positive')).toMatchObject({ status: 'info', source: 'BTK-HCP' });
      expect(r.cautions).toEqual([]);
    });
  });

  describe('antibiotics: 4 weeks', () => {
    it.each([
      [27, true],
      [28, false],
      [29, false],
    ])('negative UBT with antibiotic %s days before → possible false negative: %s', (days, fn) => {
      const r = run(ubt({ deltaOverBaseline: 1, antibioticsLastTakenDaysAgo: days }));
      expect(r.possibleFalseNegative).toBe(fn);
      expect(r.flag).toBe(fn ? 'indeterminate' : 'normal');
      if (fn) expect(finding(r, 'antibiotics-within-window')?.text).toMatch(/an antibiotic was taken 27 days before the test, inside the 4-week window/);
    });

    it('applies to stool antigen', () => {
      expect(run(sat({ antibioticsWithin4Weeks: true })).flag).toBe('indeterminate');
    });
  });

  describe('bismuth: 2 weeks (4 weeks only in secondary sources)', () => {
    it.each([
      [13, true],
      [14, false],
      [15, false],
    ])('negative UBT with bismuth %s days before → possible false negative: %s', (days, fn) => {
      const r = run(ubt({ deltaOverBaseline: 1, bismuthLastTakenDaysAgo: days }));
      expect(r.possibleFalseNegative).toBe(fn);
      expect(r.flag).toBe(fn ? 'indeterminate' : 'normal');
    });

    it.each([
      [14, true],
      [27, true],
      [28, false],
    ])('bismuth %s days before: secondary 4-week note shown: %s (flag unchanged)', (days, shown) => {
      const r = run(ubt({ deltaOverBaseline: 1, bismuthLastTakenDaysAgo: days }));
      expect(rules(r).includes('bismuth-secondary-window')).toBe(shown);
      expect(r.flag).toBe('normal');
    });
  });

  describe('H2 blockers: lab-dependent, up to 2 weeks', () => {
    it.each([
      [1, true],
      [13, true],
      [14, false],
    ])('negative UBT with H2 blocker %s days before → possible false negative: %s', (days, fn) => {
      const r = run(ubt({ deltaOverBaseline: 1, h2BlockerLastTakenDaysAgo: days }));
      expect(r.possibleFalseNegative).toBe(fn);
      if (fn) expect(finding(r, 'h2_blocker-within-window')?.text).toMatch(/24–48 hours to 2 weeks/);
    });

    it('is not applied to stool antigen (the sources are UBT requirements)', () => {
      expect(run(sat({ h2BlockerWithin2Weeks: true })).flag).toBe('normal');
    });
  });

  it('names every interfering drug in the summary', () => {
    const r = run(ubt({ deltaOverBaseline: 1, ppiLastTakenDaysAgo: 5, antibioticsLastTakenDaysAgo: 10 }));
    expect(r.summary).toBe('H. pylori UBT negative: DOB 1‰ < 5‰ (BreathID Hp); possibly false negative (PPI 5 d before; antibiotics 10 d before)');
    expect(r.cautions).toHaveLength(2);
  });

  it('an indeterminate result with a drug inside its window gets a caution but is not called a false negative', () => {
    const r = run(sat({ result: 'indeterminate', ppiWithin2Weeks: true }));
    expect(r.flag).toBe('indeterminate');
    expect(r.possibleFalseNegative).toBe(false);
    expect(finding(r, 'ppi-within-window')?.text).toMatch(/may read falsely low/);
  });

  it('asks for the drug history when a negative has none recorded', () => {
    const r = run({ effectiveDate: '2024-05-10', method: 'stool_antigen', result: 'negative' });
    expect(r.flag).toBe('normal');
    const f = finding(r, 'drug-history-not-recorded');
    expect(f?.status).toBe('info');
    expect(f?.text).toMatch(/PPI, antibiotics, bismuth/);
    expect(f?.text).not.toMatch(/H2 blocker/);
    expect(rules(run(sat()))).not.toContain('drug-history-not-recorded');
  });

  it('a negative active-infection test with any drug inside its window is never "normal" (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('stool_antigen', 'histology', 'rapid_urease' as const),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 27 }),
        fc.constantFrom('ppi', 'antibiotics', 'bismuth' as const),
        (method, twoWeekDays, fourWeekDays, drug) => {
          const extra =
            drug === 'ppi' ? { ppiLastTakenDaysAgo: twoWeekDays } : drug === 'antibiotics' ? { antibioticsLastTakenDaysAgo: fourWeekDays } : { bismuthLastTakenDaysAgo: twoWeekDays };
          const r = run({ effectiveDate: '2024-05-10', method, result: 'negative', ...extra });
          expect(r.flag).toBe('indeterminate');
          expect(r.possibleFalseNegative).toBe(true);
        },
      ),
    );
  });
});

describe('serology', () => {
  it('always cautions that it cannot show active infection', () => {
    for (const result of ['positive', 'negative'] as const) {
      const r = run(sat({ method: 'serology', result }));
      expect(finding(r, 'serology-not-active-infection')?.status).toBe('caution');
    }
  });

  it('positive for diagnosis → abnormal; negative → normal', () => {
    const pos = run(sat({ method: 'serology', result: 'positive' }));
    expect(pos.flag).toBe('abnormal');
    expect(pos.summary).toBe('H. pylori serology positive: cannot show active infection');
    expect(run(sat({ method: 'serology', result: 'negative' })).flag).toBe('normal');
  });

  it('is not suitable for a test of cure: caution and indeterminate whatever the result', () => {
    for (const result of ['positive', 'negative', 'indeterminate'] as const) {
      const r = run(sat({ method: 'serology', result, purpose: 'test_of_cure', eradicationTherapyEndDate: '2024-03-01' }));
      expect(r.flag).toBe('indeterminate');
      expect(finding(r, 'serology-not-for-test-of-cure')?.status).toBe('caution');
      expect(r.summary).toMatch(/serology cannot confirm cure/);
    }
  });
});

describe('biopsy tests for test of cure', () => {
  it('rapid urease: not for eradication checks; a negative is indeterminate, a positive stays abnormal', () => {
    const neg = run(sat({ method: 'rapid_urease', purpose: 'test_of_cure', eradicationTherapyEndDate: '2024-03-01' }));
    expect(neg.flag).toBe('indeterminate');
    expect(finding(neg, 'rapid-urease-not-for-test-of-cure')).toMatchObject({ status: 'caution', source: 'MAAS5-RUT' });
    expect(run(sat({ method: 'rapid_urease', result: 'positive', purpose: 'test_of_cure', eradicationTherapyEndDate: '2024-03-01' })).flag).toBe('abnormal');
  });

  it('histology: notes the recommended tests without changing the flag', () => {
    const r = run(sat({ method: 'histology', purpose: 'test_of_cure', eradicationTherapyEndDate: '2024-03-01' }));
    expect(r.flag).toBe('normal');
    expect(finding(r, 'histology-test-of-cure')?.status).toBe('info');
  });
});

describe('test-of-cure timing: ≥ 4 weeks after therapy ends', () => {
  const toc = (effectiveDate: string, extra: Partial<HPyloriInputRaw> = {}) =>
    run(ubt({ effectiveDate, deltaOverBaseline: 1, purpose: 'test_of_cure', eradicationTherapyEndDate: '2024-01-01', ...extra }));

  it.each([
    ['2024-01-28', 27, true, 'indeterminate'],
    ['2024-01-29', 28, false, 'normal'],
    ['2024-01-30', 29, false, 'normal'],
  ] as const)('tested %s (%s days after) → too early: %s, negative flag %s', (date, days, tooEarly, flag) => {
    const r = toc(date);
    expect(r.testOfCure).toEqual({ dueFrom: '2024-01-29', tooEarly });
    expect(r.flag).toBe(flag);
    expect(r.possibleFalseNegative).toBe(tooEarly);
    const f = finding(r, 'test-of-cure-timing');
    expect(f?.status).toBe(tooEarly ? 'caution' : 'info');
    expect(f?.text).toContain(`${days} days after therapy ended (2024-01-01)`);
    expect(f?.text).toContain('2024-01-29');
  });

  it('handles a leap day', () => {
    expect(toc('2024-03-01', { eradicationTherapyEndDate: '2024-02-01' }).testOfCure).toEqual({ dueFrom: '2024-02-29', tooEarly: false });
    expect(toc('2024-02-28', { eradicationTherapyEndDate: '2024-02-01' }).testOfCure).toEqual({ dueFrom: '2024-02-29', tooEarly: true });
  });

  it('a positive test of cure stays abnormal even when early', () => {
    const r = toc('2024-01-15', { deltaOverBaseline: 20 });
    expect(r.flag).toBe('abnormal');
    expect(r.possibleFalseNegative).toBe(false);
    expect(r.summary).toBe('Test of cure: H. pylori UBT positive: DOB 20‰ ≥ 5‰ (BreathID Hp); test of cure earlier than due (2024-01-29)');
  });

  it('without an end date: due date unknown, with a caution', () => {
    const r = run(ubt({ deltaOverBaseline: 1, purpose: 'test_of_cure' }));
    expect(r.testOfCure).toEqual({ dueFrom: null, tooEarly: false });
    expect(finding(r, 'test-of-cure-timing')?.status).toBe('caution');
    expect(r.flag).toBe('normal');
  });

  it('is null for a diagnostic test, which instead reminds to confirm cure after treatment when positive', () => {
    const r = run(ubt({ deltaOverBaseline: 20 }));
    expect(r.testOfCure).toBeNull();
    expect(finding(r, 'confirm-cure-after-treatment')?.source).toBe('ACG24');
  });

  it('too early plus a PPI lists both reasons', () => {
    const r = toc('2024-01-20', { ppiLastTakenDaysAgo: 3 });
    expect(r.summary).toBe('Test of cure: H. pylori UBT negative: DOB 1‰ < 5‰ (BreathID Hp); possibly false negative (PPI 3 d before; test of cure too early)');
  });
});

describe('entered results for other methods', () => {
  it.each([
    ['positive', 'abnormal'],
    ['negative', 'normal'],
    ['indeterminate', 'indeterminate'],
  ] as const)('stool antigen %s → %s', (result, flag) => {
    const r = run(sat({ result }));
    expect(r.result).toBe(result);
    expect(r.flag).toBe(flag);
    expect(r.summary).toBe(`H. pylori stool antigen ${result}`);
  });
});

describe('LOINC (DOMAIN.md 5.2)', () => {
  it('gives only the codes DOMAIN.md confirms', () => {
    expect(H_PYLORI_LOINC.urea_breath_test.map((c) => c.code)).toEqual(['29891-9']);
    expect(H_PYLORI_LOINC.stool_antigen.map((c) => c.code)).toEqual(['17780-8', '31843-6']);
    expect(H_PYLORI_LOINC.serology).toEqual([]);
    expect(H_PYLORI_LOINC.histology).toEqual([]);
    expect(H_PYLORI_LOINC.rapid_urease).toEqual([]);
  });

  it('attaches the method’s codes to the interpretation', () => {
    expect(run(ubt()).loinc[0]?.code).toBe('29891-9');
  });
});

describe('output shape (properties)', () => {
  const anyInput: fc.Arbitrary<HPyloriInputRaw> = fc.oneof(
    fc.record({
      effectiveDate: fc.constant('2024-05-10'),
      method: fc.constant('urea_breath_test' as const),
      ubtKit: fc.constantFrom('breathid_hp', 'c13_75mg_citric_15min_children', 'c13_75mg_citric_30min_adults' as const),
      deltaOverBaseline: fc.double({ min: 0, max: 200, noNaN: true }),
      ppiLastTakenDaysAgo: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      antibioticsLastTakenDaysAgo: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      purpose: fc.constantFrom('diagnosis', 'test_of_cure' as const),
    }),
    fc.record({
      effectiveDate: fc.constant('2024-05-10'),
      method: fc.constantFrom(...H_PYLORI_METHOD_IDS.filter((m) => m !== 'urea_breath_test')),
      result: fc.constantFrom('positive', 'negative', 'indeterminate' as const),
      ppiWithin2Weeks: fc.option(fc.boolean(), { nil: undefined }),
      bismuthWithin2Weeks: fc.option(fc.boolean(), { nil: undefined }),
      purpose: fc.constantFrom('diagnosis', 'test_of_cure' as const),
    }),
  );

  it('summary is one line; every finding has a rule, text and source; cautions mirror caution findings', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const r = run(raw);
        expect(r.summary).not.toMatch(/\n/);
        expect(r.summary).toMatch(/H\. pylori/);
        for (const f of r.findings) {
          expect(f.rule).toMatch(/^[a-z0-9_-]+$/);
          expect(f.text.length).toBeGreaterThan(0);
          expect(f.source.length).toBeGreaterThan(0);
        }
        expect(r.cautions).toEqual(r.findings.filter((f) => f.status === 'caution').map((f) => f.text));
      }),
    );
  });

  it('flag follows the result: positive → abnormal (except serology for cure), possible false negative → indeterminate', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const r = run(raw);
        const serologyForCure = r.method === 'serology' && raw.purpose === 'test_of_cure';
        if (r.result === 'positive') expect(r.flag).toBe(serologyForCure ? 'indeterminate' : 'abnormal');
        if (r.result === 'indeterminate') expect(r.flag).toBe('indeterminate');
        if (r.possibleFalseNegative) expect(r.flag).toBe('indeterminate');
        if (r.flag === 'normal') expect(r.result).toBe('negative');
        expect(r.flag).not.toBe('info');
      }),
    );
  });
});
