import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SPECIALTIES } from '@/db/schema/enum-values';
import { formatDate, formatDateTime, formatRelative, formatTimestamp, sexLabel, SPECIALTY_OPTIONS, specialtyLabel, specialtyShort } from '@/lib/ui/format';

describe('specialty labels', () => {
  it.each([
    ['dermatology', 'Dermatology', 'Derm'],
    ['nutrition', 'Nutrition', 'Nutr'],
    ['gastroenterology', 'Gastroenterology', 'GI'],
    ['other', 'Other', 'Other'],
  ] as const)('%s → %s / %s', (s, long, short) => {
    expect(specialtyLabel(s)).toBe(long);
    expect(specialtyShort(s)).toBe(short);
  });

  it('no specialty renders as empty text', () => {
    expect(specialtyLabel(null)).toBe('');
    expect(specialtyShort(null)).toBe('');
  });

  it('SPECIALTY_OPTIONS lists every database specialty once, in order, with its label', () => {
    expect(SPECIALTY_OPTIONS.map((o) => o.value)).toEqual([...SPECIALTIES]);
    for (const o of SPECIALTY_OPTIONS) expect(o.label).toBe(specialtyLabel(o.value));
  });
});

describe('sexLabel', () => {
  it.each([
    ['female', 'Female'],
    ['male', 'Male'],
    ['other', 'Other'],
    ['unknown', 'Unknown'],
  ])('%s → %s', (value, label) => {
    expect(sexLabel(value)).toBe(label);
  });

  it('passes an unexpected value through unchanged', () => {
    expect(sexLabel('intersex')).toBe('intersex');
    expect(sexLabel('')).toBe('');
  });
});

describe('formatDate', () => {
  it('formats an ISO date as day, short month, year', () => {
    expect(formatDate('1987-03-04')).toBe('4 Mar 1987');
    expect(formatDate('2000-02-29')).toBe('29 Feb 2000');
    expect(formatDate('2024-12-31')).toBe('31 Dec 2024');
  });

  it('a date-only value is the calendar date, never shifted by a time zone', () => {
    expect(formatDate('2024-01-01')).toBe('1 Jan 2024');
  });

  it('a timestamp is shown on its UTC calendar day', () => {
    expect(formatDate('2024-06-01T23:30:00Z')).toBe('1 Jun 2024');
    expect(formatDate('2024-06-01T23:30:00-02:00')).toBe('2 Jun 2024');
    expect(formatDate('2024-06-02T00:30:00+02:00')).toBe('1 Jun 2024');
  });

  it('September uses the en-GB short month', () => {
    expect(formatDate('2024-09-30')).toMatch(/^30 Sept? 2024$/);
  });
});

