import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { patients } from '../../../db/schema';
import { FOOD_PANEL_IGG_CAVEAT } from '../../../lib/clinical/food-panels/interpret';
import type { Finding } from '../../../lib/clinical/interpretation';
import { correctResult, recordResult } from '../../../lib/results/mutations';
import { getPatientResults, getResult, getScoreSeries } from '../../../lib/results/queries';
import { actorOf, makeClinic } from '../fixtures';
import {
  auditFor,
  iggPanel,
  imoBreathTest,
  isoDaysFromToday,
  recordOk,
  resultCount,
  resultRow,
  scoreInput,
  siboBreathTest,
  ubtPositive,
} from './inputs';

// recordResult stores what the clinician entered beside the interpretation the pure rules computed;
// invalid input is refused field by field and stores nothing; the reads return current versions in
// the right order and are audited.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
beforeEach(async () => {
  c = await makeClinic();
});

const findingsOf = (interpretation: Record<string, unknown>) => interpretation.findings as Finding[];
const ruleStatus = (interpretation: Record<string, unknown>) => findingsOf(interpretation).map((f) => `${f.rule}:${f.status}`);

describe('recordResult stores the input and the computed interpretation', () => {
  it('breath test: classic hydrogen SIBO is stored abnormal with a hydrogen summary', async () => {
    const derm = actorOf(c.dermOnTeam);
    const before = new Date();
    const id = await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest('2025-03-10'));
    const after = new Date();

    const row = await resultRow(id);
    expect(row).toMatchObject({
      patientId: c.patient.id,
      kind: 'breath_test',
      version: 1,
      isCurrent: true,
      effectiveDate: '2025-03-10',
      title: 'Lactulose 10 g breath test',
      flag: 'abnormal',
      criteriaSet: 'NAC-2017',
      instrument: null,
      value: null,
      enteredBy: c.dermOnTeam.id,
      correctionReason: null,
    });
    expect(row.summary).toMatch(/^Hydrogen rise consistent with SIBO: \+25 ppm by 60 min/);
    expect(row.summary).toMatch(/methane criterion not met/i);
    expect(row.enteredAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(row.enteredAt.getTime()).toBeLessThanOrEqual(after.getTime() + 1000);

    // The interpretation is the rules' output, stored whole; the flag and summary columns repeat it.
    expect(row.interpretation.flag).toBe('abnormal');
    expect(row.interpretation.summary).toBe(row.summary);
    expect(ruleStatus(row.interpretation)).toContain('h2-rise:positive');
    expect(ruleStatus(row.interpretation)).toContain('ch4-level:negative');
    const h2 = findingsOf(row.interpretation).find((f) => f.rule === 'h2-rise');
    expect(h2?.text).toContain('Hydrogen rose 25 ppm over baseline (6 → 31 ppm) by 60 min');
    expect(row.interpretation).toMatchObject({ criteria: { id: 'NAC-2017' }, hydrogen: { positive: true, minuteOfPositiveRise: 60 }, methane: { positive: false } });

    // The input is stored as validated (readings in order, device kept).
    expect(row.data).toMatchObject({ effectiveDate: '2025-03-10', substrate: { kind: 'lactulose', doseGrams: 10 }, device: 'QuinTron BreathTracker SC' });
    expect((row.data.readings as unknown[]).length).toBe(7);

    // Recording a result counts as activity on the patient.
    const [p] = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, c.patient.id));
    expect(p?.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it('breath test: methane-positive IMO is stored abnormal with methane as the finding', async () => {
    const id = await recordOk(actorOf(c.nutritionistOnTeam), c.patient.id, 'breath_test', imoBreathTest('2025-03-11'));
    const row = await resultRow(id);
    expect(row.flag).toBe('abnormal');
    expect(row.summary).toMatch(/^Methane level consistent with IMO: peak 18 ppm at 90 min/);
    expect(row.summary).toMatch(/hydrogen criterion not met/);
    expect(ruleStatus(row.interpretation)).toEqual(expect.arrayContaining(['ch4-level:positive', 'h2-rise:negative']));
    expect(row.interpretation).toMatchObject({ methane: { positive: true, minuteFirstAtThreshold: 30, maxPpm: 18 }, hydrogen: { positive: false } });
    expect(row.enteredBy).toBe(c.nutritionistOnTeam.id);
  });

  it('H. pylori: a UBT entered without a result is stored positive, derived from the kit cut-off', async () => {
    const input = ubtPositive('2025-02-01');
    expect(input).not.toHaveProperty('result');
    const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'h_pylori', input);
    const row = await resultRow(id);
    expect(row).toMatchObject({ kind: 'h_pylori', flag: 'abnormal', criteriaSet: 'BreathID Hp: DOB ≥ 5‰', loincCode: '29891-9', effectiveDate: '2025-02-01' });
    expect(row.summary).toBe('H. pylori UBT positive: DOB 12.4‰ ≥ 5‰ (BreathID Hp)');
    expect(row.interpretation).toMatchObject({ result: 'positive', possibleFalseNegative: false });
    expect(ruleStatus(row.interpretation)).toContain('ubt-cutoff:positive');
    // Stored as entered: the derived result lives in the interpretation, not in the input.
    expect(row.data).toMatchObject({ method: 'urea_breath_test', ubtKit: 'breathid_hp', deltaOverBaseline: 12.4, purpose: 'diagnosis' });
    expect(row.data).not.toHaveProperty('result');
  });

  it('food panel: an IgG panel is stored as information only, with the "not validated" caveat', async () => {
    const id = await recordOk(actorOf(c.nutritionistOnTeam), c.patient.id, 'food_panel', iggPanel('2025-01-20'));
    const row = await resultRow(id);
    expect(row).toMatchObject({ kind: 'food_panel', flag: 'info', criteriaSet: null, title: 'Food panel: Food IgG panel (not validated for diagnosis)' });
    expect(row.summary).toMatch(/3 foods/);
    const caveat = findingsOf(row.interpretation).find((f) => f.rule === 'igg-not-diagnostic');
    expect(caveat).toMatchObject({ status: 'caution', text: FOOD_PANEL_IGG_CAVEAT });
    // The schema fills the default unit, so a stored value always says what it means.
    expect((row.data.items as { unit?: string }[]).map((i) => i.unit)).toEqual(['mg/L', 'mg/L', 'mg/L']);
  });

  it('score: instrument and value are kept as columns for trends', async () => {
    const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const row = await resultRow(id);
    expect(row).toMatchObject({ kind: 'score', instrument: 'easi', value: 18.4, title: 'EASI', flag: 'abnormal', summary: 'EASI 18.4 — moderate (7.1–21.0)' });
    expect(row.data).toMatchObject({ instrument: 'easi', value: 18.4, reportedBy: 'clinician' });

    const dlqi = await resultRow(await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'score', scoreInput('dlqi', 4, '2025-01-05', { reportedBy: 'patient' })));
    expect(dlqi).toMatchObject({ instrument: 'dlqi', value: 4, title: 'DLQI (patient-reported)' });
  });

  it('audits each creation once, in the same transaction as the row', async () => {
    const derm = actorOf(c.dermOnTeam);
    const a = await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest());
    const b = await recordOk(derm, c.patient.id, 'score', scoreInput('poem', 12, '2025-01-06'));
    const events = await auditFor(derm, 'result.create');
    expect(events.map((e) => e.entityId)).toEqual([a, b]);
    expect(events[0]).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, entityType: 'result', actorRole: 'clinician', requestAddress: '203.0.113.7', detail: { kind: 'breath_test' } });
    expect(events[1]?.detail).toEqual({ kind: 'score' });
  });
});

