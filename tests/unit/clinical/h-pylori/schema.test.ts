import fc from 'fast-check';
import { isoDateProblem } from '@/lib/clinical/dates';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  drugWithinWindow,
  H_PYLORI_METHOD_IDS,
  H_PYLORI_METHODS,
  hPyloriInputSchema,
  INTERFERING_DRUG_RULES,
  resolveUbtCriterion,
  UBT_KITS,
  ubtVerdict,
  type HPyloriInputRaw,
} from '@/lib/clinical/h-pylori/schema';

const UBT: HPyloriInputRaw = { effectiveDate: '2024-05-10', method: 'urea_breath_test', ubtKit: 'breathid_hp', deltaOverBaseline: 12 };
const SAT: HPyloriInputRaw = { effectiveDate: '2024-05-10', method: 'stool_antigen', result: 'negative' };

function issues(raw: unknown): { path: string; message: string }[] {
  const r = hPyloriInputSchema.safeParse(raw);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function messageAt(raw: unknown, path: string): string | undefined {
  return issues(raw).find((i) => i.path === path)?.message;
}

describe('methods and kits', () => {
  it('labels every method', () => {
    for (const m of H_PYLORI_METHOD_IDS) expect(H_PYLORI_METHODS[m]).toBeTruthy();
  });

  it('lists the DOMAIN.md 2.1 kits with their cut-offs and sources', () => {
    const byId = Object.fromEntries(UBT_KITS.map((k) => [k.id, k]));
    expect(byId.breathid_hp).toMatchObject({ cutoff: 5, unit: 'permil_dob', greyZone: null, source: 'BID' });
    expect(byId.c13_75mg_citric_15min_children).toMatchObject({ cutoff: 2.4, unit: 'permil_dob', greyZone: null, source: 'EU13C' });
    expect(byId.c13_75mg_citric_30min_adults).toMatchObject({ cutoff: 4, unit: 'permil_dob', greyZone: null, source: 'EU13C' });
    expect(byId.pytest_c14).toMatchObject({ cutoff: 200, unit: 'dpm', greyZone: { from: 50, to: 200 }, source: 'PYTEST' });
  });

  it('does not offer the UNVERIFIED BreathTek-adult or INFAI cut-offs as named kits', () => {
    expect(UBT_KITS.map((k) => k.id).some((id) => /breathtek|infai/i.test(id))).toBe(false);
  });

  it('has every named kit’s grey zone end at its cut-off', () => {
    for (const k of UBT_KITS) if (k.greyZone) expect(k.greyZone.to).toBe(k.cutoff);
  });
});

describe('effectiveDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['24-05-10', false],
    ['2024/05/10', false],
    ['', false],
  ])('%s accepted: %s', (date, ok) => {
    expect(hPyloriInputSchema.safeParse({ ...UBT, effectiveDate: date }).success).toBe(ok);
  });

  it('trims surrounding spaces', () => {
    expect(hPyloriInputSchema.parse({ ...UBT, effectiveDate: ' 2024-05-10 ' }).effectiveDate).toBe('2024-05-10');
  });

  it('says why a date is refused', () => {
    expect(messageAt({ ...UBT, effectiveDate: '2023-02-29' }, 'effectiveDate')).toMatch(/not a real calendar date/);
    expect(messageAt({ ...UBT, effectiveDate: '1899-12-31' }, 'effectiveDate')).toMatch(/from 1900/);
    expect(messageAt({ ...UBT, effectiveDate: '10/05/2024' }, 'effectiveDate')).toMatch(/YYYY-MM-DD/);
    expect(messageAt({ ...UBT, effectiveDate: undefined }, 'effectiveDate')).toMatch(/test date/);
  });

  it('isoDateProblem is null exactly for real dates from 1900 (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        expect(isoDateProblem(d.toISOString().slice(0, 10))).toBeNull();
      }),
    );
  });
});

