import { describe, expect, it } from 'vitest';
import { foodGroupOf, sameFood } from '@/lib/clinical/reintroduction/foods';
import { checkChallengeSafety, nutritionPrompts, type ChallengeSafetyInput } from '@/lib/clinical/reintroduction/safety';
import { checkPlan, phaseOn, REINTRODUCTION_DEFAULTS, scheduleProtocol } from '@/lib/clinical/reintroduction/schedule';
import { suggestVerdict, type DiaryDay } from '@/lib/clinical/reintroduction/verdict';
import { isCatalogued } from '@/lib/clinical/sources';

describe('foods', () => {
  it('matches panel items, free text and plurals to one group, by whole words', () => {
    expect(foodGroupOf("Cow's milk")?.id).toBe('dairy');
    expect(foodGroupOf('Cow’s milk')?.id).toBe('dairy');
    expect(foodGroupOf('Hen’s egg')?.id).toBe('egg');
    expect(foodGroupOf('egg noodles')?.id).toBe('egg');
    expect(foodGroupOf('Eggplant')).toBeNull();
    expect(foodGroupOf('Prawns')?.id).toBe('shellfish');
    expect(foodGroupOf('dairy')?.id).toBe('dairy');
    expect(foodGroupOf('  ')).toBeNull();
    expect(sameFood('Milk', 'dairy')).toBe(true);
    expect(sameFood('Quinoa', 'quinoa ')).toBe(true);
    expect(sameFood('Quinoa', 'Milk')).toBe(false);
  });
});

