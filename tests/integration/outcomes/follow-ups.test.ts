import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, clinicianTasks } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { acceptIntervention, changeInterventionStatus, proposeIntervention, updateIntervention } from '../../../lib/care-plans/mutations';
import { getCarePlan } from '../../../lib/care-plans/queries';
import { listFollowUps } from '../../../lib/outcomes/follow-ups';
import { recordResult } from '../../../lib/results/mutations';
import { ForbiddenError } from '../../../lib/platform/errors';
import { actorOf, makeClinic } from '../fixtures';
import { interventionRow } from '../care-plans/inputs';

// Test of cure (DOMAIN.md §11) and breath retests as the care plan drives them: scheduled in the
// transaction that ends a therapy, closed by a qualifying result, and shown with why an early test
// does not count.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
});

function eradication(ownerUserId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'medication',
    title: 'Bismuth quadruple therapy',
    details: { drug: 'PPI, bismuth, tetracycline, metronidazole', dose: 'as prescribed', frequency: '14 days' },
    ownerUserId,
    startDate: '2026-01-01',
    endDate: '2026-01-14',
    gutTarget: 'h_pylori',
    acknowledgedCautions: [],
    ...overrides,
  };
}

async function running(actor: Actor, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const proposed = await proposeIntervention(actor, c.patient.id, input);
  if (!proposed.ok) throw new Error(JSON.stringify(proposed));
  const accepted = await acceptIntervention(actor, { interventionId: proposed.data.interventionId, expectedVersion: 1 });
  if (!accepted.ok) throw new Error(JSON.stringify(accepted));
  return { id: proposed.data.interventionId, version: accepted.data.version };
}

const openFollowUps = (interventionId: string) =>
  getDb()
    .select()
    .from(clinicianTasks)
    .where(and(eq(clinicianTasks.interventionId, interventionId)));

