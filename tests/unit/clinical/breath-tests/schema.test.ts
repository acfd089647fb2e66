import { isRealIsoDate } from '@/lib/clinical/dates';
import { describe, expect, it } from 'vitest';
import { PREPARATION_ITEMS, SUBSTRATE_DEFAULT_DOSE_G, breathTestInputSchema } from '@/lib/clinical/breath-tests/schema';

const valid = {
  effectiveDate: '2024-03-18',
  substrate: { kind: 'lactulose', doseGrams: 10 },
  preparation: {
    antibioticsWithin4Weeks: false,
    promotilityOrLaxativesWithin1Week: false,
    fermentableFoodsDayBefore: false,
    fasted8to12h: true,
    smokedOnTestDay: false,
    physicalActivityDuringTest: false,
    ppiUse: true,
  },
  readings: [
    { minute: 0, h2: 4, ch4: 2 },
    { minute: 15, h2: 6, ch4: 2, h2s: null },
    { minute: 30, h2: 9.5, ch4: 3, h2s: 1.2 },
  ],
};

function messages(input: unknown): string[] {
  const r = breathTestInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

const withReadings = (readings: unknown[]) => ({ ...valid, readings });

describe('breathTestInputSchema', () => {
  it('accepts a complete test, with partial H2S and optional text trimmed away when blank', () => {
    const r = breathTestInputSchema.parse({ ...valid, device: '  ', notes: ' repeat in 8 weeks ' });
    expect(r.device).toBeUndefined();
    expect(r.notes).toBe('repeat in 8 weeks');
    expect(r.readings).toHaveLength(3);
  });

  it('accepts an "other" substrate with a name and a non-standard dose', () => {
    expect(messages({ ...valid, substrate: { kind: 'other', doseGrams: 25, name: 'Fructose' } })).toEqual([]);
    expect(messages({ ...valid, substrate: { kind: 'glucose', doseGrams: 50 } })).toEqual([]);
  });

  it('refuses dates that are malformed, unreal or before 1900', () => {
    expect(messages({ ...valid, effectiveDate: '18/03/2024' })).toEqual(['Enter the test date as YYYY-MM-DD, e.g. 2024-03-18.']);
    expect(messages({ ...valid, effectiveDate: '2023-02-29' })).toEqual(['The test date is not a real calendar date.']);
    expect(messages({ ...valid, effectiveDate: '1899-12-31' })).toEqual(['The test date cannot be before 1900.']);
    expect(isRealIsoDate('2024-02-29')).toBe(true);
  });

  it('refuses an unnamed "other" substrate and doses out of range', () => {
    expect(messages({ ...valid, substrate: { kind: 'other', doseGrams: 25, name: '  ' } })).toEqual([
      'Name the substrate (e.g. fructose) when it is not lactulose or glucose.',
    ]);
    expect(messages({ ...valid, substrate: { kind: 'glucose', doseGrams: 0 } })).toEqual(['The substrate dose must be more than 0 g and at most 100 g.']);
    expect(messages({ ...valid, substrate: { kind: 'glucose', doseGrams: 101 } })).toEqual(['The substrate dose must be more than 0 g and at most 100 g.']);
    expect(SUBSTRATE_DEFAULT_DOSE_G).toEqual({ lactulose: 10, glucose: 75 });
  });

  it('needs every required preparation answer, naming the question', () => {
    const { fasted8to12h: _omit, ...rest } = valid.preparation;
    expect(messages({ ...valid, preparation: rest })).toEqual(['Answer "Fasted 8–12 hours before the test" with yes or no.']);
    expect(PREPARATION_ITEMS.map((i) => i.id)).toEqual([
      'antibioticsWithin4Weeks',
      'promotilityOrLaxativesWithin1Week',
      'fermentableFoodsDayBefore',
      'fasted8to12h',
      'smokedOnTestDay',
      'physicalActivityDuringTest',
      'ppiUse',
      'probioticsOrPrebiotics',
    ]);
    expect(PREPARATION_ITEMS.every((i) => i.source === 'NAC-T1')).toBe(true);
  });

  it('names the reading in range messages', () => {
    expect(
      messages(
        withReadings([
          { minute: 0, h2: 4, ch4: 2 },
          { minute: 30, h2: 4, ch4: -1 },
          { minute: 60, h2: 501, ch4: 2, h2s: 600 },
        ]),
      ),
    ).toEqual([
      'Reading 2 (30 min): methane must be 0–500 ppm.',
      'Reading 3 (60 min): hydrogen must be 0–500 ppm.',
      'Reading 3 (60 min): hydrogen sulfide must be 0–500 ppm, or left empty.',
    ]);
  });

  it('needs a 0-min baseline first and strictly increasing whole minutes', () => {
    expect(messages(withReadings([{ minute: 15, h2: 4, ch4: 2 }, { minute: 30, h2: 4, ch4: 2 }]))).toEqual([
      'Reading 1 is at 15 min: the first reading must be the fasting baseline at 0 min.',
    ]);
    expect(
      messages(
        withReadings([
          { minute: 0, h2: 4, ch4: 2 },
          { minute: 30, h2: 4, ch4: 2 },
          { minute: 30, h2: 4, ch4: 2 },
          { minute: 20, h2: 4, ch4: 2 },
          { minute: 45.5, h2: 4, ch4: 2 },
          { minute: 301, h2: 4, ch4: 2 },
        ]),
      ),
    ).toEqual([
      'Reading 3 (30 min): must be later than reading 2 (30 min); times must increase.',
      'Reading 4 (20 min): must be later than reading 3 (30 min); times must increase.',
      'Reading 5: time must be a whole number of minutes from 0 to 300.',
      'Reading 6: time must be a whole number of minutes from 0 to 300.',
    ]);
  });

  it('needs 2 to 40 readings', () => {
    expect(messages(withReadings([{ minute: 0, h2: 4, ch4: 2 }]))).toEqual([
      'Enter at least 2 readings: the fasting baseline at 0 min and at least one after the substrate.',
    ]);
    const many = Array.from({ length: 41 }, (_, i) => ({ minute: i * 5, h2: 4, ch4: 2 }));
    expect(messages(withReadings(many))).toEqual(['Enter at most 40 readings.']);
  });

  it('reports a wrongly typed value and still checks the other readings', () => {
    expect(
      messages(
        withReadings([
          { minute: 0, h2: '4', ch4: 2 },
          { minute: 15, h2: 4, ch4: 900 },
        ]),
      ),
    ).toEqual(['Enter hydrogen (H2) in ppm.', 'Reading 2 (15 min): methane must be 0–500 ppm.']);
  });

  it('limits notes to 2000 characters', () => {
    expect(messages({ ...valid, notes: 'x'.repeat(2000) })).toEqual([]);
    expect(messages({ ...valid, notes: 'x'.repeat(2001) })).toEqual(['Notes must be 2000 characters or fewer.']);
  });
});
