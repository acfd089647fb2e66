import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeDateEntry, isValidTimeZone, parseDateEntry, wallTimeToInstant } from '@/lib/platform/clinic-time';

describe('isValidTimeZone', () => {
  it('accepts IANA names and refuses anything else', () => {
    for (const z of ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata']) expect(isValidTimeZone(z), z).toBe(true);
    for (const z of ['', ' ', 'Mars/Olympus', 'GMT+25', 'Europe/London\u0000']) expect(isValidTimeZone(z), z).toBe(false);
  });
});

describe('parseDateEntry', () => {
  it('reads ISO dates and day-month-name-year, and nothing ambiguous', () => {
    expect(parseDateEntry('2026-12-04')).toBe('2026-12-04');
    expect(parseDateEntry(' 2026-1-4 ')).toBe('2026-01-04');
    expect(parseDateEntry('4 Dec 2026')).toBe('2026-12-04');
    expect(parseDateEntry('4 December 2026')).toBe('2026-12-04');
    expect(parseDateEntry('04 sept 2026')).toBe('2026-09-04');
    // dd/mm and mm/dd read differently in different countries: refused, never guessed.
    for (const t of ['04/12/2026', '12/04/2026', '12-04-2026', '2026-02-30', '31 Feb 2026', '4 Decem 2026x', '4 Foo 2026', '', 'today']) expect(parseDateEntry(t), t).toBeNull();
  });

  it('round-trips every real day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        return parseDateEntry(iso) === iso && parseDateEntry(describeDateEntry(iso).replace(/^\w+, /, '')) === iso;
      }),
    );
  });
});

describe('describeDateEntry', () => {
  it('spells the day out', () => {
    expect(describeDateEntry('2026-12-04')).toBe('Friday, 4 December 2026');
  });
});

describe('wallTimeToInstant', () => {
  it('reads a wall-clock time in the zone, across daylight saving', () => {
    expect(wallTimeToInstant('2026-11-23T09:00', 'UTC')?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(wallTimeToInstant('2026-07-01T09:00', 'Europe/London')?.toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(wallTimeToInstant('2026-01-15T09:00:30', 'Europe/London')?.toISOString()).toBe('2026-01-15T09:00:30.000Z');
    expect(wallTimeToInstant('2026-07-01T09:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(wallTimeToInstant('2026-12-31T23:30', 'Asia/Kolkata')?.toISOString()).toBe('2026-12-31T18:00:00.000Z');
  });

  it('refuses times that do not exist on a calendar', () => {
    for (const t of ['2026-02-30T09:00', '2026-11-23T24:00', '2026-11-23T09:60', '2026-11-23 09:00', 'now']) expect(wallTimeToInstant(t, 'UTC'), t).toBeNull();
  });

  it('agrees with formatting: the instant shows back as the same wall time in the zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney'), (d, zone) => {
        const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d).replace(' ', 'T');
        const back = wallTimeToInstant(wall, zone);
        // Within the minute, except in the repeated hour at the end of daylight saving (either instant is that wall time).
        return back !== null && (Math.abs(back.getTime() - Math.floor(d.getTime() / 60_000) * 60_000) < 60_000 || Math.abs(back.getTime() - d.getTime()) <= 3_660_000);
      }),
    );
  });
});