describe('schedule: one food at a time after a bounded elimination', () => {
  const dairy = { food: 'Dairy', portions: ['¼ cup milk', '½ cup milk', '1 cup milk'] };
  const wheat = { food: 'Wheat', portions: ['1 slice bread', '2 slices', '3 slices'], washoutDays: 2 };
  const plan = { eliminationWeeks: 4, challenges: [dairy, wheat] };
  it('eliminates for exactly N weeks, then 3 rising days and a 3-day washout per food, across a month end', () => {
    const s = scheduleProtocol('2026-01-05', plan);
    expect(s.eliminationTo).toBe('2026-02-01');
    expect(s.challenges[0]?.days).toEqual([
      { date: '2026-02-02', day: 1, portion: '¼ cup milk' },
      { date: '2026-02-03', day: 2, portion: '½ cup milk' },
      { date: '2026-02-04', day: 3, portion: '1 cup milk' },
    ]);
    expect(s.challenges[0]?.washout).toEqual({ from: '2026-02-05', to: '2026-02-07' });
    expect(s.challenges[1]?.days.map((d) => d.date)).toEqual(['2026-02-08', '2026-02-09', '2026-02-10']);
    expect(s.challenges[1]?.washout).toEqual({ from: '2026-02-11', to: '2026-02-12' });
    expect(s.endsOn).toBe('2026-02-12');
  });
  it('counts calendar days through a leap day and a daylight-saving change', () => {
    expect(scheduleProtocol('2028-02-01', { eliminationWeeks: 4, challenges: [{ food: 'Egg', portions: ['½ egg'] }] }).challenges[0]?.days[0]?.date).toBe('2028-02-29');
    // US clocks change on 8 Mar 2026; the days still run 7, 8, 9.
    const dst = scheduleProtocol('2026-02-07', { eliminationWeeks: 4, challenges: [{ food: 'Soy', portions: ['a', 'b', 'c'] }] });
    expect(dst.challenges[0]?.days.map((d) => d.date)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
  });
  it('an edit mid-protocol (reordering, a longer washout) reschedules from the same start', () => {
    const reordered = scheduleProtocol('2026-01-05', { ...plan, challenges: [wheat, { ...dairy, washoutDays: 5 }] });
    expect(reordered.challenges.map((c) => [c.order, c.food, c.days[0]?.date])).toEqual([
      [1, 'Wheat', '2026-02-02'],
      [2, 'Dairy', '2026-02-07'],
    ]);
    expect(reordered.endsOn).toBe('2026-02-14');
  });
  it('refuses an open-ended or malformed plan with messages, never half a schedule', () => {
    expect(checkPlan({ eliminationWeeks: 0, challenges: [] }).map((p) => p.path)).toEqual(['eliminationWeeks', 'challenges']);
    expect(checkPlan({ eliminationWeeks: 13, challenges: [{ food: 'x', portions: ['a'] }] })[0]?.message).toMatch(/1 to 12 whole weeks/);
    expect(checkPlan({ eliminationWeeks: 4, challenges: [{ food: 'Milk', portions: ['a'] }, { food: 'milk', portions: ['a'] }] })[0]?.message).toMatch(/already in the order/);
    expect(checkPlan({ eliminationWeeks: 4, challenges: [{ food: 'Milk', portions: ['a', ' '] }] })[0]?.message).toMatch(/needs its portion/);
    expect(checkPlan({ eliminationWeeks: 4, challenges: [{ food: 'Milk', portions: ['a'], washoutDays: 15 }] })[0]?.path).toBe('challenges.0.washoutDays');
    expect(() => scheduleProtocol('2026-01-05', { eliminationWeeks: 0, challenges: [] })).toThrow(RangeError);
    expect(REINTRODUCTION_DEFAULTS).toEqual({ eliminationWeeks: 4, challengeDays: 3, washoutDays: 3 });
  });
  it('says where the patient is on any day', () => {
    const s = scheduleProtocol('2026-01-05', plan);
    expect(phaseOn(s, '2026-01-04')).toEqual({ phase: 'not_started' });
    expect(phaseOn(s, '2026-01-05')).toEqual({ phase: 'eliminating', day: 1, of: 28 });
    expect(phaseOn(s, '2026-02-01')).toEqual({ phase: 'eliminating', day: 28, of: 28 });
    expect(phaseOn(s, '2026-02-03')).toEqual({ phase: 'challenge', food: 'Dairy', day: 2, of: 3, portion: '½ cup milk' });
    expect(phaseOn(s, '2026-02-06')).toEqual({ phase: 'washout', food: 'Dairy', day: 2, of: 3 });
    expect(phaseOn(s, '2026-02-13')).toEqual({ phase: 'finished' });
  });
});

describe('safety: when an at-home challenge is refused (DOMAIN.md §10.4)', () => {
  const adult: ChallengeSafetyInput = { food: 'Wheat', ageYears: 34, atopicDermatitis: true, sensitisedFoods: [], immediateReactionFoods: [], riskFactors: [] };
  it('allows an ordinary adult challenge', () => expect(checkChallengeSafety(adult)).toMatchObject({ atHomeAllowed: true, reasons: [] }));
  it('refuses any positive sIgE or skin prick to the food, matched across names', () => {
    const v = checkChallengeSafety({ ...adult, food: 'Dairy', sensitisedFoods: [{ food: "Cow's milk", method: 'specific_ige' }] });
    expect(v.atHomeAllowed).toBe(false);
    expect(v.reasons[0]).toMatch(/positive specific IgE to Dairy/);
    expect(checkChallengeSafety({ ...adult, sensitisedFoods: [{ food: 'Egg', method: 'skin_prick' }] }).atHomeAllowed).toBe(true);
  });
  it('refuses after an immediate reaction, with any risk factor, and for severe-reaction foods', () => {
    expect(checkChallengeSafety({ ...adult, immediateReactionFoods: ['wheat'] }).atHomeAllowed).toBe(false);
    expect(checkChallengeSafety({ ...adult, riskFactors: ['asthma'] }).reasons).toEqual(['The patient has asthma, a risk factor for a severe challenge reaction.']);
    expect(checkChallengeSafety({ ...adult, food: 'Sesame' }).atHomeAllowed).toBe(false);
    expect(checkChallengeSafety({ ...adult, food: 'peanut butter' }).atHomeAllowed).toBe(false);
  });
  it('refuses a child avoiding milk or egg with atopic dermatitis, not an adult or a child without it', () => {
    expect(checkChallengeSafety({ ...adult, food: 'Egg', ageYears: 17 }).atHomeAllowed).toBe(false);
    expect(checkChallengeSafety({ ...adult, food: 'Egg', ageYears: 18 }).atHomeAllowed).toBe(true);
    expect(checkChallengeSafety({ ...adult, food: 'Egg', ageYears: 9, atopicDermatitis: false }).atHomeAllowed).toBe(true);
  });
  it('cites catalogued sources', () => {
    expect(isCatalogued(checkChallengeSafety(adult).source)).toBe(true);
    for (const p of nutritionPrompts(['Milk'], 9)) expect(isCatalogued(p.source), p.code).toBe(true);
    expect(isCatalogued(suggestVerdict({ challengeDays: ['2026-02-02'], diary: [], reactions: [] }).source)).toBe(true);
  });
  it('prompts a calcium and vitamin D review for dairy and growth tracking under 18', () => {
    expect(nutritionPrompts(['Milk', 'Wheat'], 40).map((p) => p.code)).toEqual(['calcium_vitamin_d_review']);
    expect(nutritionPrompts(['Wheat'], 12).map((p) => p.code)).toEqual(['growth_tracking']);
    expect(nutritionPrompts(['Wheat'], 18)).toEqual([]);
  });
});

describe('suggested verdict from the diary (DOMAIN.md §10.3 heuristic)', () => {
  const challengeDays = ['2026-02-02', '2026-02-03', '2026-02-04'];
  const day = (date: string, score: number | null, confounders: string[] = []): DiaryDay => ({ date, score, confounders });
  const baseline = [day('2026-01-30', 2), day('2026-01-31', 3), day('2026-02-01', 2)];
  const after = (scores: (number | null)[]) => ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06'].map((d, i) => day(d, scores[i] ?? null));

  it('tolerated: within baseline variation; always marked suggested', () => {
    const v = suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 3, 3, 2, 2])], reactions: [] });
    expect(v).toMatchObject({ verdict: 'tolerated', suggested: true });
    expect(v.baselineMean).toBeCloseTo(7 / 3);
  });
  it('reacted: at least 2 days ≥ 2 points above the baseline mean; one day is not reproducible', () => {
    expect(suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 5, 6, 3, 2])], reactions: [] }).verdict).toBe('reacted');
    const once = suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 5, 3, 3, 2])], reactions: [] });
    expect(once.verdict).toBe('tolerated');
    expect(once.reasons[0]).toMatch(/one day above it, 2026-02-03, not repeated/);
  });
  it('counts the 48 h after the last challenge day, not later', () => {
    expect(suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 2, 2, 5, 6])], reactions: [] }).verdict).toBe('reacted');
    expect(suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 2, 2, 2, 5]), day('2026-02-07', 7)], reactions: [] }).verdict).toBe('tolerated');
  });
  it('a moderate or severe reported reaction is reacted; a mild gut one is not a failure', () => {
    expect(suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 2, 2, 2, 2])], reactions: [{ date: '2026-02-03', severity: 'moderate', gutOnly: false }] }).verdict).toBe('reacted');
    const mild = suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 2, 2, 2, 2])], reactions: [{ date: '2026-02-03', severity: 'mild', gutOnly: true }] });
    expect(mild.verdict).toBe('tolerated');
    expect(mild.reasons.join(' ')).toMatch(/mild gut reaction, not a failed challenge/);
  });
  it('inconclusive: too few or unstable baseline days, missed days, confounders — each says why', () => {
    expect(suggestVerdict({ challengeDays, diary: [day('2026-02-01', 2), ...after([2, 5, 6, 3, 2])], reactions: [] }).reasons[0]).toMatch(/Too few baseline days recorded \(1 of 3/);
    expect(suggestVerdict({ challengeDays, diary: [day('2026-01-30', 1), day('2026-01-31', 6), day('2026-02-01', 2), ...after([2, 2, 2, 2, 2])], reactions: [] }).reasons[0]).toMatch(/unstable \(scores 1 to 6\)/);
    // One missed day is allowed; two are not.
    expect(suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, null, 2, 2, 2])], reactions: [] }).verdict).toBe('tolerated');
    expect(suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, null, null, 2, 2])], reactions: [] }).reasons[0]).toMatch(/2 days of the challenge and the 48 h after were not recorded/);
    const ill = suggestVerdict({ challengeDays, diary: [...baseline, ...after([2, 5, 6, 3, 2]).map((d, i) => (i === 1 ? { ...d, confounders: ['a cold'] } : d))], reactions: [] });
    expect(ill).toMatchObject({ verdict: 'inconclusive' });
    expect(ill.reasons[0]).toBe('Something else could explain symptoms: a cold.');
  });
});