describe('recordResult refuses invalid input field by field and stores nothing', () => {
  async function expectRefused(kind: Parameters<typeof recordResult>[2], input: unknown, fields: string[]) {
    const derm = actorOf(c.dermOnTeam);
    const outcome = await recordResult(derm, c.patient.id, kind, input);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatch(/Nothing was saved/);
    for (const field of fields) expect(outcome.fieldErrors?.[field]?.length, `fieldErrors.${field}`).toBeGreaterThan(0);
    expect(await resultCount(c.patient.id)).toBe(0);
    expect(await auditFor(derm, 'result.create')).toHaveLength(0);
    return outcome.fieldErrors ?? {};
  }

  it('breath test: an out-of-range reading is keyed to its cell', async () => {
    const input = siboBreathTest();
    input.readings[2] = { minute: 30, h2: 900, ch4: 3 };
    const errors = await expectRefused('breath_test', input, ['readings.2.h2']);
    expect(errors?.['readings.2.h2']?.[0]).toMatch(/Reading 3 \(30 min\): hydrogen must be 0–500 ppm/);
  });

  it('breath test: several problems are all reported in one pass', async () => {
    const input = { ...siboBreathTest(), substrate: { kind: 'other', doseGrams: 0 }, readings: [{ minute: 5, h2: 1, ch4: 1 }, { minute: 5, h2: -1, ch4: 1 }] };
    await expectRefused('breath_test', input, ['substrate.doseGrams', 'substrate.name', 'readings.0.minute', 'readings.1.minute', 'readings.1.h2']);
  });

  it('breath test: a missing preparation checklist is refused', async () => {
    const { preparation: _preparation, ...rest } = siboBreathTest();
    await expectRefused('breath_test', rest, ['preparation']);
  });

  it('H. pylori: a typed result that contradicts the reading is refused', async () => {
    await expectRefused('h_pylori', { ...ubtPositive(), result: 'negative' }, ['result']);
  });

  it('food panel: a duplicate food is keyed to the duplicate item', async () => {
    const input = iggPanel();
    input.items.push({ food: '  cow   MILK ', value: 3 });
    await expectRefused('food_panel', input, ['items.3.food']);
  });

  it('score: a value outside the instrument range is keyed to value', async () => {
    const errors = await expectRefused('score', scoreInput('easi', 80, '2025-01-05'), ['value']);
    expect(errors?.value?.[0]).toMatch(/EASI must be between 0 and 72/);
    await expectRefused('score', scoreInput('dlqi', 4.5, '2025-01-05'), ['value']);
    await expectRefused('score', scoreInput('not-an-instrument', 4, '2025-01-05'), ['instrument']);
  });

  it('input that is not an object at all is refused without throwing', async () => {
    await expectRefused('score', null, ['_form']);
    await expectRefused('breath_test', 'readings', ['_form']);
  });

  it('a future effective date is refused with fieldErrors.effectiveDate, for every kind', async () => {
    const future = isoDaysFromToday(3);
    await expectRefused('breath_test', siboBreathTest(future), ['effectiveDate']);
    await expectRefused('h_pylori', ubtPositive(future), ['effectiveDate']);
    await expectRefused('food_panel', iggPanel(future), ['effectiveDate']);
    const errors = await expectRefused('score', scoreInput('easi', 3, future), ['effectiveDate']);
    expect(errors?.effectiveDate?.[0]).toMatch(/future/);
  });

  it('a future date is reported together with every other problem, in one pass', async () => {
    const input = siboBreathTest(isoDaysFromToday(30));
    // Reading 3 goes back in time, and an unknown substrate: the form must hear about all three at once.
    input.readings[2] = { ...input.readings[2], minute: 5 } as (typeof input.readings)[number];
    const errors = await expectRefused('breath_test', { ...input, substrate: { kind: 'nope', doseGrams: 10 } }, ['effectiveDate', 'substrate.kind', 'readings.2.minute']);
    expect(errors?.effectiveDate?.[0]).toMatch(/future/);
    const score = await expectRefused('score', scoreInput('easi', 80, isoDaysFromToday(30)), ['effectiveDate', 'value']);
    expect(score?.value?.[0]).toMatch(/between 0 and 72/);
  });

  it("today's date is accepted", async () => {
    const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'score', scoreInput('easi', 3, isoDaysFromToday(0)));
    expect((await resultRow(id)).effectiveDate).toBe(isoDaysFromToday(0));
  });

  it('an impossible calendar date is refused', async () => {
    await expectRefused('score', scoreInput('easi', 3, '2023-02-29'), ['effectiveDate']);
    await expectRefused('breath_test', siboBreathTest('1899-12-31'), ['effectiveDate']);
  });
});

