import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SPECIALTIES } from '@/db/schema/enum-values';
import { CONDITION_GROUPS } from '@/lib/clinical/conditions/catalog';
import {
  ageInYears,
  CASELOAD_SORTS,
  caseloadQueryToSearchParams,
  DEFAULT_CASELOAD_QUERY,
  escapeLike,
  PAGE_SIZES,
  parseCaseloadQuery,
  type CaseloadQuery,
} from '@/lib/patients/caseload-query';

const DEFAULTS: CaseloadQuery = { q: '', sort: 'lastActivity', dir: 'desc', page: 1, size: 20 };

describe('DEFAULT_CASELOAD_QUERY', () => {
  it('is everything, most recently active first, page 1 of 20', () => {
    expect(DEFAULT_CASELOAD_QUERY).toEqual(DEFAULTS);
    expect(DEFAULT_CASELOAD_QUERY.condition).toBeUndefined();
    expect(DEFAULT_CASELOAD_QUERY.specialty).toBeUndefined();
  });
});

describe('parseCaseloadQuery', () => {
  it('no params → defaults (record and URLSearchParams alike)', () => {
    expect(parseCaseloadQuery({})).toEqual(DEFAULTS);
    expect(parseCaseloadQuery(new URLSearchParams())).toEqual(DEFAULTS);
  });

  it('reads every valid field', () => {
    const params = new URLSearchParams('q=smith&condition=rosacea&specialty=nutrition&sort=age&dir=asc&page=3&size=50');
    expect(parseCaseloadQuery(params)).toEqual({ q: 'smith', condition: 'rosacea', specialty: 'nutrition', sort: 'age', dir: 'asc', page: 3, size: 50 });
  });

  it('accepts every sort, direction, page size, condition key and specialty', () => {
    for (const sort of CASELOAD_SORTS) expect(parseCaseloadQuery({ sort }).sort).toBe(sort);
    for (const dir of ['asc', 'desc'] as const) expect(parseCaseloadQuery({ dir }).dir).toBe(dir);
    for (const size of PAGE_SIZES) expect(parseCaseloadQuery({ size: String(size) }).size).toBe(size);
    for (const g of CONDITION_GROUPS) expect(parseCaseloadQuery({ condition: g.key }).condition).toBe(g.key);
    for (const s of SPECIALTIES) expect(parseCaseloadQuery({ specialty: s }).specialty).toBe(s);
  });

  it('trims the search and keeps inner spaces', () => {
    expect(parseCaseloadQuery({ q: '   Ada  Lovelace \t' }).q).toBe('Ada  Lovelace');
    expect(parseCaseloadQuery({ q: '    ' }).q).toBe('');
  });

  it('keeps a search of exactly 100 characters (measured after trimming) and drops a longer one', () => {
    const hundred = 'a'.repeat(100);
    expect(parseCaseloadQuery({ q: hundred }).q).toBe(hundred);
    expect(parseCaseloadQuery({ q: `  ${hundred}  ` }).q).toBe(hundred);
    expect(parseCaseloadQuery({ q: 'a'.repeat(101) }).q).toBe('');
  });

  it('an unknown sort or direction falls back to the default', () => {
    expect(parseCaseloadQuery({ sort: 'dateOfBirth' }).sort).toBe('lastActivity');
    expect(parseCaseloadQuery({ sort: 'NAME' }).sort).toBe('lastActivity');
    expect(parseCaseloadQuery({ dir: 'up' }).dir).toBe('desc');
    expect(parseCaseloadQuery({ dir: 'ASC' }).dir).toBe('desc');
  });

  it('an unknown condition or specialty is ignored rather than an error', () => {
    const q = parseCaseloadQuery({ condition: 'eczema', specialty: 'cardiology' });
    expect(q.condition).toBeUndefined();
    expect(q.specialty).toBeUndefined();
    expect(q).toEqual(DEFAULTS);
  });

  it.each(['0', '-2', '1.5', 'abc', '100001', 'Infinity', 'NaN'])('page=%s falls back to 1', (page) => {
    expect(parseCaseloadQuery({ page }).page).toBe(1);
  });

  it('accepts pages up to 100000', () => {
    expect(parseCaseloadQuery({ page: '2' }).page).toBe(2);
    expect(parseCaseloadQuery({ page: '100000' }).page).toBe(100_000);
  });

  it.each(['0', '15', '100', '-20', 'twenty', '20.5'])('size=%s falls back to 20', (size) => {
    expect(parseCaseloadQuery({ size }).size).toBe(20);
  });

  it('an empty value means "not set"', () => {
    expect(parseCaseloadQuery({ q: '', condition: '', specialty: '', sort: '', dir: '', page: '', size: '' })).toEqual(DEFAULTS);
    expect(parseCaseloadQuery(new URLSearchParams('q=&sort=&page='))).toEqual(DEFAULTS);
  });

  it('a repeated parameter (Next passes an array) uses its first value', () => {
    expect(parseCaseloadQuery({ sort: ['name', 'age'], page: ['4', '9'] })).toMatchObject({ sort: 'name', page: 4 });
  });

  it('an undefined value is treated as absent', () => {
    expect(parseCaseloadQuery({ sort: undefined, page: undefined })).toEqual(DEFAULTS);
  });

  it('one bad field does not spoil the good ones', () => {
    expect(parseCaseloadQuery({ q: 'lee', sort: 'bogus', dir: 'asc', page: 'x', size: '50' })).toEqual({
      q: 'lee',
      sort: 'lastActivity',
      dir: 'asc',
      page: 1,
      size: 50,
    });
  });

  it('ignores parameters it does not know', () => {
    expect(parseCaseloadQuery({ utm_source: 'mail', admin: 'true' })).toEqual(DEFAULTS);
  });

  it('property: never throws, whatever the URL holds', () => {
    const keys = fc.constantFrom('q', 'condition', 'specialty', 'sort', 'dir', 'page', 'size', 'other');
    fc.assert(
      fc.property(fc.dictionary(keys, fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined))), (params) => {
        const q = parseCaseloadQuery(params);
        expect(CASELOAD_SORTS).toContain(q.sort);
        expect(['asc', 'desc']).toContain(q.dir);
        expect(PAGE_SIZES).toContain(q.size);
        expect(Number.isInteger(q.page) && q.page >= 1 && q.page <= 100_000).toBe(true);
        expect(q.q.length).toBeLessThanOrEqual(100);
        expect(q.q).toBe(q.q.trim());
      }),
    );
  });
});