describe('test of cure after H. pylori eradication therapy', () => {
  it('completing the therapy schedules the test for its owner: end + 28 days, audited', async () => {
    const t = await running(derm, eradication(c.dermOnTeam.id));
    expect(await openFollowUps(t.id)).toEqual([]);
    const done = await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'completed' });
    expect(done.ok).toBe(true);
    const [task] = await openFollowUps(t.id);
    expect(task).toMatchObject({ followUp: 'h_pylori_test_of_cure', assigneeId: c.dermOnTeam.id, dueDate: '2026-02-11', doneAt: null, patientId: c.patient.id });
    expect(task?.description).toMatch(/due from 11 Feb 2026, 4 weeks after therapy ended \(14 Jan 2026\)/);
    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'follow_up.schedule'), eq(auditEvents.patientId, c.patient.id)));
    expect(events).toHaveLength(1);
  });

  it('a PPI continued after therapy moves the date to 14 days after its last dose', async () => {
    const t = await running(derm, eradication(c.dermOnTeam.id));
    await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'completed', ppiLastDoseDate: '2026-02-01' });
    expect((await openFollowUps(t.id))[0]?.dueDate).toBe('2026-02-15');
    expect((await interventionRow(t.id)).ppiLastDoseDate).toBe('2026-02-01');
  });

  it('stopping early also schedules it; a withdrawn proposal (never ran) does not', async () => {
    const t = await running(derm, eradication(c.dermOnTeam.id));
    await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'stopped', reason: 'Side effects' });
    expect(await openFollowUps(t.id)).toHaveLength(1);
    const p = await proposeIntervention(derm, c.patient.id, eradication(c.nutritionistOnTeam.id));
    if (!p.ok) throw new Error('propose failed');
    await changeInterventionStatus(derm, { interventionId: p.data.interventionId, expectedVersion: 1, status: 'stopped', reason: 'Withdrawn' });
    expect(await openFollowUps(p.data.interventionId)).toEqual([]);
  });

  it('refuses a last PPI dose on anything but ending an H. pylori therapy, saving nothing', async () => {
    const t = await running(derm, eradication(c.dermOnTeam.id));
    const paused = await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'paused', ppiLastDoseDate: '2026-02-01' });
    expect(paused).toMatchObject({ ok: false, fieldErrors: { ppiLastDoseDate: [expect.stringMatching(/completed or stopped/)] } });
    expect((await interventionRow(t.id)).version).toBe(t.version);
    const bad = await proposeIntervention(derm, c.patient.id, eradication(c.dermOnTeam.id, { kind: 'diet', details: { phase: 'elimination', foods: ['dairy'] } }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { gutTarget: [expect.stringMatching(/prescription medication/)] } });
  });

  it('one open test of cure per therapy: the database refuses a second', async () => {
    const t = await running(derm, eradication(c.dermOnTeam.id));
    await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'completed' });
    await expect(
      getDb().insert(clinicianTasks).values({ patientId: c.patient.id, kind: 'task', assigneeId: c.dermOnTeam.id, description: 'again', createdBy: c.dermOnTeam.id, followUp: 'h_pylori_test_of_cure', interventionId: t.id, dueDate: '2026-03-01' }),
    ).rejects.toThrow();
  });

  it('an early test leaves it open and is shown as invalid for cure with the reason; a valid stool antigen closes it', async () => {
    const t = await running(derm, eradication(c.dermOnTeam.id));
    await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'completed' });
    expect((await recordResult(nutri, c.patient.id, 'h_pylori', { effectiveDate: '2026-02-01', method: 'stool_antigen', result: 'negative', purpose: 'test_of_cure', eradicationTherapyEndDate: '2026-01-14' })).ok).toBe(true);
    // Serology after the date cannot confirm cure: still open.
    expect((await recordResult(nutri, c.patient.id, 'h_pylori', { effectiveDate: '2026-03-01', method: 'serology', result: 'positive' })).ok).toBe(true);
    let [view] = await listFollowUps(derm, c.patient.id);
    expect(view).toMatchObject({ kind: 'h_pylori_test_of_cure', dueFrom: '2026-02-11', state: 'overdue', doneAt: null });
    expect(view?.tests.map((x) => [x.effectiveDate, x.validity.valid])).toEqual([
      ['2026-02-01', false],
      ['2026-03-01', false],
    ]);
    expect(view?.tests[0]?.validity.reason).toMatch(/10 days before the earliest valid date \(11 Feb 2026\)/);
    expect(view?.tests[1]?.validity.reason).toMatch(/urea breath test or a stool antigen/);

    expect((await recordResult(nutri, c.patient.id, 'h_pylori', { effectiveDate: '2026-02-11', method: 'stool_antigen', result: 'negative', purpose: 'test_of_cure', eradicationTherapyEndDate: '2026-01-14' })).ok).toBe(true);
    [view] = await listFollowUps(derm, c.patient.id);
    expect(view?.state).toBeNull();
    expect(view?.doneAt).not.toBeNull();
    const [task] = await openFollowUps(t.id);
    expect(task?.doneBy).toBe(c.nutritionistOnTeam.id);
    expect(await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'follow_up.complete'), eq(auditEvents.patientId, c.patient.id)))).toHaveLength(1);
  });

  it('a test on the day the therapy ended is listed, as not valid; one before it is not listed', async () => {
    await recordResult(nutri, c.patient.id, 'h_pylori', { effectiveDate: '2026-01-13', method: 'stool_antigen', result: 'positive' });
    const t = await running(derm, eradication(c.dermOnTeam.id));
    await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'completed' });
    await recordResult(nutri, c.patient.id, 'h_pylori', { effectiveDate: '2026-01-14', method: 'stool_antigen', result: 'negative' });
    const [view] = await listFollowUps(derm, c.patient.id);
    expect(view?.tests.map((x) => [x.effectiveDate, x.validity.valid])).toEqual([['2026-01-14', false]]);
    expect(view?.tests[0]?.validity.reason).toMatch(/Taken 28 days before/);
  });

  it('listing follow-ups is for the care team only, and audited either way', async () => {
    await expect(listFollowUps(actorOf(c.dermOffTeam), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listFollowUps(actorOf(c.patientUser), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await listFollowUps(derm, c.patient.id)).toEqual([]);
    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'follow_up.list'), eq(auditEvents.patientId, c.patient.id)));
    expect(events.map((e) => e.outcome).sort()).toEqual(['allowed', 'denied', 'denied']);
  });
});

