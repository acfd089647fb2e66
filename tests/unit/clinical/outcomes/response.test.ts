import { describe, expect, it } from 'vitest';
import { assessAllResponses, assessResponse, baselineFor, followUpFor, primaryCriterion, RESPONSE_CRITERIA, type InterventionPeriod, type ScorePoint } from '@/lib/clinical/outcomes/response';
import { INSTRUMENT_IDS } from '@/lib/clinical/scores/instruments';
import { isCatalogued } from '@/lib/clinical/sources';

const diet: InterventionPeriod = { id: 'diet', title: 'Dairy-free diet', startDate: '2026-01-01', endDate: null, responseWeeks: null };
const pts = (...p: [string, number][]): ScorePoint[] => p.map(([effectiveDate, value]) => ({ effectiveDate, value }));
const LATE = '2026-12-01';

function easi(baseline: number, followUp: number, opts: { today?: string; followUpDate?: string } = {}) {
  return assessResponse({ intervention: diet, instrument: 'easi', points: pts(['2025-12-20', baseline], [opts.followUpDate ?? '2026-03-26', followUp]), others: [], today: opts.today ?? LATE });
}
const met = (r: ReturnType<typeof easi>, id: string) => r.criteria.find((c) => c.criterion.id === id)?.met;

describe('baseline window (default 28 days up to and including the start)', () => {
  const points = pts(['2025-12-03', 30], ['2025-12-04', 20], ['2026-01-01', 18], ['2026-01-02', 10]);
  it('takes the last score on or before the start', () => expect(baselineFor(points, '2026-01-01', 28)?.value).toBe(18));
  it('includes a score exactly 28 days before, excludes 29', () => {
    expect(baselineFor(pts(['2025-12-04', 20]), '2026-01-01', 28)?.value).toBe(20);
    expect(baselineFor(pts(['2025-12-03', 20]), '2026-01-01', 28)).toBeNull();
  });
  it('never uses a score after the start as baseline', () => expect(baselineFor(pts(['2026-01-02', 5]), '2026-01-01', 28)).toBeNull());
});

describe('follow-up: the score after the start nearest the assessment point', () => {
  it('picks the nearest, and the later one on a tie', () => {
    // Assessment point 2026-03-26 (start + 12 weeks).
    expect(followUpFor(pts(['2026-03-20', 1], ['2026-04-10', 2]), '2026-01-01', '2026-03-26')?.value).toBe(1);
    expect(followUpFor(pts(['2026-03-21', 1], ['2026-03-31', 2]), '2026-01-01', '2026-03-26')?.value).toBe(2);
  });
  it('ignores the start day itself', () => expect(followUpFor(pts(['2026-01-01', 9]), '2026-01-01', '2026-03-26')).toBeNull());
});

describe('EASI thresholds (percent improvement, BJD-MIC-2021 / CLEGG-PASI)', () => {
  it('49.9% is not EASI-50; 50% is', () => {
    expect(met(easi(20, 10.02), 'easi-50')).toBe(false);
    expect(met(easi(20, 10), 'easi-50')).toBe(true);
  });
  it('75% and 90% edges', () => {
    expect(met(easi(20, 5), 'easi-75')).toBe(true);
    expect(met(easi(20, 5.1), 'easi-75')).toBe(false);
    expect(met(easi(20, 2), 'easi-90')).toBe(true);
    expect(met(easi(20, 2.1), 'easi-90')).toBe(false);
  });
  it('reports absolute and percent change', () => {
    const r = easi(24, 10.8);
    expect(r.status).toBe('assessed');
    expect(r.change).toBeCloseTo(-13.2);
    expect(r.percentImprovement).toBeCloseTo(55);
    expect(r.direction).toBe('better');
    expect(r.summary).toBe('EASI fell 55% (24 → 10.8) by week 12; EASI-50 reached.');
  });
  it('baseline 0 is guarded: percent undefined, labels null, no division by zero', () => {
    const r = easi(0, 3);
    expect(r.percentImprovement).toBeNull();
    expect(met(r, 'easi-50')).toBeNull();
    expect(r.direction).toBe('worse');
  });
  it('a rising score is worsening, never a negative improvement label', () => {
    const r = easi(10, 14);
    expect(r.direction).toBe('worse');
    expect(met(r, 'easi-50')).toBe(false);
    expect(r.summary).toMatch(/EASI rose 4 points \(10 → 14\): worse/);
  });
});