describe('date arithmetic', () => {
  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2024-01-01', 28)).toBe('2024-01-29');
    expect(addDays('2024-02-01', 28)).toBe('2024-02-29');
    expect(addDays('2023-02-01', 28)).toBe('2023-03-01');
    expect(addDays('2024-12-20', 28)).toBe('2025-01-17');
  });

  it('daysBetween inverts addDays (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const iso = d.toISOString().slice(0, 10);
        expect(daysBetween(iso, addDays(iso, n))).toBe(n);
      }),
    );
  });
});

describe('method', () => {
  it('refuses an unknown method', () => {
    expect(messageAt({ ...SAT, method: 'culture' }, 'method')).toBe('Choose the test method.');
  });

  it('defaults purpose to diagnosis', () => {
    expect(hPyloriInputSchema.parse(SAT).purpose).toBe('diagnosis');
  });
});

describe('UBT fields', () => {
  it('accepts a named kit with DOB and no result (the result is derived)', () => {
    const v = hPyloriInputSchema.parse(UBT);
    expect(v.result).toBeUndefined();
  });

  it('accepts a custom cut-off instead of a kit', () => {
    expect(hPyloriInputSchema.safeParse({ effectiveDate: '2024-05-10', method: 'urea_breath_test', ubtCutoff: 3.5, deltaOverBaseline: 1 }).success).toBe(true);
  });

  it('requires a kit or cut-off', () => {
    expect(messageAt({ effectiveDate: '2024-05-10', method: 'urea_breath_test', deltaOverBaseline: 3 }, 'ubtKit')).toMatch(/Choose the UBT kit, or enter the cut-off/);
  });

  it('refuses a kit and a custom cut-off together', () => {
    expect(messageAt({ ...UBT, ubtCutoff: 4 }, 'ubtCutoff')).toMatch(/not both/);
  });

  it('refuses an unknown kit', () => {
    expect(messageAt({ ...UBT, ubtKit: 'infai' }, 'ubtKit')).toMatch(/Choose a UBT kit from the list/);
  });

  it.each([0, -1])('refuses a custom cut-off of %s', (c) => {
    expect(messageAt({ effectiveDate: '2024-05-10', method: 'urea_breath_test', ubtCutoff: c, deltaOverBaseline: 3 }, 'ubtCutoff')).toMatch(/above 0/);
  });

  it('requires the DOB for ‰ kits', () => {
    expect(messageAt({ ...UBT, deltaOverBaseline: undefined }, 'deltaOverBaseline')).toMatch(/Enter the delta-over-baseline/);
  });

  it.each([
    [-0.1, false],
    [0, true],
    [200, true],
    [200.1, false],
  ])('DOB %s accepted: %s', (dob, ok) => {
    expect(hPyloriInputSchema.safeParse({ ...UBT, deltaOverBaseline: dob }).success).toBe(ok);
  });

  it('refuses a non-number DOB with a clear message', () => {
    expect(messageAt({ ...UBT, deltaOverBaseline: '5' }, 'deltaOverBaseline')).toMatch(/as a number in ‰/);
  });

  it('reads the ¹⁴C PYtest in DPM, not ‰', () => {
    const base = { effectiveDate: '2024-05-10', method: 'urea_breath_test', ubtKit: 'pytest_c14' } as const;
    expect(hPyloriInputSchema.safeParse({ ...base, dpm: 250 }).success).toBe(true);
    expect(messageAt({ ...base }, 'dpm')).toMatch(/DPM/);
    expect(messageAt({ ...base, dpm: 250, deltaOverBaseline: 3 }, 'deltaOverBaseline')).toMatch(/read in DPM/);
    expect(messageAt({ ...UBT, dpm: 250 }, 'dpm')).toMatch(/only to the ¹⁴C PYtest/);
  });

  it('accepts a result that agrees with the reading', () => {
    expect(hPyloriInputSchema.safeParse({ ...UBT, deltaOverBaseline: 5, result: 'positive' }).success).toBe(true);
    expect(hPyloriInputSchema.safeParse({ ...UBT, deltaOverBaseline: 4.99, result: 'negative' }).success).toBe(true);
  });

  it('refuses a result that contradicts the reading, naming value, kit and derived result', () => {
    const msg = messageAt({ ...UBT, deltaOverBaseline: 6.2, result: 'negative' }, 'result');
    expect(msg).toBe('The entered result (negative) contradicts the reading: 6.2‰ against BreathID Hp: DOB ≥ 5‰ is positive. Check the value, the kit or the result.');
  });

  it('refuses "positive" for a PYtest value in the borderline zone', () => {
    const msg = messageAt({ effectiveDate: '2024-05-10', method: 'urea_breath_test', ubtKit: 'pytest_c14', dpm: 120, result: 'positive' }, 'result');
    expect(msg).toMatch(/120 DPM .* is indeterminate/);
  });

  it('accepts exactly the derived result for any ‰ kit and DOB (property)', () => {
    const permilKits = UBT_KITS.filter((k) => k.unit === 'permil_dob');
    fc.assert(
      fc.property(
        fc.constantFrom(...permilKits),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.constantFrom('positive', 'negative', 'indeterminate' as const),
        (kit, dob, result) => {
          const ok = hPyloriInputSchema.safeParse({ effectiveDate: '2024-05-10', method: 'urea_breath_test', ubtKit: kit.id, deltaOverBaseline: dob, result }).success;
          expect(ok).toBe(result === (dob >= kit.cutoff ? 'positive' : 'negative'));
        },
      ),
    );
  });
});