describe('breath retest set by the clinician', () => {
  const rifaximin = (ownerUserId: string, overrides: Record<string, unknown> = {}) => ({
    kind: 'medication',
    title: 'Rifaximin 550 mg',
    details: { drug: 'Rifaximin', dose: '550 mg', frequency: 'three times daily for 14 days' },
    ownerUserId,
    startDate: '2026-01-01',
    endDate: '2026-01-14',
    gutTarget: 'sibo',
    retestDate: '2026-03-01',
    acknowledgedCautions: [],
    ...overrides,
  });

  it('is tracked once accepted and moves when the date changes', async () => {
    const p = await proposeIntervention(derm, c.patient.id, rifaximin(c.nutritionistOnTeam.id));
    if (!p.ok) throw new Error('propose failed');
    expect(await openFollowUps(p.data.interventionId)).toEqual([]);
    const a = await acceptIntervention(nutri, { interventionId: p.data.interventionId, expectedVersion: 1 });
    if (!a.ok) throw new Error('accept failed');
    expect((await openFollowUps(p.data.interventionId))[0]).toMatchObject({ followUp: 'breath_retest', dueDate: '2026-03-01', assigneeId: c.nutritionistOnTeam.id });
    const moved = await updateIntervention(nutri, { ...rifaximin(c.nutritionistOnTeam.id, { retestDate: '2026-03-15' }), interventionId: p.data.interventionId, expectedVersion: a.data.version });
    expect(moved.ok).toBe(true);
    const tasks = await openFollowUps(p.data.interventionId);
    expect(tasks.map((t) => t.dueDate)).toEqual(['2026-03-15']);
    const plan = await getCarePlan(derm, c.patient.id);
    expect(plan.interventions[0]).toMatchObject({ gutTarget: 'sibo', retestDate: '2026-03-15' });
  });

  it('a retest date without a SIBO/IMO target is refused with a message', async () => {
    const bad = await proposeIntervention(derm, c.patient.id, rifaximin(c.dermOnTeam.id, { gutTarget: '' }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { retestDate: [expect.stringMatching(/SIBO or IMO/)] } });
  });
});

describe('on the record page', () => {
  it('shows the open test of cure and why an early test does not count, in the page statement', async () => {
    const { loadPatientRecordPage } = await import('../../../lib/patients/record-page');
    const t = await running(derm, eradication(c.dermOnTeam.id));
    await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'completed' });
    await recordResult(nutri, c.patient.id, 'h_pylori', { effectiveDate: '2026-02-01', method: 'stool_antigen', result: 'negative', purpose: 'test_of_cure', eradicationTherapyEndDate: '2026-01-14' });
    const page = await loadPatientRecordPage(derm, c.patient.id);
    expect(page.followUps).toHaveLength(1);
    expect(page.followUps[0]).toMatchObject({ kind: 'h_pylori_test_of_cure', dueFrom: '2026-02-11', state: 'overdue', interventionTitle: 'Bismuth quadruple therapy' });
    expect(page.followUps[0]?.tests[0]?.validity).toMatchObject({ valid: false, reason: expect.stringMatching(/before the earliest valid date/) });
    // The same view as the standalone reader gives.
    expect(await listFollowUps(derm, c.patient.id)).toEqual(page.followUps);
  });
});

describe('dates of care are the clinic’s', () => {
  it('accepting starts an intervention on the clinic’s date, not the database server’s', async () => {
    const saved = process.env.AXIS_CLINIC_TIME_ZONE;
    const { clinicToday } = await import('../../../lib/platform/clinic-time');
    try {
      // 25 hours apart: whatever the hour, at least one of them is not the UTC date.
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env.AXIS_CLINIC_TIME_ZONE = zone;
        const p = await proposeIntervention(derm, c.patient.id, eradication(c.dermOnTeam.id, { startDate: '', endDate: '' }));
        if (!p.ok) throw new Error('propose failed');
        const a = await acceptIntervention(derm, { interventionId: p.data.interventionId, expectedVersion: 1 });
        expect(a.ok).toBe(true);
        expect((await interventionRow(p.data.interventionId)).startDate, zone).toBe(clinicToday());
      }
    } finally {
      if (saved === undefined) delete process.env.AXIS_CLINIC_TIME_ZONE;
      else process.env.AXIS_CLINIC_TIME_ZONE = saved;
    }
  });
});

