import { describe, expect, it } from 'vitest';
import { challengeProgress, type ConfirmedVerdict } from '@/lib/clinical/reintroduction/progress';
import { phaseOn, scheduleProtocol } from '@/lib/clinical/reintroduction/schedule';
import { protocolSummaryLines, todayForPatient, visibleScoreStrip } from '@/lib/reintroduction/plain-language';

// What the patient reads about their plan: today's card and the PDF summary lines.

const fmt = (iso: string) => iso;
// 1 week from 4 Jan 2027: elimination to 10 Jan; milk 11–13 Jan, washout 14–16; wheat 17–19, washout 20–22.
const schedule = scheduleProtocol('2027-01-04', {
  eliminationWeeks: 1,
  challenges: [
    { food: 'Milk', portions: ['¼ cup', '½ cup', '1 cup'], washoutDays: 3 },
    { food: 'Wheat', portions: ['1 slice', '2 slices', '3 slices'], washoutDays: 3 },
  ],
});
const confirmed = (verdict: ConfirmedVerdict['verdict'], reviewDate: string | null = null): ConfirmedVerdict => ({ verdict, suggested: verdict, reason: null, reviewDate, confirmedByName: 'N', confirmedAt: '2027-01-20T10:00:00Z' });

function view(today: string, verdicts: Record<string, ConfirmedVerdict> = {}) {
  return {
    phaseToday: phaseOn(schedule, today),
    schedule,
    challenges: challengeProgress({ schedule, verdicts, diary: [], reactions: [], today }),
    supervisedOnly: [{ food: 'Egg' }],
    foods: ['Milk', 'Wheat', 'Egg'],
    today,
    supervisor: { name: 'Nina Patel, RD' },
    scoreStrip: null,
  };
}

describe('today for the patient', () => {
  it('while eliminating: what to leave out, and the allergist-only food apart with why', () => {
    const t = todayForPatient(view('2027-01-06'), fmt);
    expect(t.headline).toBe('Day 3 of 7 without these foods');
    expect(t.avoid).toEqual(['Milk', 'Wheat']);
    expect(t.keptOut).toEqual([{ food: 'Egg', why: expect.stringMatching(/only be tried at an allergy clinic/) }]);
    expect(t.next).toBe('Next: Milk from 2027-01-11.');
  });
  it('on a challenge day: the food and today’s portion; the challenged food is not in "leave out"', () => {
    const t = todayForPatient(view('2027-01-12'), fmt);
    expect(t.headline).toBe('Test day 2 of 3: Milk');
    expect(t.detail).toMatch(/^Today, eat ½ cup\./);
    expect(t.avoid).toEqual(['Wheat']);
  });
  it('in a washout the tested food is left out again; a confirmed food is back in', () => {
    const t = todayForPatient(view('2027-01-21', { Milk: confirmed('tolerated') }), fmt);
    expect(t.headline).toBe('Rest day 2 of 3 after Wheat');
    expect(t.avoid).toEqual(['Wheat']);
    expect(t.backIn).toEqual(['Milk']);
  });
  it('when every food has its answer: complete, with what stays out and when it is looked at again', () => {
    const t = todayForPatient(view('2027-01-25', { Milk: confirmed('tolerated'), Wheat: confirmed('reacted', '2027-06-01') }), fmt);
    expect(t.headline).toBe('Your food reintroduction is complete');
    expect(t.keptOut[0]).toEqual({ food: 'Wheat', why: 'you reacted to it; your team will look at it again on 2027-06-01' });
    expect(t.avoid).toEqual([]);
  });
});

describe('PDF summary lines', () => {
  it('lists each food’s tests and the team’s answer, and the supervised-only food', () => {
    const lines = protocolSummaryLines(view('2027-01-25', { Milk: confirmed('tolerated') }), fmt);
    expect(lines).toEqual([
      'Foods: Milk, Wheat, Egg. Supervised by Nina Patel, RD.',
      'Left out from 2027-01-04 to 2027-01-10, then one food at a time.',
      "• Milk: tested 2027-01-11 to 2027-01-13 (¼ cup, then ½ cup, then 1 cup); your team's answer: tolerated, back in your diet.",
      '• Wheat: tested 2027-01-17 to 2027-01-19 (1 slice, then 2 slices, then 3 slices); no answer from your team yet.',
      '• Egg: stays out; it must only be tried at an allergy clinic, under supervision.',
    ]);
  });
});

describe('the skin score the patient may see over the same dates', () => {
  it('takes the series with most points from two weeks before to two weeks after, and says it in the summary', () => {
    const strip = visibleScoreStrip(schedule, [
      { label: 'POEM', points: [{ effectiveDate: '2027-01-05', value: 12 }] },
      { label: 'EASI', points: [{ effectiveDate: '2026-12-01', value: 30 }, { effectiveDate: '2026-12-21', value: 20 }, { effectiveDate: '2027-01-20', value: 9 }, { effectiveDate: '2027-02-06', value: 8 }] },
    ]);
    expect(strip).toEqual({ label: 'EASI', points: [{ effectiveDate: '2026-12-21', value: 20 }, { effectiveDate: '2027-01-20', value: 9 }] });
    expect(protocolSummaryLines({ ...view('2027-01-25'), scoreStrip: strip }, fmt).at(-1)).toBe('EASI over the same dates: 2026-12-21: 20; 2027-01-20: 9.');
    expect(visibleScoreStrip(schedule, [])).toBeNull();
  });
});
