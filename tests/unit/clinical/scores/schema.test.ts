import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_IDS, type InstrumentId, getInstrument } from '@/lib/clinical/scores/instruments';
import { scoreInputSchema } from '@/lib/clinical/scores/schema';

const base = { effectiveDate: '2025-03-14', instrument: 'easi' as InstrumentId, value: 12.4 };

/** The messages a parse produced for one field. */
function messages(input: unknown, field: string): string[] {
  const r = scoreInputSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
}

describe('scoreInputSchema', () => {
  it('accepts a valid score and defaults reportedBy to clinician', () => {
    expect(scoreInputSchema.parse(base)).toEqual({ ...base, reportedBy: 'clinician' });
  });

  it('keeps reportedBy patient, trims notes, refuses other reporters', () => {
    expect(scoreInputSchema.parse({ ...base, reportedBy: 'patient', notes: '  after flare  ' })).toMatchObject({
      reportedBy: 'patient',
      notes: 'after flare',
    });
    expect(messages({ ...base, reportedBy: 'nurse' }, 'reportedBy')).toEqual(['Choose who reported the score.']);
  });

  it('limits notes to 2000 characters', () => {
    expect(scoreInputSchema.safeParse({ ...base, notes: 'x'.repeat(2000) }).success).toBe(true);
    expect(messages({ ...base, notes: 'x'.repeat(2001) }, 'notes')).toEqual(['Keep notes under 2000 characters.']);
  });

  it('refuses unknown instruments', () => {
    expect(messages({ ...base, instrument: 'sasi' }, 'instrument')).toEqual(['Choose an instrument.']);
  });

  describe('effectiveDate', () => {
    it.each(['2024-02-29', '1900-01-01', '2025-12-31'])('accepts %s', (d) => {
      expect(scoreInputSchema.safeParse({ ...base, effectiveDate: d }).success).toBe(true);
    });

    it.each([
      ['2023-02-29', 'Enter a real calendar date.'],
      ['2024-02-30', 'Enter a real calendar date.'],
      ['2024-13-01', 'Enter a real calendar date.'],
      ['2024-00-10', 'Enter a real calendar date.'],
      ['1899-12-31', 'Enter a date from 1900 onwards.'],
      ['1899-02-30', 'Enter a date from 1900 onwards.'],
      ['0050-01-01', 'Enter a date from 1900 onwards.'],
      ['2024-1-5', 'Enter the date as YYYY-MM-DD.'],
      ['14/03/2025', 'Enter the date as YYYY-MM-DD.'],
      ['2025-03-14T10:00:00Z', 'Enter the date as YYYY-MM-DD.'],
      ['', 'Enter the date as YYYY-MM-DD.'],
    ])('refuses %s', (d, message) => {
      expect(messages({ ...base, effectiveDate: d }, 'effectiveDate')).toEqual([message]);
    });

    it('refuses a missing date', () => {
      expect(messages({ instrument: 'easi', value: 1 }, 'effectiveDate')).toEqual(['Enter the date the score was taken.']);
    });
  });

  describe('value', () => {
    it.each([
      ['easi', 80, 'EASI must be between 0 and 72 (got 80).'],
      ['easi', -0.1, 'EASI must be between 0 and 72 (got -0.1).'],
      ['pasi', 72.1, 'PASI must be between 0 and 72 (got 72.1).'],
      ['scorad', 103.5, 'SCORAD must be between 0 and 103 (got 103.5).'],
      ['iga_ad', 5, 'vIGA-AD must be between 0 and 4 (got 5).'],
      ['iga_acne', -1, 'Acne IGA must be between 0 and 4 (got -1).'],
      ['uas7', 43, 'UAS7 must be between 0 and 42 (got 43).'],
      ['dlqi', 31, 'DLQI must be between 0 and 30 (got 31).'],
      ['poem', 29, 'POEM must be between 0 and 28 (got 29).'],
      ['bristol', 0, 'BSFS must be between 1 and 7 (got 0).'],
      ['gsrs', 0.9, 'GSRS must be between 1 and 7 (got 0.9).'],
    ] as const)('%s %s: out of range', (instrument, value, message) => {
      expect(messages({ ...base, instrument, value }, 'value')).toEqual([message]);
    });

    const integerOnly = INSTRUMENT_IDS.filter((id) => getInstrument(id).integerOnly);
    it('the integer-only instruments are the item-sum scales and the grade/type scales', () => {
      expect(integerOnly).toEqual(['iga_ad', 'iga_acne', 'uas7', 'dlqi', 'poem', 'bristol']);
    });

    it.each(integerOnly)('%s refuses 2.5 as not a whole number', (instrument) => {
      const { label, min, max } = getInstrument(instrument);
      expect(messages({ ...base, instrument, value: 2.5 }, 'value')).toEqual([`${label} is a whole number from ${min} to ${max}.`]);
    });

    it('words the IGA message as a whole-number range', () => {
      expect(messages({ ...base, instrument: 'iga_ad', value: 2.5 }, 'value')).toEqual(['vIGA-AD is a whole number from 0 to 4.']);
    });

    it.each(['easi', 'pasi', 'scorad', 'gsrs'] as const)('%s accepts 2.5', (instrument) => {
      expect(scoreInputSchema.safeParse({ ...base, instrument, value: 2.5 }).success).toBe(true);
    });

    it.each([Number.NaN, Infinity, -Infinity, '12', null, undefined])('refuses %s', (value) => {
      expect(messages({ ...base, value }, 'value')).toEqual(['Enter the score as a number.']);
    });

    it('property: every in-range value at the instrument’s resolution parses; anything outside is refused naming the instrument', () => {
      fc.assert(
        fc.property(fc.constantFrom(...INSTRUMENT_IDS), fc.double({ min: -200, max: 200, noNaN: true }), (instrument, raw) => {
          const { label, min, max, integerOnly } = getInstrument(instrument);
          const value = integerOnly ? Math.round(raw) : raw;
          const r = scoreInputSchema.safeParse({ ...base, instrument, value });
          if (value >= min && value <= max) return r.success;
          return !r.success && r.error.issues.some((i) => i.message === `${label} must be between ${min} and ${max} (got ${value}).`);
        }),
        { numRuns: 500 },
      );
    });
  });
});