describe('PASI 50/75/90/100', () => {
  const pasi = (b: number, f: number) => assessResponse({ intervention: diet, instrument: 'pasi', points: pts(['2026-01-01', b], ['2026-03-26', f]), others: [], today: LATE });
  it('PASI-100 only at complete clearance', () => {
    expect(pasi(12, 0).criteria.every((c) => c.met)).toBe(true);
    expect(pasi(12, 0.1).criteria.find((c) => c.criterion.id === 'pasi-100')?.met).toBe(false);
  });
  it('PASI-75 is the primary', () => expect(primaryCriterion('pasi')?.id).toBe('pasi-75'));
});

describe('points thresholds (lower is better)', () => {
  const run = (instrument: 'dlqi' | 'uas7' | 'poem', b: number, f: number) =>
    assessResponse({ intervention: diet, instrument, points: pts(['2026-01-01', b], ['2026-03-26', f]), others: [], today: LATE }).criteria[0]?.met;
  it('DLQI ≥ 4 points (BASRA-DLQI)', () => {
    expect(run('dlqi', 12, 8)).toBe(true);
    expect(run('dlqi', 12, 9)).toBe(false);
  });
  it('UAS7 ≥ 10 points (MATHIAS-UAS7)', () => {
    expect(run('uas7', 30, 20)).toBe(true);
    expect(run('uas7', 30, 21)).toBe(false);
  });
  it('POEM ≥ 3 points (HOWELLS-POEM)', () => {
    expect(run('poem', 10, 7)).toBe(true);
    expect(run('poem', 10, 8)).toBe(false);
  });
});

describe('IGA success: 0/1 and ≥ 2 grades better', () => {
  const iga = (b: number, f: number) => assessResponse({ intervention: diet, instrument: 'iga_ad', points: pts(['2026-01-01', b], ['2026-03-26', f]), others: [], today: LATE }).criteria[0]?.met;
  it('3 → 1 succeeds; 2 → 1 does not (one grade); 4 → 2 does not (not 0/1)', () => {
    expect(iga(3, 1)).toBe(true);
    expect(iga(2, 0)).toBe(true);
    expect(iga(2, 1)).toBe(false);
    expect(iga(4, 2)).toBe(false);
  });
});