describe('getPatientResults', () => {
  it('returns current versions only, newest first by effective date then entry time', async () => {
    const derm = actorOf(c.dermOnTeam);
    const nutri = actorOf(c.nutritionistOnTeam);
    const oldest = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2024-11-02'));
    const newest = await recordOk(nutri, c.patient.id, 'breath_test', siboBreathTest('2025-03-10'));
    const sameDayFirst = await recordOk(derm, c.patient.id, 'h_pylori', ubtPositive('2025-02-01'));
    const sameDaySecond = await recordOk(nutri, c.patient.id, 'food_panel', iggPanel('2025-02-01'));
    const corrected = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 9, '2024-12-01'));
    const fix = await correctResult(derm, { resultId: corrected, expectedVersion: 1, reason: 'Transcribed from the wrong visit', values: scoreInput('easi', 6.5, '2024-12-01') });
    expect(fix.ok).toBe(true);
    const correctedV2 = fix.ok ? fix.data.resultId : '';
    // Someone else's patient: never listed here.
    await recordOk(actorOf(c.dermOffTeam), c.otherPatient.id, 'score', scoreInput('easi', 40, '2025-03-20'));

    const { results } = await getPatientResults(derm, c.patient.id);
    expect(results.map((r) => r.id)).toEqual([newest, sameDaySecond, sameDayFirst, correctedV2, oldest]);
    const v2 = results.find((r) => r.id === correctedV2);
    expect(v2).toMatchObject({ version: 2, value: 6.5, instrument: 'easi', kind: 'score', enteredByName: c.dermOnTeam.name });
    expect(results.find((r) => r.id === newest)).toMatchObject({ kind: 'breath_test', flag: 'abnormal', title: 'Lactulose 10 g breath test', instrument: null, value: null, enteredByName: c.nutritionistOnTeam.name });
    for (const r of results) expect(Number.isNaN(Date.parse(r.enteredAt))).toBe(false);
  });

  it('is audited as result.list for the patient, and the other colleague sees the same list', async () => {
    const derm = actorOf(c.dermOnTeam);
    const nutri = actorOf(c.nutritionistOnTeam);
    const id = await recordOk(derm, c.patient.id, 'score', scoreInput('scorad', 42, '2025-01-10'));
    const mine = await getPatientResults(derm, c.patient.id);
    const theirs = await getPatientResults(nutri, c.patient.id);
    expect(mine.results.map((r) => r.id)).toEqual([id]);
    expect(theirs.results.map((r) => r.id)).toEqual([id]);
    const events = await auditFor(derm, 'result.list');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, entityType: 'patient', entityId: c.patient.id, requestAddress: '203.0.113.7' });
    expect(await auditFor(nutri, 'result.list', 'allowed')).toHaveLength(1);
  });

  it('returns an empty list for a patient without results', async () => {
    const out = await getPatientResults(actorOf(c.dermOnTeam), c.patient.id);
    expect(out.results).toEqual([]);
  });
});