describe('non-UBT methods', () => {
  it.each(['stool_antigen', 'serology', 'histology', 'rapid_urease'] as const)('%s requires an entered result', (method) => {
    expect(messageAt({ effectiveDate: '2024-05-10', method }, 'result')).toBe('Enter the result: positive, negative or indeterminate.');
  });

  it.each([
    ['ubtKit', 'breathid_hp'],
    ['ubtCutoff', 4],
    ['deltaOverBaseline', 6],
    ['dpm', 300],
  ] as const)('refuses %s with a message naming the method', (field, value) => {
    expect(messageAt({ ...SAT, [field]: value }, field)).toMatch(/applies only to urea breath tests, not stool antigen/);
  });

  it('refuses a result outside the list', () => {
    expect(messageAt({ ...SAT, result: 'weak positive' }, 'result')).toBe('Choose positive, negative or indeterminate.');
  });
});

describe('drug history', () => {
  it('window semantics: days before the test < window means inside it', () => {
    expect(drugWithinWindow(13, undefined, 14)).toBe(true);
    expect(drugWithinWindow(14, undefined, 14)).toBe(false);
    expect(drugWithinWindow(15, undefined, 14)).toBe(false);
    expect(drugWithinWindow(undefined, true, 14)).toBe(true);
    expect(drugWithinWindow(undefined, undefined, 14)).toBeNull();
  });

  it('follows the DOMAIN.md 2.2 windows (PPI 2 weeks, antibiotics 4 weeks, bismuth 2 weeks, H2 blockers up to 2 weeks)', () => {
    const byDrug = Object.fromEntries(INTERFERING_DRUG_RULES.map((r) => [r.drug, r.windowDays]));
    expect(byDrug).toEqual({ ppi: 14, antibiotics: 28, bismuth: 14, h2_blocker: 14 });
  });

  it.each([
    ['ppiLastTakenDaysAgo', 'ppiWithin2Weeks', 13, false],
    ['ppiLastTakenDaysAgo', 'ppiWithin2Weeks', 14, true],
    ['antibioticsLastTakenDaysAgo', 'antibioticsWithin4Weeks', 27, false],
    ['antibioticsLastTakenDaysAgo', 'antibioticsWithin4Weeks', 28, true],
    ['bismuthLastTakenDaysAgo', 'bismuthWithin2Weeks', 13, false],
    ['bismuthLastTakenDaysAgo', 'bismuthWithin2Weeks', 14, true],
    ['h2BlockerLastTakenDaysAgo', 'h2BlockerWithin2Weeks', 13, false],
    ['h2BlockerLastTakenDaysAgo', 'h2BlockerWithin2Weeks', 14, true],
  ] as const)('refuses %s=%s… that contradicts %s', (daysField, withinField, days, within) => {
    expect(messageAt({ ...SAT, [daysField]: days, [withinField]: within }, withinField)).toMatch(/correct one of them/);
    expect(hPyloriInputSchema.safeParse({ ...SAT, [daysField]: days, [withinField]: !within }).success).toBe(true);
  });

  it.each([1.5, -1, 36_501])('refuses %s days', (days) => {
    expect(hPyloriInputSchema.safeParse({ ...SAT, ppiLastTakenDaysAgo: days }).success).toBe(false);
  });

  it('accepts 0 days (taken on the day of the test)', () => {
    expect(hPyloriInputSchema.safeParse({ ...SAT, ppiLastTakenDaysAgo: 0 }).success).toBe(true);
  });
});