describe('caseloadQueryToSearchParams', () => {
  it('writes nothing for the defaults', () => {
    expect(caseloadQueryToSearchParams(DEFAULTS).toString()).toBe('');
  });

  it('writes only the non-default values', () => {
    expect(caseloadQueryToSearchParams({ ...DEFAULTS, sort: 'name' }).toString()).toBe('sort=name');
    expect(caseloadQueryToSearchParams({ ...DEFAULTS, dir: 'asc', page: 2 }).toString()).toBe('dir=asc&page=2');
    expect(caseloadQueryToSearchParams({ ...DEFAULTS, size: 50 }).toString()).toBe('size=50');
  });

  it('writes every field when all differ from the defaults, encoding the search', () => {
    const params = caseloadQueryToSearchParams({ q: 'o’brien & co', condition: 'sibo', specialty: 'dermatology', sort: 'mrn', dir: 'asc', page: 7, size: 10 });
    expect(Object.fromEntries(params)).toEqual({ q: 'o’brien & co', condition: 'sibo', specialty: 'dermatology', sort: 'mrn', dir: 'asc', page: '7', size: '10' });
    expect(params.toString()).toContain('q=o%E2%80%99brien+%26+co');
  });

  const validQuery: fc.Arbitrary<CaseloadQuery> = fc.record(
    {
      q: fc.string({ maxLength: 100, unit: 'grapheme' }).map((s) => s.trim()),
      condition: fc.constantFrom(...CONDITION_GROUPS.map((g) => g.key)),
      specialty: fc.constantFrom(...SPECIALTIES),
      sort: fc.constantFrom(...CASELOAD_SORTS),
      dir: fc.constantFrom('asc' as const, 'desc' as const),
      page: fc.integer({ min: 1, max: 100_000 }),
      size: fc.constantFrom(...PAGE_SIZES),
    },
    { requiredKeys: ['q', 'sort', 'dir', 'page', 'size'] },
  );

  it('property: parse(serialise(q)) equals q', () => {
    fc.assert(
      fc.property(validQuery, (query) => {
        expect(parseCaseloadQuery(caseloadQueryToSearchParams(query))).toEqual(query);
      }),
    );
  });

  it('property: the round trip survives the URL string too', () => {
    fc.assert(
      fc.property(validQuery, (query) => {
        const url = `/patients?${caseloadQueryToSearchParams(query).toString()}`;
        expect(parseCaseloadQuery(new URL(url, 'https://axis.example').searchParams)).toEqual(query);
      }),
    );
  });
});

