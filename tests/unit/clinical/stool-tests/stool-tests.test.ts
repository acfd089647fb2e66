import { describe, expect, it } from 'vitest';
import { isCatalogued } from '@/lib/clinical/sources';
import { ELASTASE_EPI_BELOW, ELASTASE_NORMAL_FROM, FIT_REFER_FROM, interpretStoolTest } from '@/lib/clinical/stool-tests/interpret';
import { FB_RATIO_REFUSAL, stoolTestInputSchema, type StoolTestInput } from '@/lib/clinical/stool-tests/schema';

// Stool tests (DOMAIN.md §8): at and around every threshold, paediatric handling, and the refusals.

const ADULT = { dateOfBirth: '1980-05-01' };
const on = '2026-11-02';
const parse = (v: Record<string, unknown>): StoolTestInput => stoolTestInputSchema.parse({ effectiveDate: on, ...v });
const calprotectin = (value: number, extra: Record<string, unknown> = {}) =>
  parse({ calprotectin: { value, unit: 'ug/g', labInterval: { normalBelow: 50, indeterminateUpTo: 120 }, assay: 'Bühlmann fCAL ELISA', laboratory: 'Northside Lab', ...extra } });
/** The analyte's reading in the lab's words: the common finding statuses are positive/negative/flag. */
const READING: Record<string, string> = { positive: 'abnormal', negative: 'normal', flag: 'indeterminate', urgent: 'urgent' };
const statusOf = (input: StoolTestInput, analyte: string, patient = ADULT) => {
  const status = interpretStoolTest(input, patient).findings.find((f) => f.analyte === analyte && f.status !== 'info' && f.status !== 'caution')?.status;
  return status && READING[status];
};

describe('faecal calprotectin, by the lab’s own interval', () => {
  it.each([
    [49.9, 'normal'],
    [50, 'indeterminate'],
    [120, 'indeterminate'],
    [120.1, 'abnormal'],
  ])('%s µg/g against "below 50, borderline to 120" is %s', (value, expected) => {
    expect(statusOf(calprotectin(value), 'calprotectin')).toBe(expected);
  });

  it('uses another lab’s interval as given, never a constant (Parkview: normal below 80)', () => {
    const parkview = parse({ calprotectin: { value: 70, unit: 'mg/kg', labInterval: { normalBelow: 80 }, assay: 'x', laboratory: 'Parkview' } });
    expect(statusOf(parkview, 'calprotectin')).toBe('normal');
    const above = parse({ calprotectin: { value: 80, unit: 'mg/kg', labInterval: { normalBelow: 80 }, assay: 'x', laboratory: 'Parkview' } });
    expect(statusOf(above, 'calprotectin')).toBe('abnormal');
  });

  it('applies no adult band under 18, and says why; under 2 adds the applicability caution', () => {
    const child = interpretStoolTest(calprotectin(300), { dateOfBirth: '2014-01-01' });
    expect(child.findings.map((f) => f.rule)).toEqual(['calprotectin-paediatric', 'calprotectin-assay']);
    expect(child.flag).toBe('info');
    expect(child.summary).toMatch(/adult bands are not applied under 18, and paediatric interpretation needs a clinician/);
    const toddler = interpretStoolTest(calprotectin(300), { dateOfBirth: '2025-06-01' });
    expect(toddler.findings.map((f) => f.rule)).toContain('calprotectin-infant');
    // The 18th birthday itself is adult.
    expect(statusOf(calprotectin(300), 'calprotectin', { dateOfBirth: '2008-11-02' })).toBe('abnormal');
    expect(statusOf(calprotectin(300), 'calprotectin', { dateOfBirth: '2008-11-03' })).toBeUndefined();
  });

  it('says what a raised value is not, flags NSAIDs, and ties comparisons to one assay', () => {
    const out = interpretStoolTest(calprotectin(300, { nsaidsWithinTwoWeeks: true }), ADULT);
    expect(out.summary).toMatch(/not a cancer test and does not diagnose dysbiosis/);
    expect(out.findings.map((f) => f.rule)).toEqual(['calprotectin-above', 'calprotectin-nsaids', 'calprotectin-assay']);
  });

  it('refuses an interval whose borderline starts below normal', () => {
    expect(() => calprotectin(10, { labInterval: { normalBelow: 100, indeterminateUpTo: 50 } })).toThrow(/borderline range must start/);
  });
});

describe('pancreatic elastase-1 (AGA 2023)', () => {
  const elastase = (value: number, consistency = 'formed') => parse({ elastase: { value, consistency, laboratory: 'ARUP' } });
  it.each([
    [ELASTASE_EPI_BELOW - 0.1, 'abnormal'],
    [ELASTASE_EPI_BELOW, 'indeterminate'],
    [ELASTASE_NORMAL_FROM - 0.1, 'indeterminate'],
    [ELASTASE_NORMAL_FROM, 'normal'],
  ])('%s µg/g is %s', (value, expected) => {
    expect(statusOf(elastase(value), 'elastase')).toBe(expected);
  });
  it('a watery sample cannot establish insufficiency (false-low risk), but a normal value stands', () => {
    const low = interpretStoolTest(elastase(60, 'watery'), ADULT);
    expect(low.findings.map((f) => f.rule)).toEqual(['elastase-low', 'elastase-watery']);
    expect(interpretStoolTest(elastase(400, 'watery'), ADULT).findings.map((f) => f.rule)).toEqual(['elastase-normal']);
  });
  it('does not read a newborn’s sample against the range', () => {
    expect(interpretStoolTest(elastase(60), { dateOfBirth: '2026-10-20' }).findings.map((f) => f.rule)).toEqual(['elastase-neonate']);
  });
});