describe('What worked on the record and the plan', () => {
  it('judges each intervention on the patient’s scores, names the overlap, and says why one cannot be judged', async () => {
    const { loadPatientRecordPage } = await import('../../../lib/patients/record-page');
    const diet = await running(nutri, {
      kind: 'diet',
      title: 'Dairy elimination',
      details: { phase: 'elimination', foods: ['dairy'], reintroductionDate: '2026-03-01' },
      ownerUserId: c.nutritionistOnTeam.id,
      startDate: '2026-01-05',
      acknowledgedCautions: [],
    });
    await running(derm, eradication(c.dermOnTeam.id, { startDate: '2026-01-10', endDate: '2026-01-24' }));
    for (const [date, value] of [['2025-12-20', 24], ['2026-03-30', 10.8]] as const) {
      expect((await recordResult(derm, c.patient.id, 'score', { effectiveDate: date, instrument: 'easi', value })).ok).toBe(true);
    }
    const page = await loadPatientRecordPage(derm, c.patient.id);
    const item = page.whatWorked.find((w) => w.interventionId === diet.id);
    const easi = item?.responses.find((r) => r.instrument === 'easi');
    expect(easi).toMatchObject({ status: 'assessed', baseline: { value: 24 }, followUp: { value: 10.8 }, overlapping: [{ title: 'Bismuth quadruple therapy' }] });
    expect(easi?.summary).toBe('EASI fell 55% (24 → 10.8) by week 12 while Dairy elimination and Bismuth quadruple therapy overlapped; EASI-50 reached.');
    // The therapy's baseline is the same score (21 days before its start, inside the 28-day window).
    const therapy = page.whatWorked.find((w) => w.title === 'Bismuth quadruple therapy')?.responses.find((r) => r.instrument === 'easi');
    expect(therapy?.status).toBe('assessed');
    // The plan page answers the same.
    const plan = await getCarePlan(derm, c.patient.id);
    expect(plan.interventions.find((i) => i.id === diet.id)?.responses.find((r) => r.instrument === 'easi')?.summary).toBe(easi?.summary);
  });
});

describe('caseload follow-up column and filter', () => {
  it('shows the open test of cure and filters to due/overdue; a valid test takes the patient off the list', async () => {
    const { listCaseload } = await import('../../../lib/patients/queries');
    const { parseCaseloadQuery } = await import('../../../lib/patients/caseload-query');
    const page = (followUp?: string) => listCaseload(derm, parseCaseloadQuery(followUp ? { followUp, size: '50' } : { size: '50' }));
    const t = await running(derm, eradication(c.dermOnTeam.id));
    await changeInterventionStatus(derm, { interventionId: t.id, expectedVersion: t.version, status: 'completed' });
    const row = (await page()).rows.find((r) => r.id === c.patient.id);
    expect(row?.followUp).toEqual({ kind: 'h_pylori_test_of_cure', dueFrom: '2026-02-11', state: 'overdue' });
    expect((await page('due')).rows.map((r) => r.id)).toContain(c.patient.id);
    expect((await page('overdue')).rows.map((r) => r.id)).toContain(c.patient.id);
    await recordResult(nutri, c.patient.id, 'h_pylori', { effectiveDate: '2026-03-01', method: 'urea_breath_test', ubtKit: 'breathid_hp', deltaOverBaseline: 1.2, result: 'negative', purpose: 'test_of_cure', eradicationTherapyEndDate: '2026-01-14' });
    expect((await page('due')).rows.map((r) => r.id)).not.toContain(c.patient.id);
    expect((await page()).rows.find((r) => r.id === c.patient.id)?.followUp).toBeNull();
  });
});
