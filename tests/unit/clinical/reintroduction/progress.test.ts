import { describe, expect, it } from 'vitest';
import { challengeProgress, challengeWindowEnds, diaryDayScore } from '@/lib/clinical/reintroduction/progress';
import { challengeOn, checkScheduleEdit, scheduleProtocol } from '@/lib/clinical/reintroduction/schedule';

// Edits mid-protocol, the challenge a diary day belongs to, and where each challenge stands on a date.

const milk = { food: 'Milk', portions: ['¼ cup', '½ cup', '1 cup'], washoutDays: 3 };
const wheat = { food: 'Wheat', portions: ['1 slice', '2 slices', '3 slices'], washoutDays: 3 };
// 1 week from 25 Jan 2027: elimination to 31 Jan; milk 1–3 Feb, washout 4–6; wheat 7–9 Feb, washout 10–12.
const schedule = scheduleProtocol('2027-01-25', { eliminationWeeks: 1, challenges: [milk, wheat] });

describe('edits mid-protocol', () => {
  it('lets anything change before the first challenge begins', () => {
    const swapped = scheduleProtocol('2027-01-25', { eliminationWeeks: 2, challenges: [wheat, milk] });
    expect(checkScheduleEdit(schedule, swapped, '2027-01-31')).toEqual([]);
  });
  it('keeps a begun challenge in its place with its days and portions; later ones may move', () => {
    const swapped = scheduleProtocol('2027-01-25', { eliminationWeeks: 1, challenges: [wheat, milk] });
    expect(checkScheduleEdit(schedule, swapped, '2027-02-02').map((p) => p.path)).toEqual(['challenges.0']);
    const longerWashoutAfter = scheduleProtocol('2027-01-25', { eliminationWeeks: 1, challenges: [milk, { ...wheat, portions: ['½ slice', '1 slice'] }] });
    expect(checkScheduleEdit(schedule, longerWashoutAfter, '2027-02-02')).toEqual([]);
    const newPortions = scheduleProtocol('2027-01-25', { eliminationWeeks: 1, challenges: [{ ...milk, portions: ['1 cup', '1 cup', '1 cup'] }, wheat] });
    expect(checkScheduleEdit(schedule, newPortions, '2027-02-02')[0]?.message).toBe('The Milk challenge began on 2027-02-01: it keeps its place, days and portions.');
  });
  it('keeps the length of an elimination that has ended', () => {
    const longer = scheduleProtocol('2027-01-25', { eliminationWeeks: 2, challenges: [milk, wheat] });
    expect(checkScheduleEdit(schedule, longer, '2027-02-01').map((p) => p.path)).toEqual(['eliminationWeeks']);
    expect(checkScheduleEdit(schedule, longer, '2027-01-31')).toEqual([]);
  });
});

describe('tagging diary days', () => {
  it('finds the challenge whose days or washout include a date, across the month end', () => {
    expect(challengeOn(schedule, '2027-01-31')).toBeNull();
    expect(challengeOn(schedule, '2027-02-01')?.food).toBe('Milk');
    expect(challengeOn(schedule, '2027-02-06')?.food).toBe('Milk');
    expect(challengeOn(schedule, '2027-02-07')?.food).toBe('Wheat');
    expect(challengeOn(schedule, '2027-02-13')).toBeNull();
  });
});

describe('progress of each challenge', () => {
  const diary = ['2027-01-29', '2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'].map((date) => ({ date, score: 2, confounders: [] }));
  it('upcoming, then in progress with a live suggestion, then awaiting a verdict after the 48 h, then confirmed', () => {
    const milkChallenge = schedule.challenges[0];
    if (!milkChallenge) throw new Error('no challenge');
    expect(challengeWindowEnds(milkChallenge)).toBe('2027-02-05');
    const before = challengeProgress({ schedule, verdicts: {}, diary, reactions: [], today: '2027-01-31' });
    expect(before.map((p) => p.status)).toEqual(['upcoming', 'upcoming']);
    expect(before[0]?.suggestion).toBeNull();
    const during = challengeProgress({ schedule, verdicts: {}, diary, reactions: [], today: '2027-02-02' });
    // Days still to come are not "missed": no suggestion yet, unless a reaction is already clear.
    expect(during[0]).toMatchObject({ status: 'in_progress', suggestion: null, canConfirm: { reacted: true, other: false } });
    const reacting = challengeProgress({ schedule, verdicts: {}, diary, reactions: [{ date: '2027-02-02', severity: 'moderate', gutOnly: false }], today: '2027-02-02' });
    expect(reacting[0]).toMatchObject({ status: 'in_progress', suggestion: { verdict: 'reacted' } });
    const after = challengeProgress({ schedule, verdicts: {}, diary, reactions: [], today: '2027-02-06' });
    expect(after[0]).toMatchObject({ status: 'awaiting_verdict', suggestion: { verdict: 'tolerated' }, canConfirm: { reacted: true, other: true } });
    const confirmed = challengeProgress({
      schedule,
      verdicts: { Milk: { verdict: 'tolerated', suggested: 'tolerated', reason: null, reviewDate: null, confirmedByName: 'N', confirmedAt: '2027-02-06T10:00:00Z' } },
      diary,
      reactions: [],
      today: '2027-02-06',
    });
    expect(confirmed[0]).toMatchObject({ status: 'confirmed', canConfirm: { reacted: false, other: false } });
  });
  it('reads a diary day as the worse of itch and flare', () => {
    expect(diaryDayScore({ itch: 3, flare: 5 })).toBe(5);
    expect(diaryDayScore({ itch: null, flare: 0 })).toBe(0);
    expect(diaryDayScore({ itch: null, flare: null })).toBeNull();
  });
});