describe('FIT', () => {
  const fit = (value: number) => parse({ fit: { value, assay: 'oc_sensor', laboratory: 'NHS lab' } });
  it('at or above 10 µg Hb/g is a referral on the suspected-cancer pathway, never a diet matter', () => {
    const out = interpretStoolTest(fit(FIT_REFER_FROM), ADULT);
    expect(out).toMatchObject({ referral: true, dietAdviceAllowed: false, flag: 'abnormal' });
    expect(out.summary).toMatch(/refer on the suspected-cancer pathway/);
    expect(interpretStoolTest(fit(FIT_REFER_FROM - 0.1), ADULT)).toMatchObject({ referral: false, dietAdviceAllowed: true, flag: 'normal' });
  });
  it('applies the adult threshold only to adults', () => {
    expect(interpretStoolTest(fit(50), { dateOfBirth: '2012-01-01' })).toMatchObject({ referral: false, flag: 'indeterminate' });
  });
});

describe('microbiome reports: research-grade, never a diagnosis or advice', () => {
  const report = (extra: Record<string, unknown> = {}) =>
    parse({
      microbiome: {
        method: '16s',
        laboratory: 'GutCheck Labs',
        orderedBy: 'Dr. Elena Rivera',
        alphaDiversity: [{ metric: 'Shannon', value: 3.1 }],
        taxa: [{ name: 'Faecalibacterium prausnitzii', relativeAbundance: 4.2 }],
        labIndex: { name: 'GutCheck balance score', value: 62, labRange: { low: 50, high: 100 } },
        scfa: [{ name: 'Butyrate', value: 12.1, unit: 'µmol/g', labRange: { low: 10, high: 30 } }],
        ...extra,
      },
    });
  it('shows provenance and the research-grade label, allows no diet advice, and never says the patient has dysbiosis', () => {
    const out = interpretStoolTest(report(), ADULT);
    expect(out).toMatchObject({ researchGrade: true, dietAdviceAllowed: false, flag: 'info', referral: false });
    expect(out.summary).toMatch(/GutCheck Labs .* ordered by Dr\. Elena Rivera: research-grade, not diagnostic/);
    const all = out.findings.map((f) => f.text).join(' ');
    expect(all).not.toMatch(/\bdysbiosis (detected|present|found)|you have dysbiosis|ratio/i);
    expect(all).toMatch(/not a diagnosis/);
  });
  it.each(['Firmicutes/Bacteroidetes ratio', 'F/B ratio', 'Bacteroidetes:Firmicutes'])('refuses to store a "%s"', (name) => {
    expect(stoolTestInputSchema.safeParse({ effectiveDate: on, microbiome: { method: '16s', laboratory: 'x', orderedBy: 'y', labIndex: { name, value: 1.8 } } }).error?.issues[0]?.message).toBe(FB_RATIO_REFUSAL);
    expect(stoolTestInputSchema.safeParse({ effectiveDate: on, microbiome: { method: 'shotgun', laboratory: 'x', orderedBy: 'y', taxa: [{ name, relativeAbundance: 2 }] } }).success).toBe(false);
  });
});

describe('the report as a whole', () => {
  it('needs at least one analyte', () => {
    expect(stoolTestInputSchema.safeParse({ effectiveDate: on }).error?.issues[0]?.message).toMatch(/at least one analyte/);
  });
  it('leads with the most serious finding and cites catalogued sources', () => {
    const out = interpretStoolTest(parse({ calprotectin: { value: 30, unit: 'ug/g', labInterval: { normalBelow: 50 }, assay: 'a', laboratory: 'b' }, fit: { value: 25, assay: 'hm_jackarc', laboratory: 'c' } }), ADULT);
    expect(out.summary).toMatch(/^FIT 25 µg Hb\/g is 10 or more/);
    for (const f of out.findings) for (const key of f.source.split(',').map((k) => k.trim())) expect(isCatalogued(key), key).toBe(true);
  });

  it('every finding of every analyte cites catalogued sources', () => {
    const everything = parse({
      calprotectin: { value: 300, unit: 'ug/g', labInterval: { normalBelow: 50 }, assay: 'a', laboratory: 'b', nsaidsWithinTwoWeeks: true },
      elastase: { value: 60, consistency: 'watery', onPert: true, laboratory: 'c' },
      fit: { value: 12, assay: 'oc_sensor', laboratory: 'd' },
      microbiome: { method: 'other', laboratory: 'e', orderedBy: 'f', labIndex: { name: 'Index', value: 1 }, scfa: [{ name: 'Butyrate', value: 1, unit: 'µmol/g' }] },
    });
    for (const patient of [ADULT, { dateOfBirth: '2025-01-01' }, { dateOfBirth: '2026-10-20' }]) {
      for (const f of interpretStoolTest(everything, patient).findings) for (const key of f.source.split(',').map((k) => k.trim())) expect(isCatalogued(key), `${f.rule}: ${key}`).toBe(true);
    }
  });
});
