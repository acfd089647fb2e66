import { describe, expect, it } from 'vitest';
import { followUpState, testOfCureSchedule, testOfCureValidity } from '@/lib/clinical/outcomes/test-of-cure';
import { wilsonInterval } from '@/lib/clinical/outcomes/statistics';

describe('earliest test of cure = max(end + 28 days, last PPI + 14 days) (DOMAIN.md §11)', () => {
  it('without a later PPI dose: end + 28 days', () => {
    expect(testOfCureSchedule('2026-01-14', null)).toMatchObject({ dueFrom: '2026-02-11', setBy: 'therapy' });
  });
  it('a PPI continued up to 14 days after therapy does not move the date; 15 days does', () => {
    expect(testOfCureSchedule('2026-01-14', '2026-01-28').dueFrom).toBe('2026-02-11');
    expect(testOfCureSchedule('2026-01-14', '2026-01-29')).toMatchObject({ dueFrom: '2026-02-12', setBy: 'ppi' });
  });
  it('a PPI date before the therapy end is read as stopping with the therapy', () => {
    expect(testOfCureSchedule('2026-01-14', '2026-01-01').dueFrom).toBe('2026-02-11');
  });
  it('crosses month and leap-year ends', () => {
    expect(testOfCureSchedule('2028-02-01', null).dueFrom).toBe('2028-02-29');
    expect(testOfCureSchedule('2026-12-20', null).dueFrom).toBe('2027-01-17');
  });
});

describe('a test entered too early is invalid for cure, with the reason', () => {
  const schedule = testOfCureSchedule('2026-01-14', null);
  it('the day before is invalid, the day itself valid', () => {
    const early = testOfCureValidity({ effectiveDate: '2026-02-10', method: 'urea_breath_test' }, schedule);
    expect(early.valid).toBe(false);
    expect(early.reason).toMatch(/1 day before the earliest valid date \(2026-02-11/);
    expect(testOfCureValidity({ effectiveDate: '2026-02-11', method: 'stool_antigen' }, schedule)).toEqual({ valid: true, reason: null });
  });
  it('serology never confirms cure', () => {
    expect(testOfCureValidity({ effectiveDate: '2026-06-01', method: 'serology' }, schedule).valid).toBe(false);
  });
});

describe('follow-up state', () => {
  it('scheduled before, due from the date, overdue after the clinic setting', () => {
    expect(followUpState('2026-02-11', '2026-02-10', 28)).toBe('scheduled');
    expect(followUpState('2026-02-11', '2026-02-11', 28)).toBe('due');
    expect(followUpState('2026-02-11', '2026-03-11', 28)).toBe('due');
    expect(followUpState('2026-02-11', '2026-03-12', 28)).toBe('overdue');
  });
});

describe('Wilson 95% interval', () => {
  it('matches published values', () => {
    // 8/10: 0.490–0.943 (Newcombe 1998, table I method 3 gives 0.4902–0.9433).
    const a = wilsonInterval(8, 10);
    expect(a.low).toBeCloseTo(0.4902, 3);
    expect(a.high).toBeCloseTo(0.9433, 3);
    // 0/10 stays inside [0, 1]: 0–0.2775.
    const b = wilsonInterval(0, 10);
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.2775, 3);
    expect(wilsonInterval(10, 10).high).toBe(1);
  });
  it('refuses impossible input', () => {
    expect(() => wilsonInterval(3, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});