describe('getResult', () => {
  it('returns the stored version with data, interpretation and author, and audits result.read', async () => {
    const nutri = actorOf(c.nutritionistOnTeam);
    const id = await recordOk(nutri, c.patient.id, 'breath_test', imoBreathTest());
    const derm = actorOf(c.dermOnTeam);
    const detail = await getResult(derm, id);
    expect(detail).toMatchObject({ patientId: c.patient.id, kind: 'breath_test', awaitingMyReview: true });
    expect(detail.history).toHaveLength(1);
    expect(detail.current).toMatchObject({ id, version: 1, isCurrent: true, flag: 'abnormal', criteriaSet: 'NAC-2017', enteredByName: c.nutritionistOnTeam.name, correctionReason: null, reviewedBy: [] });
    expect(detail.current.interpretation).toMatchObject({ flag: 'abnormal', methane: { positive: true } });
    expect(detail.current.data).toMatchObject({ substrate: { kind: 'lactulose', doseGrams: 10 } });

    const events = await auditFor(derm, 'result.read');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, entityType: 'result', entityId: id });
  });
});

describe('getScoreSeries', () => {
  it('groups current scores by instrument, oldest first, ignoring other kinds and other patients', async () => {
    const derm = actorOf(c.dermOnTeam);
    const nutri = actorOf(c.nutritionistOnTeam);
    // Entered out of date order on purpose.
    const e2 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 12.2, '2025-02-01'));
    const e1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 24.8, '2024-12-01'));
    const e3 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 5.1, '2025-03-01'));
    const d1 = await recordOk(derm, c.patient.id, 'score', scoreInput('dlqi', 14, '2024-12-01', { reportedBy: 'patient' }));
    const g1 = await recordOk(nutri, c.patient.id, 'score', scoreInput('gsrs', 3.2, '2025-01-15'));
    await recordOk(nutri, c.patient.id, 'breath_test', siboBreathTest('2025-01-15'));
    await recordOk(actorOf(c.dermOffTeam), c.otherPatient.id, 'score', scoreInput('easi', 60, '2025-01-01'));
    // A corrected value replaces the old one in the trend.
    const fix = await correctResult(derm, { resultId: e2, expectedVersion: 1, reason: 'Head and neck region was double counted', values: scoreInput('easi', 10.2, '2025-02-01') });
    expect(fix.ok).toBe(true);
    const e2v2 = fix.ok ? fix.data.resultId : '';

    const series = await getScoreSeries(nutri, c.patient.id);
    expect(Object.keys(series).sort()).toEqual(['dlqi', 'easi', 'gsrs']);
    expect(series.easi).toEqual([
      { resultId: e1, effectiveDate: '2024-12-01', value: 24.8 },
      { resultId: e2v2, effectiveDate: '2025-02-01', value: 10.2 },
      { resultId: e3, effectiveDate: '2025-03-01', value: 5.1 },
    ]);
    expect(series.dlqi).toEqual([{ resultId: d1, effectiveDate: '2024-12-01', value: 14 }]);
    expect(series.gsrs).toEqual([{ resultId: g1, effectiveDate: '2025-01-15', value: 3.2 }]);

    const events = await auditFor(nutri, 'score.trend.read', 'allowed');
    expect(events).toHaveLength(1);
    expect(events[0]?.patientId).toBe(c.patient.id);
  });

  it('is empty for a patient without scores', async () => {
    await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'h_pylori', ubtPositive());
    expect(await getScoreSeries(actorOf(c.dermOnTeam), c.patient.id)).toEqual({});
  });
});