describe('provisional and not assessable', () => {
  it('before the assessment point the answer is provisional, whatever it shows', () => {
    const r = easi(20, 18, { today: '2026-03-25', followUpDate: '2026-02-01' });
    expect(r.status).toBe('provisional');
    expect(r.reason).toMatch(/week 12 \(2026-03-26\)/);
    expect(r.summary).toMatch(/\(provisional\)\.$/);
  });
  it('on the assessment day with a follow-up at the point it is assessed', () => expect(easi(20, 8, { today: '2026-03-26' }).status).toBe('assessed'));
  it('a follow-up 14 days before the point counts; 15 days before stays provisional', () => {
    expect(easi(20, 8, { followUpDate: '2026-03-12' }).status).toBe('assessed');
    const r = easi(20, 8, { followUpDate: '2026-03-11' });
    expect(r.status).toBe('provisional');
    expect(r.reason).toMatch(/No EASI near week 12/);
  });
  it('no baseline, no follow-up, no start: each says why', () => {
    const noBase = assessResponse({ intervention: diet, instrument: 'easi', points: pts(['2025-11-01', 20], ['2026-03-26', 8]), others: [], today: LATE });
    expect(noBase.status).toBe('not_assessable');
    expect(noBase.reason).toBe('No EASI in the 28 days up to the start (2026-01-01).');
    const noFollow = assessResponse({ intervention: diet, instrument: 'easi', points: pts(['2025-12-20', 20]), others: [], today: LATE });
    expect(noFollow.reason).toBe('No EASI recorded after the start (2026-01-01).');
    const unstarted = assessResponse({ intervention: { ...diet, startDate: null }, instrument: 'easi', points: [], others: [], today: LATE });
    expect(unstarted.reason).toMatch(/no start date/);
  });
  it('the assessment point is configurable per intervention', () => {
    const r = assessResponse({ intervention: { ...diet, responseWeeks: 16 }, instrument: 'easi', points: pts(['2026-01-01', 20], ['2026-03-26', 8]), others: [], today: LATE });
    expect(r.assessmentDate).toBe('2026-04-23');
    expect(r.status).toBe('provisional');
  });
  it('the baseline window is a setting', () => {
    const r = assessResponse({ intervention: diet, instrument: 'easi', points: pts(['2025-11-20', 20], ['2026-03-26', 8]), others: [], today: LATE, settings: { baselineWindowDays: 60, assessmentWeeks: 12, followUpToleranceDays: 14 } });
    expect(r.status).toBe('assessed');
  });
});

describe('overlap is named, never attributed', () => {
  const eradication: InterventionPeriod = { id: 'hp', title: 'Eradication therapy', startDate: '2026-01-10', endDate: '2026-01-24', responseWeeks: null };
  const later: InterventionPeriod = { id: 'later', title: 'Probiotic', startDate: '2026-05-01', endDate: null, responseWeeks: null };
  const before: InterventionPeriod = { id: 'before', title: 'Old cream', startDate: '2025-06-01', endDate: '2025-12-31', responseWeeks: null };
  it('names interventions running between the start and the follow-up, not before or after', () => {
    const r = assessResponse({ intervention: diet, instrument: 'easi', points: pts(['2025-12-20', 20], ['2026-03-26', 9]), others: [diet, eradication, later, before], today: LATE });
    expect(r.overlapping.map((o) => o.id)).toEqual(['hp']);
    expect(r.summary).toBe('EASI fell 55% (20 → 9) by week 12 while Dairy-free diet and Eradication therapy overlapped; EASI-50 reached.');
  });
});

describe('every instrument', () => {
  it('every responder rule cites catalogued sources and each banded instrument has at most one primary', () => {
    for (const [id, list = []] of Object.entries(RESPONSE_CRITERIA)) {
      expect(list.filter((c) => c.primary)).toHaveLength(1);
      for (const c of list) expect(isCatalogued(c.source), `${id} ${c.id}: ${c.source}`).toBe(true);
    }
  });
  it('Bristol and GSRS show change only', () => {
    expect(RESPONSE_CRITERIA.bristol).toBeUndefined();
    expect(RESPONSE_CRITERIA.gsrs).toBeUndefined();
    const r = assessResponse({ intervention: diet, instrument: 'bristol', points: pts(['2026-01-01', 1], ['2026-03-26', 4]), others: [], today: LATE });
    expect(r.direction).toBeNull();
    expect(r.criteria).toEqual([]);
  });
  it('assessAllResponses covers started interventions × recorded instruments', () => {
    const all = assessAllResponses({ interventions: [diet, { ...diet, id: 'x', startDate: null }], scores: { easi: pts(['2026-01-01', 3]), dlqi: [], poem: pts(['2026-01-01', 3]) }, today: LATE });
    expect(all.map((r) => `${r.interventionId}:${r.instrument}`).sort()).toEqual(['diet:easi', 'diet:poem']);
    expect(INSTRUMENT_IDS.length).toBeGreaterThan(0);
  });
});
