import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QUESTIONNAIRE_IDS, QUESTIONNAIRES, describeTotal, maxItemScore, offersUas7, scoreQuestionnaire, uas7DailyScores, type QuestionnaireId } from '@/lib/questionnaires/definitions';
import { getInstrument } from '@/lib/clinical/scores/instruments';

const fill = (id: QuestionnaireId, pick: (options: readonly { value: string; score: number }[]) => string) =>
  Object.fromEntries(QUESTIONNAIRES[id].items.map((item) => [item.id, pick(item.options)]));
const lowest = (o: readonly { value: string; score: number }[]) => [...o].sort((a, b) => a.score - b.score)[0]?.value ?? '';
const highest = (o: readonly { value: string; score: number }[]) => [...o].sort((a, b) => b.score - a.score)[0]?.value ?? '';

describe('questionnaire definitions', () => {
  it('have the published number of items and ranges, matching the score registry', () => {
    expect(QUESTIONNAIRES.dlqi.items).toHaveLength(10);
    expect(QUESTIONNAIRES.poem.items).toHaveLength(7);
    expect(QUESTIONNAIRES.uas7.items).toHaveLength(14);
    for (const id of QUESTIONNAIRE_IDS) {
      const def = QUESTIONNAIRES[id];
      expect(def.items.reduce((s, i) => s + maxItemScore(i), 0)).toBe(def.max);
      expect(def.min).toBe(getInstrument(id).min);
      expect(def.max).toBe(getInstrument(id).max);
      expect(new Set(def.items.map((i) => i.id)).size).toBe(def.items.length);
    }
  });

  it('DLQI: Very much 3 … Not at all 0; "Not relevant" only on items 3–10 and scores 0; item 7 Yes scores 3', () => {
    const dlqi = QUESTIONNAIRES.dlqi.items;
    expect(dlqi[0]?.text).toBe('Over the last week, how itchy, sore, painful or stinging has your skin been?');
    expect(dlqi[0]?.options.map((o) => [o.label, o.score])).toEqual([['Very much', 3], ['A lot', 2], ['A little', 1], ['Not at all', 0]]);
    expect(dlqi.slice(0, 2).every((i) => !i.options.some((o) => o.value === 'not_relevant'))).toBe(true);
    expect(dlqi.slice(2).every((i) => i.options.some((o) => o.value === 'not_relevant' && o.score === 0))).toBe(true);
    const q7 = dlqi[6];
    expect(q7?.options.find((o) => o.value === 'yes')?.score).toBe(3);
    expect(q7?.options.map((o) => o.score)).toEqual([3, 2, 1, 0, 0]);
  });

  it('POEM answers: No days 0 … Every day 4', () => {
    expect(QUESTIONNAIRES.poem.items[0]?.options.map((o) => [o.label, o.score])).toEqual([['No days', 0], ['1–2 days', 1], ['3–4 days', 2], ['5–6 days', 3], ['Every day', 4]]);
  });

  it('UAS7 wheal bands: none, <20, 20–50, >50 → 0–3; itch none…intense → 0–3', () => {
    const uas = QUESTIONNAIRES.uas7.items;
    expect(uas[0]?.options.map((o) => o.label)).toEqual(['None', 'Fewer than 20 wheals', '20 to 50 wheals', 'More than 50 wheals']);
    expect(uas[1]?.options.map((o) => o.label)).toEqual(['None', 'Mild', 'Moderate', 'Intense']);
  });
});

