import { describe, expect, it } from 'vitest';
import { plannedUntil } from '@/lib/care-plans/describe';
import { untilForPatient } from '@/lib/portal/plain-language';
import { formatDate } from '@/lib/ui/format';

describe('plannedUntil', () => {
  it('is the end date when there is one, whatever the kind', () => {
    expect(plannedUntil('topical', '2026-12-10', { drug: 'x' })).toEqual({ date: '2026-12-10', basis: 'end' });
    expect(plannedUntil('diet', '2026-12-10', { phase: 'elimination', reintroductionDate: '2027-01-03' })).toEqual({ date: '2026-12-10', basis: 'end' });
  });

  it("is a diet's planned reintroduction when no end date is set", () => {
    expect(plannedUntil('diet', null, { phase: 'elimination', foods: ['milk'], reintroductionDate: '2027-01-03' })).toEqual({ date: '2027-01-03', basis: 'reintroduction' });
  });

  it('is null (ongoing) otherwise, and never reads a reintroduction date off another kind or a malformed value', () => {
    expect(plannedUntil('diet', null, { phase: 'other', foods: ['sugar'] })).toBeNull();
    expect(plannedUntil('supplement', null, { reintroductionDate: '2027-01-03' })).toBeNull();
    expect(plannedUntil('diet', null, { reintroductionDate: 'soon' })).toBeNull();
    expect(plannedUntil('diet', null, null)).toBeNull();
  });
});

describe('untilForPatient', () => {
  it('says the planned reintroduction in words, never "ongoing"', () => {
    const text = untilForPatient({ date: '2027-01-03', basis: 'reintroduction' }, formatDate);
    expect(text).toContain(formatDate('2027-01-03'));
    expect(text).toMatch(/brought back one at a time/);
    expect(text).not.toMatch(/ongoing/i);
  });
  it('says the end date, or ongoing', () => {
    expect(untilForPatient({ date: '2026-12-10', basis: 'end' }, formatDate)).toBe(formatDate('2026-12-10'));
    expect(untilForPatient(null, formatDate)).toMatch(/^Ongoing/);
  });
});