describe('test of cure', () => {
  const TOC = { ...SAT, purpose: 'test_of_cure' } as const;

  it('accepts an end date on or before the test date', () => {
    expect(hPyloriInputSchema.safeParse({ ...TOC, eradicationTherapyEndDate: '2024-05-10' }).success).toBe(true);
    expect(hPyloriInputSchema.safeParse({ ...TOC, eradicationTherapyEndDate: '2024-04-01' }).success).toBe(true);
  });

  it('refuses an end date after the test date', () => {
    expect(messageAt({ ...TOC, eradicationTherapyEndDate: '2024-05-11' }, 'eradicationTherapyEndDate')).toMatch(/after the test date/);
  });

  it('refuses an end date for a diagnostic test', () => {
    expect(messageAt({ ...SAT, eradicationTherapyEndDate: '2024-04-01' }, 'eradicationTherapyEndDate')).toMatch(/choose "Test of cure"/);
  });

  it('refuses an invalid end date', () => {
    expect(messageAt({ ...TOC, eradicationTherapyEndDate: '2024-02-30' }, 'eradicationTherapyEndDate')).toMatch(/not a real calendar date/);
  });
});

describe('notes', () => {
  it('accepts 2000 characters and refuses 2001', () => {
    expect(hPyloriInputSchema.safeParse({ ...SAT, notes: 'x'.repeat(2000) }).success).toBe(true);
    expect(messageAt({ ...SAT, notes: 'x'.repeat(2001) }, 'notes')).toBe('Keep notes to 2000 characters.');
  });
});

describe('ubtVerdict / resolveUbtCriterion', () => {
  it('describes the criterion to store with the result', () => {
    expect(resolveUbtCriterion({ ubtKit: 'breathid_hp' })?.description).toBe('BreathID Hp: DOB ≥ 5‰');
    expect(resolveUbtCriterion({ ubtKit: 'pytest_c14' })?.description).toBe('PYtest ¹⁴C: ≥ 200 DPM positive, 50–199 DPM borderline');
    expect(resolveUbtCriterion({ ubtCutoff: 3.5 })?.description).toBe('Lab-stated cut-off: DOB ≥ 3.5‰');
    expect(resolveUbtCriterion({})).toBeNull();
  });

  it('is positive at or above the cut-off, indeterminate in the grey zone, else negative', () => {
    const gz = { cutoff: 200, greyZone: { from: 50, to: 200 } };
    expect(ubtVerdict(49.9, gz)).toBe('negative');
    expect(ubtVerdict(50, gz)).toBe('indeterminate');
    expect(ubtVerdict(199.9, gz)).toBe('indeterminate');
    expect(ubtVerdict(200, gz)).toBe('positive');
    expect(ubtVerdict(4.99, { cutoff: 5, greyZone: null })).toBe('negative');
    expect(ubtVerdict(5, { cutoff: 5, greyZone: null })).toBe('positive');
  });
});