describe('scoreQuestionnaire', () => {
  it.each(QUESTIONNAIRE_IDS)('%s: boundary totals — all lowest is the minimum, all highest the maximum', (id) => {
    expect(scoreQuestionnaire(id, fill(id, lowest))).toMatchObject({ ok: true, total: QUESTIONNAIRES[id].min });
    expect(scoreQuestionnaire(id, fill(id, highest))).toMatchObject({ ok: true, total: QUESTIONNAIRES[id].max });
  });

  it('DLQI all "Not relevant" where allowed and "Not at all" elsewhere is 0; one "A little" is 1', () => {
    const answers = fill('dlqi', (o) => (o.some((x) => x.value === 'not_relevant') ? 'not_relevant' : 'not_at_all'));
    expect(scoreQuestionnaire('dlqi', answers)).toMatchObject({ ok: true, total: 0 });
    expect(scoreQuestionnaire('dlqi', { ...answers, q1: 'a_little' })).toMatchObject({ ok: true, total: 1 });
    expect(scoreQuestionnaire('dlqi', { ...answers, q7: 'yes' })).toMatchObject({ ok: true, total: 3 });
  });

  it('refuses a missing item, an answer from another item, and unknown items', () => {
    const answers = fill('dlqi', lowest);
    const { q3: _dropped, ...missing } = answers;
    expect(scoreQuestionnaire('dlqi', missing)).toEqual({ ok: false, missing: ['q3'], invalid: [], unknown: [] });
    expect(scoreQuestionnaire('dlqi', { ...answers, q1: 'not_relevant' })).toEqual({ ok: false, missing: [], invalid: ['q1'], unknown: [] });
    expect(scoreQuestionnaire('dlqi', { ...answers, q11: 'a_lot' })).toEqual({ ok: false, missing: [], invalid: [], unknown: ['q11'] });
    expect(scoreQuestionnaire('poem', { ...fill('poem', lowest), q2: 7 })).toMatchObject({ ok: false, invalid: ['q2'] });
  });

  it.each(QUESTIONNAIRE_IDS)('%s: any complete set of answers totals the sum of its item scores, within range', (id) => {
    const def = QUESTIONNAIRES[id];
    const arb = fc.tuple(...def.items.map((item) => fc.constantFrom(...item.options)));
    fc.assert(
      fc.property(arb, (chosen) => {
        const answers = Object.fromEntries(def.items.map((item, i) => [item.id, chosen[i]?.value ?? '']));
        const out = scoreQuestionnaire(id, answers);
        const sum = chosen.reduce((s, o) => s + o.score, 0);
        expect(out).toMatchObject({ ok: true, total: sum });
        if (out.ok) {
          expect(out.total).toBeGreaterThanOrEqual(def.min);
          expect(out.total).toBeLessThanOrEqual(def.max);
          expect(Object.values(out.itemScores).reduce((s, v) => s + v, 0)).toBe(out.total);
        }
      }),
    );
  });

  it('UAS7 daily scores add wheals and itch per day (0–6)', () => {
    const answers = fill('uas7', lowest);
    expect(uas7DailyScores({ ...answers, day7_wheals: '3', day7_itch: '2' })).toEqual([0, 0, 0, 0, 0, 0, 5]);
    expect(uas7DailyScores({})).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('offersUas7', () => {
  it('only with an urticaria (L50*) diagnosis', () => {
    expect(offersUas7(['L50.1', 'K63.8211'])).toBe(true);
    expect(offersUas7(['l50.9'])).toBe(true);
    expect(offersUas7(['L20.9', 'L40.0'])).toBe(false);
    expect(offersUas7([])).toBe(false);
  });
});

describe('describeTotal', () => {
  it('puts the band edges in plain words', () => {
    expect(describeTotal('dlqi', 1)).toBe('no effect on your life');
    expect(describeTotal('dlqi', 2)).toBe('a small effect on your life');
    expect(describeTotal('dlqi', 10)).toBe('a moderate effect on your life');
    expect(describeTotal('dlqi', 11)).toBe('a very large effect on your life');
    expect(describeTotal('dlqi', 30)).toBe('an extremely large effect on your life');
    expect(describeTotal('poem', 28)).toBe('very severe eczema');
    expect(describeTotal('uas7', 0)).toBe('no hives this week');
    expect(describeTotal('uas7', 28)).toBe('severe hives');
  });
});