describe('ageInYears', () => {
  const on = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it('counts whole years, turning a year older on the birthday itself', () => {
    expect(ageInYears('1990-06-15', on('2025-06-14'))).toBe(34);
    expect(ageInYears('1990-06-15', on('2025-06-15'))).toBe(35);
    expect(ageInYears('1990-06-15', on('2025-06-16'))).toBe(35);
  });

  it('handles the month boundary: an earlier month is past, a later month is not', () => {
    expect(ageInYears('1990-06-15', on('2025-05-31'))).toBe(34);
    expect(ageInYears('1990-06-15', on('2025-07-01'))).toBe(35);
    expect(ageInYears('1990-12-31', on('2025-12-30'))).toBe(34);
    expect(ageInYears('1990-12-31', on('2025-12-31'))).toBe(35);
    expect(ageInYears('1990-01-01', on('2025-01-01'))).toBe(35);
    expect(ageInYears('1990-01-02', on('2025-01-01'))).toBe(34);
  });

  it('a baby is 0 until their first birthday', () => {
    expect(ageInYears('2025-01-10', on('2025-01-10'))).toBe(0);
    expect(ageInYears('2024-01-10', on('2025-01-09'))).toBe(0);
    expect(ageInYears('2024-01-10', on('2025-01-10'))).toBe(1);
  });

  it('29 February: a year older on 1 March in common years, on 29 February in leap years', () => {
    expect(ageInYears('2000-02-29', on('2023-02-28'))).toBe(22);
    expect(ageInYears('2000-02-29', on('2023-03-01'))).toBe(23);
    expect(ageInYears('2000-02-29', on('2024-02-28'))).toBe(23);
    expect(ageInYears('2000-02-29', on('2024-02-29'))).toBe(24);
    expect(ageInYears('2000-02-29', on('2024-03-01'))).toBe(24);
  });

  it('reads the calendar day in UTC, whatever the hour', () => {
    expect(ageInYears('1990-06-15', new Date('2025-06-14T23:59:59Z'))).toBe(34);
    expect(ageInYears('1990-06-15', new Date('2025-06-15T00:00:00Z'))).toBe(35);
  });

  it('property: agrees with comparing (month, day) against the birthday', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
        (dob, today) => {
          fc.pre(dob.getTime() <= today.getTime());
          const iso = dob.toISOString().slice(0, 10);
          const age = ageInYears(iso, today);
          const passed =
            today.getUTCMonth() > dob.getUTCMonth() || (today.getUTCMonth() === dob.getUTCMonth() && today.getUTCDate() >= dob.getUTCDate());
          expect(age).toBe(today.getUTCFullYear() - dob.getUTCFullYear() - (passed ? 0 : 1));
          expect(age).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('property: non-decreasing as time passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 40_000 }), fc.nat(3_000), (birthDays, a, extra) => {
        const dob = new Date(Date.UTC(1950, 0, 1) + birthDays * 86_400_000).toISOString().slice(0, 10);
        const t1 = new Date(Date.UTC(1950, 0, 1) + (birthDays + a) * 86_400_000);
        const t2 = new Date(t1.getTime() + extra * 86_400_000);
        expect(ageInYears(dob, t2)).toBeGreaterThanOrEqual(ageInYears(dob, t1));
      }),
    );
  });
});

describe('escapeLike', () => {
  it('escapes %, _ and backslash with a backslash', () => {
    expect(escapeLike('50%')).toBe('50\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('C:\\path')).toBe('C:\\\\path');
    expect(escapeLike('%_\\')).toBe('\\%\\_\\\\');
  });

  it('leaves everything else alone', () => {
    expect(escapeLike('')).toBe('');
    expect(escapeLike("O'Brien [x] *y? .z")).toBe("O'Brien [x] *y? .z");
  });

  it('escapes every occurrence, not just the first', () => {
    expect(escapeLike('%%__')).toBe('\\%\\%\\_\\_');
  });

  it('property: unescaping gives back the input, and no wildcard is left unescaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '%', '_', '\\', ' ', 'é') }), (text) => {
        const escaped = escapeLike(text);
        expect(escaped.replace(/\\(.)/gs, '$1')).toBe(text);
        // Walk the escaped string: every %, _ or \ must be preceded by an escaping backslash.
        for (let i = 0; i < escaped.length; i++) {
          const c = escaped[i];
          if (c === '\\') {
            expect(['%', '_', '\\']).toContain(escaped[i + 1]);
            i++;
          } else {
            expect(['%', '_']).not.toContain(c);
          }
        }
      }),
    );
  });
});