describe('formatDateTime / formatTimestamp', () => {
  it('formats to the minute in the given zone, labelled', () => {
    expect(formatDateTime('2024-06-01T14:05:09Z', 'UTC')).toBe('1 Jun 2024, 14:05 UTC');
    expect(formatDateTime('2024-06-01T00:05:00Z', 'UTC')).toBe('1 Jun 2024, 00:05 UTC');
    expect(formatDateTime('2024-06-01T23:59:59+01:00', 'UTC')).toBe('1 Jun 2024, 22:59 UTC');
  });

  it('the audit timestamp keeps the seconds', () => {
    expect(formatTimestamp('2024-06-01T14:05:09Z', 'UTC')).toBe('1 Jun 2024, 14:05:09 UTC');
    expect(formatTimestamp('2024-06-01T14:05:09.999Z', 'UTC')).toBe('1 Jun 2024, 14:05:09 UTC');
  });

  it("shows the clinic's zone, named, across daylight saving and the date line", () => {
    expect(formatDateTime('2024-06-01T14:05:09Z', 'Europe/London')).toBe('1 Jun 2024, 15:05 BST');
    expect(formatDateTime('2024-12-01T14:05:09Z', 'Europe/London')).toBe('1 Dec 2024, 14:05 GMT');
    expect(formatDateTime('2024-06-01T02:00:00Z', 'America/New_York')).toBe('31 May 2024, 22:00 GMT-4');
    expect(formatTimestamp('2024-06-01T14:05:09Z', 'Europe/Berlin')).toBe('1 Jun 2024, 16:05:09 CEST');
  });

  it('defaults to the configured clinic zone', () => {
    const before = process.env.AXIS_CLINIC_TIME_ZONE;
    try {
      process.env.AXIS_CLINIC_TIME_ZONE = 'Europe/Berlin';
      expect(formatDateTime('2024-06-01T14:05:09Z')).toBe('1 Jun 2024, 16:05 CEST');
      process.env.AXIS_CLINIC_TIME_ZONE = 'Not/AZone';
      expect(formatDateTime('2024-06-01T14:05:09Z')).toContain('2024');
    } finally {
      if (before === undefined) delete process.env.AXIS_CLINIC_TIME_ZONE;
      else process.env.AXIS_CLINIC_TIME_ZONE = before;
    }
  });

  it('uses 24-hour time', () => {
    expect(formatDateTime('2024-06-01T18:30:00Z', 'UTC')).toContain('18:30');
    expect(formatTimestamp('2024-06-01T18:30:00Z', 'UTC')).toContain('18:30:00');
  });
});

describe('formatRelative', () => {
  const NOW = '2025-03-10T12:00:00.000Z';
  const ago = (seconds: number) => new Date(Date.parse(NOW) - seconds * 1000).toISOString();

  it.each([
    [0, 'just now'],
    [59, 'just now'],
    [60, '1 min ago'],
    [61, '1 min ago'],
    [119, '1 min ago'],
    [120, '2 min ago'],
    [59 * 60 + 59, '59 min ago'],
    [3600, '1 h ago'],
    [23 * 3600 + 3599, '23 h ago'],
    [86_400, '1 day ago'],
    [2 * 86_400, '2 days ago'],
    [29 * 86_400 + 86_399, '29 days ago'],
  ])('%i s ago → %s', (seconds, text) => {
    expect(formatRelative(ago(seconds), NOW)).toBe(text);
  });

  it('rounds to the nearest second before choosing the unit', () => {
    expect(formatRelative(new Date(Date.parse(NOW) - 59_499).toISOString(), NOW)).toBe('just now');
    expect(formatRelative(new Date(Date.parse(NOW) - 59_500).toISOString(), NOW)).toBe('1 min ago');
  });

  it('from 30 days on, shows the date instead', () => {
    expect(formatRelative(ago(30 * 86_400), NOW)).toBe('8 Feb 2025');
    expect(formatRelative('2020-01-15T08:00:00Z', NOW)).toBe('15 Jan 2020');
  });

  it('a time in the future (clock skew) reads as just now', () => {
    expect(formatRelative(ago(-3600), NOW)).toBe('just now');
  });

  it('depends only on the two instants, not on the machine clock', () => {
    expect(formatRelative('2001-01-01T00:00:00Z', '2001-01-01T05:00:00Z')).toBe('5 h ago');
  });

  it('property: the unit never gets smaller as the event gets older', () => {
    const rank = (text: string) =>
      text === 'just now' ? 0 : text.endsWith('min ago') ? 1 : text.endsWith('h ago') ? 2 : /days? ago$/.test(text) ? 3 : 4;
    fc.assert(
      fc.property(fc.nat(90 * 86_400), fc.nat(90 * 86_400), (a, b) => {
        const [younger, older] = a <= b ? [a, b] : [b, a];
        expect(rank(formatRelative(ago(older), NOW))).toBeGreaterThanOrEqual(rank(formatRelative(ago(younger), NOW)));
      }),
    );
  });
});

describe('sexLabel with a stray value', () => {
  it('never returns an Object.prototype member', () => {
    expect(sexLabel('constructor')).toBe('constructor');
    expect(sexLabel('toString')).toBe('toString');
  });
});
