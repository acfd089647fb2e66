import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { patients } from '../../../db/schema';
import { FB_RATIO_REFUSAL } from '../../../lib/clinical/stool-tests/schema';
import { correctResult, recordResult } from '../../../lib/results/mutations';
import { getResult, getStoolTestInputs } from '../../../lib/results/queries';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, recordOk, resultCount, resultRow } from './inputs';

// Stool tests as a result kind (DOMAIN.md §8): the patient's age on the sample date, read from the record,
// decides whether adult bands apply; corrections are versions recomputed by the same rules; refusals store
// nothing.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
beforeEach(async () => {
  c = await makeClinic();
});

const calprotectin = (value: number) => ({
  effectiveDate: '2026-11-02',
  calprotectin: { value, unit: 'ug/g', labInterval: { normalBelow: 50, indeterminateUpTo: 120 }, assay: 'Bühlmann fCAL ELISA', laboratory: 'Northside Lab' },
});

describe('recording a stool test', () => {
  it('stores the calprotectin value for the trend, its LOINC and the interpretation against the lab interval', async () => {
    const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'stool_test', calprotectin(300));
    const row = await resultRow(id);
    expect(row).toMatchObject({ kind: 'stool_test', title: 'Stool test: calprotectin', flag: 'abnormal', loincCode: '38445-3', value: 300, criteriaSet: null });
    expect(row.summary).toMatch(/above the lab's reference interval/);
    expect(await auditFor(actorOf(c.dermOnTeam), 'result.create')).toHaveLength(1);
  });

  it('reads the age from the patient record: the same value is not banded for a 17-year-old', async () => {
    await getDb().update(patients).set({ dateOfBirth: '2009-01-15' }).where(eq(patients.id, c.patient.id));
    const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'stool_test', calprotectin(300));
    const row = await resultRow(id);
    expect(row.flag).toBe('info');
    expect(row.summary).toMatch(/adult bands are not applied under 18/);
  });

  it('a FIT at 10 µg Hb/g is stored as a referral, never with diet advice allowed', async () => {
    const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'stool_test', { effectiveDate: '2026-11-02', fit: { value: 10, assay: 'hm_jackarc', laboratory: 'NHS lab' } });
    const row = await resultRow(id);
    expect(row.interpretation).toMatchObject({ referral: true, dietAdviceAllowed: false });
    expect(row.loincCode).toBeNull();
  });

  it('refuses a Firmicutes/Bacteroidetes ratio, an empty report and a patient off the team, storing nothing', async () => {
    const derm = actorOf(c.dermOnTeam);
    const ratio = await recordResult(derm, c.patient.id, 'stool_test', {
      effectiveDate: '2026-11-02',
      microbiome: { method: '16s', laboratory: 'GutMap', orderedBy: 'Self', labIndex: { name: 'F/B ratio', value: 2.1 } },
    });
    expect(ratio).toMatchObject({ ok: false, fieldErrors: { 'microbiome.labIndex.name': [FB_RATIO_REFUSAL] } });
    const empty = await recordResult(derm, c.patient.id, 'stool_test', { effectiveDate: '2026-11-02' });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { _form: ['Enter at least one analyte: calprotectin, elastase, FIT or a microbiome report.'] } });
    await expect(recordResult(actorOf(c.dermOffTeam), c.patient.id, 'stool_test', calprotectin(30))).rejects.toThrow();
    expect(await resultCount(c.patient.id)).toBe(0);
  });

  it('a correction is a new version, recomputed by the same rules, and the detail read is audited', async () => {
    const derm = actorOf(c.dermOnTeam);
    const id = await recordOk(derm, c.patient.id, 'stool_test', calprotectin(300));
    const corrected = await correctResult(actorOf(c.nutritionistOnTeam), { resultId: id, expectedVersion: 1, reason: 'Transcription error: 30, not 300.', values: calprotectin(30) });
    if (!corrected.ok) throw new Error(JSON.stringify(corrected));
    const detail = await getResult(derm, corrected.data.resultId);
    expect(detail.current).toMatchObject({ version: 2, flag: 'normal', value: 30 });
    expect(detail.history.map((v) => v.version)).toEqual([2, 1]);
    expect(await auditFor(derm, 'result.read')).not.toHaveLength(0);
  });
});

describe('reading stool tests for the trend charts', () => {
  it('returns the current versions to the care team, audited, and refuses (and audits) anyone else', async () => {
    const derm = actorOf(c.dermOnTeam);
    const id = await recordOk(derm, c.patient.id, 'stool_test', calprotectin(300));
    await correctResult(derm, { resultId: id, expectedVersion: 1, reason: 'Lab re-issued the report.', values: calprotectin(280) });
    await recordOk(derm, c.patient.id, 'stool_test', { ...calprotectin(90), effectiveDate: '2026-11-20' });
    const inputs = await getStoolTestInputs(actorOf(c.nutritionistOnTeam), c.patient.id);
    expect(inputs.map((r) => r.data.calprotectin?.value).sort()).toEqual([280, 90]);
    expect(await auditFor(actorOf(c.nutritionistOnTeam), 'stool.trend.read')).toHaveLength(1);
    await expect(getStoolTestInputs(actorOf(c.dermOffTeam), c.patient.id)).rejects.toThrow();
    expect(await auditFor(actorOf(c.dermOffTeam), 'stool.trend.read', 'denied')).toHaveLength(1);
  });
});
