import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { patients } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import {
  acceptIntervention,
  addGoal,
  changeInterventionStatus,
  declineIntervention,
  proposeIntervention,
  updateGoal,
  updateIntervention,
} from '../../../lib/care-plans/mutations';
import { getCarePlan, getInterventionHistory } from '../../../lib/care-plans/queries';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, changesOf, eliminationDiet, interventionRow, lgg, proposeOk, topical } from './inputs';

// Propose → accept / decline → pause, resume, complete, stop: who may do each, what is stored, and
// that every step is a new version with its snapshot kept and its audit event written.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
});

describe('proposing', () => {
  it('stores a proposal by the dermatologist for the nutritionist, version 1, with its snapshot and audit event', async () => {
    const id = await proposeOk(derm, c.patient.id, eliminationDiet(c.nutritionistOnTeam.id));
    const row = await interventionRow(id);
    expect(row).toMatchObject({
      patientId: c.patient.id,
      kind: 'diet',
      status: 'proposed',
      version: 1,
      ownerUserId: c.nutritionistOnTeam.id,
      ownerSpecialty: 'nutrition',
      proposedBy: c.dermOnTeam.id,
      acceptedBy: null,
      startDate: '2026-01-05',
      endDate: null,
      details: { phase: 'elimination', foods: ['gluten', 'sugar'], reintroductionDate: '2026-03-01' },
    });
    const changes = await changesOf(id);
    expect(changes.map((ch) => [ch.version, ch.change, ch.changedBy])).toEqual([[1, 'propose', c.dermOnTeam.id]]);
    expect(changes[0]?.snapshot).toMatchObject({ id, status: 'proposed', version: 1, title: 'Gluten and sugar elimination' });
    expect(await auditFor(derm, 'care_plan.intervention.propose', 'allowed')).toHaveLength(1);

    const plan = await getCarePlan(nutri, c.patient.id);
    expect(plan.awaitingMyAcceptance).toBe(1);
    expect(plan.interventions[0]).toMatchObject({ id, ownerName: c.nutritionistOnTeam.name, proposedByName: c.dermOnTeam.name, awaitingMyAcceptance: true, guardrails: [] });
    expect((await getCarePlan(derm, c.patient.id)).interventions[0]?.awaitingMyAcceptance).toBe(false);
  });

  it('touches the patient’s last activity', async () => {
    const [before] = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, c.patient.id));
    await new Promise((r) => setTimeout(r, 10));
    await proposeOk(derm, c.patient.id, topical(c.dermOnTeam.id));
    const [after] = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, c.patient.id));
    expect(after && before && after.at > before.at).toBe(true);
  });

  it('refuses invalid input field by field and stores nothing', async () => {
    const outcome = await proposeIntervention(derm, c.patient.id, {
      ...topical(c.dermOnTeam.id, { title: '  ', startDate: '2026-02-01', endDate: '2026-01-01' }),
      details: { drug: '', dose: 'thin layer', frequency: 'twice daily' },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.fieldErrors?.title).toEqual(['Title is required.']);
    expect(outcome.fieldErrors?.['details.drug']).toEqual(['Drug is required.']);
    expect((await getCarePlan(derm, c.patient.id)).interventions).toHaveLength(0);

    const dates = await proposeIntervention(derm, c.patient.id, topical(c.dermOnTeam.id, { startDate: '2026-02-01', endDate: '2026-01-01' }));
    expect(dates.ok ? undefined : dates.fieldErrors?.endDate).toEqual(['The end date cannot be before the start date.']);
  });

  it('refuses an owner who is not an active clinician on the care team', async () => {
    for (const owner of [c.dermOffTeam, c.deactivatedClinician, c.admin, c.patientUser]) {
      const outcome = await proposeIntervention(derm, c.patient.id, topical(owner.id));
      expect(outcome.ok ? undefined : outcome.fieldErrors?.ownerUserId, owner.name).toEqual(['The owner must be an active clinician on this patient’s care team.']);
    }
    const wrongSpecialty = await proposeIntervention(derm, c.patient.id, topical(c.nutritionistOnTeam.id, { ownerSpecialty: 'dermatology' }));
    expect(wrongSpecialty.ok ? undefined : wrongSpecialty.fieldErrors?.ownerSpecialty?.[0]).toMatch(/is in nutrition/);
    expect((await getCarePlan(derm, c.patient.id)).interventions).toHaveLength(0);
  });
});

describe('evidence guardrails are enforced by the server', () => {
  it('refuses a detox cleanse until its caution is acknowledged, then stores the acknowledgement', async () => {
    const input = { kind: 'supplement', title: 'Detox cleanse tea', details: { name: 'Herbal detox blend', dose: '1 cup' }, ownerUserId: c.nutritionistOnTeam.id, acknowledgedCautions: [] };
    const refused = await proposeIntervention(derm, c.patient.id, input);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.cautions?.map((f) => f.code)).toEqual(['detox-cleanse']);
    expect(refused.error).toMatch(/tick it to confirm/);
    expect((await getCarePlan(derm, c.patient.id)).interventions).toHaveLength(0);

    // Acknowledging a different caution is not enough.
    const wrong = await proposeIntervention(derm, c.patient.id, { ...input, acknowledgedCautions: ['juice-fast'] });
    expect(wrong.ok).toBe(false);

    const id = await proposeOk(derm, c.patient.id, { ...input, acknowledgedCautions: ['detox-cleanse', 'made-up-code'] });
    expect((await interventionRow(id)).acknowledgedCautions).toEqual(['detox-cleanse']);
    expect((await auditFor(derm, 'care_plan.intervention.propose', 'allowed'))[0]?.detail).toMatchObject({ acknowledgedCautions: ['detox-cleanse'] });
  });

  it('asks for the strain of a probiotic; a fully named strain needs no acknowledgement', async () => {
    const vague = await proposeIntervention(derm, c.patient.id, lgg(c.nutritionistOnTeam.id, { details: { genus: 'Lactobacillus', frequency: 'daily' } }));
    expect(vague.ok ? [] : vague.cautions?.map((f) => f.code)).toEqual(['probiotic-strain-missing']);
    const outcome = await proposeIntervention(derm, c.patient.id, lgg(c.nutritionistOnTeam.id));
    expect(outcome).toMatchObject({ ok: true, guardrails: [] });
  });

  it('saves an elimination diet without a reintroduction date but flags it on the plan', async () => {
    const outcome = await proposeIntervention(derm, c.patient.id, eliminationDiet(c.nutritionistOnTeam.id, { details: { phase: 'elimination', foods: ['gluten'] } }));
    expect(outcome.ok).toBe(true);
    expect(outcome.ok ? outcome.guardrails.map((f) => [f.code, f.severity]) : []).toEqual([['elimination-without-reintroduction', 'flag']]);
    const plan = await getCarePlan(nutri, c.patient.id);
    expect(plan.interventions[0]?.guardrails.map((f) => f.code)).toEqual(['elimination-without-reintroduction']);
  });

  it('an edit that introduces a new caution must acknowledge it; one acknowledged at proposal stays acknowledged', async () => {
    const id = await proposeOk(derm, c.patient.id, { kind: 'lifestyle', title: 'Juice fast weekend', details: { description: 'Two days' }, ownerUserId: c.dermOnTeam.id, acknowledgedCautions: ['juice-fast'] });
    const edit = { interventionId: id, expectedVersion: 1, kind: 'lifestyle', title: 'Juice fast weekend', details: { description: 'Two days, then a miracle detox' }, ownerUserId: c.dermOnTeam.id, acknowledgedCautions: [] };
    const refused = await updateIntervention(derm, edit);
    expect(refused.ok ? [] : refused.cautions?.map((f) => f.code)).toEqual(['detox-cleanse', 'cure-all-claim']);
    expect((await interventionRow(id)).version).toBe(1);
    const saved = await updateIntervention(derm, { ...edit, acknowledgedCautions: ['detox-cleanse', 'cure-all-claim'] });
    expect(saved.ok).toBe(true);
    expect((await interventionRow(id)).acknowledgedCautions).toEqual(['detox-cleanse', 'juice-fast', 'cure-all-claim']);
  });
});

describe('accepting and declining', () => {
  it('only the owner accepts; acceptance activates it, records who and when, and starts it today if no start was planned', async () => {
    const id = await proposeOk(derm, c.patient.id, lgg(c.nutritionistOnTeam.id));
    const byProposer = await acceptIntervention(derm, { interventionId: id, expectedVersion: 1 });
    expect(byProposer).toMatchObject({ ok: false, error: expect.stringMatching(/Only the clinician who owns this intervention can accept it/) });
    expect(await auditFor(derm, 'care_plan.intervention.accept', 'denied')).toHaveLength(1);
    expect((await interventionRow(id)).status).toBe('proposed');

    const accepted = await acceptIntervention(nutri, { interventionId: id, expectedVersion: 1 });
    expect(accepted).toMatchObject({ ok: true, data: { interventionId: id, version: 2 } });
    const row = await interventionRow(id);
    expect(row).toMatchObject({ status: 'active', acceptedBy: c.nutritionistOnTeam.id, version: 2, startDate: new Date().toISOString().slice(0, 10) });
    expect(row.acceptedAt).toBeInstanceOf(Date);
    expect((await changesOf(id)).map((ch) => [ch.version, ch.change])).toEqual([
      [1, 'propose'],
      [2, 'accept'],
    ]);
    // Accepting twice is refused: it no longer awaits acceptance.
    const again = await acceptIntervention(nutri, { interventionId: id, expectedVersion: 2 });
    expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/active, not awaiting acceptance/) });
  });

  it('keeps a planned start date on acceptance', async () => {
    const id = await proposeOk(nutri, c.patient.id, topical(c.dermOnTeam.id, { startDate: '2026-05-01' }));
    expect((await acceptIntervention(derm, { interventionId: id, expectedVersion: 1 })).ok).toBe(true);
    expect((await interventionRow(id)).startDate).toBe('2026-05-01');
  });

  it('the owner declines with a reason; the reason is required', async () => {
    const id = await proposeOk(derm, c.patient.id, eliminationDiet(c.nutritionistOnTeam.id));
    const noReason = await declineIntervention(nutri, { interventionId: id, expectedVersion: 1, reason: ' ' });
    expect(noReason.ok ? undefined : noReason.fieldErrors?.reason).toBeDefined();
    const byOther = await declineIntervention(derm, { interventionId: id, expectedVersion: 1, reason: 'Not mine to decline' });
    expect(byOther.ok).toBe(false);
    const declined = await declineIntervention(nutri, { interventionId: id, expectedVersion: 1, reason: 'Food panel shows no dairy sensitisation' });
    expect(declined.ok).toBe(true);
    expect(await interventionRow(id)).toMatchObject({ status: 'declined', statusReason: 'Food panel shows no dairy sensitisation', version: 2 });
    const plan = await getCarePlan(derm, c.patient.id);
    expect(plan.recentChanges[0]).toMatchObject({ change: 'decline', changeLabel: 'Declined', reason: 'Food panel shows no dairy sensitisation', changedByName: c.nutritionistOnTeam.name });
  });
});

describe('status changes', () => {
  it('pauses, resumes and completes; each a version with its snapshot; final states stay final', async () => {
    const id = await proposeOk(derm, c.patient.id, topical(c.dermOnTeam.id, { startDate: '2026-01-05' }));
    expect((await acceptIntervention(derm, { interventionId: id, expectedVersion: 1 })).ok).toBe(true);
    expect((await changeInterventionStatus(nutri, { interventionId: id, expectedVersion: 2, status: 'paused', reason: 'Skin irritation' })).ok).toBe(true);
    expect((await changeInterventionStatus(derm, { interventionId: id, expectedVersion: 3, status: 'active' })).ok).toBe(true);
    expect((await changeInterventionStatus(derm, { interventionId: id, expectedVersion: 4, status: 'completed' })).ok).toBe(true);
    const row = await interventionRow(id);
    expect(row).toMatchObject({ status: 'completed', version: 5 });
    expect(row.endDate).not.toBeNull();
    expect((await changesOf(id)).map((ch) => [ch.version, ch.change, (ch.snapshot as { status: string }).status])).toEqual([
      [1, 'propose', 'proposed'],
      [2, 'accept', 'active'],
      [3, 'status:paused', 'paused'],
      [4, 'status:active', 'active'],
      [5, 'status:completed', 'completed'],
    ]);
    const final = await changeInterventionStatus(derm, { interventionId: id, expectedVersion: 5, status: 'active' });
    expect(final).toMatchObject({ ok: false, error: 'A completed intervention cannot be set to active; nothing was changed.' });
    const history = await getInterventionHistory(nutri, id);
    expect(history.versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    expect(history.versions[2]).toMatchObject({ changeLabel: 'Paused', reason: 'Skin irritation', changedByName: c.nutritionistOnTeam.name });
  });

  it('stopping needs a reason (also enforced by the database); a proposal cannot be paused', async () => {
    const id = await proposeOk(derm, c.patient.id, lgg(c.dermOnTeam.id));
    const pause = await changeInterventionStatus(derm, { interventionId: id, expectedVersion: 1, status: 'paused' });
    expect(pause).toMatchObject({ ok: false, error: 'This intervention has not been accepted by its owner yet; nothing was changed.' });
    const noReason = await changeInterventionStatus(derm, { interventionId: id, expectedVersion: 1, status: 'stopped', reason: '' });
    expect(noReason.ok ? undefined : noReason.fieldErrors?.reason).toEqual(['Say why this intervention is being stopped.']);
    const withdrawn = await changeInterventionStatus(derm, { interventionId: id, expectedVersion: 1, status: 'stopped', reason: 'Proposed in error' });
    expect(withdrawn.ok).toBe(true);
    expect(await interventionRow(id)).toMatchObject({ status: 'stopped', statusReason: 'Proposed in error', endDate: null });
  });
});

describe('editing', () => {
  it('edits dates, details and owner as a new version and describes what changed', async () => {
    const id = await proposeOk(derm, c.patient.id, eliminationDiet(c.nutritionistOnTeam.id));
    const outcome = await updateIntervention(derm, {
      ...eliminationDiet(c.dermOnTeam.id, { details: { phase: 'elimination', foods: ['gluten'], reintroductionDate: '2026-02-15' }, endDate: '2026-04-01' }),
      interventionId: id,
      expectedVersion: 1,
    });
    expect(outcome).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await interventionRow(id)).toMatchObject({ ownerUserId: c.dermOnTeam.id, ownerSpecialty: 'dermatology', endDate: '2026-04-01', details: { foods: ['gluten'] }, status: 'proposed' });
    const plan = await getCarePlan(derm, c.patient.id);
    expect(plan.recentChanges[0]?.fields.map((f) => [f.label, f.from, f.to])).toEqual([
      ['Details', 'Elimination phase: gluten, sugar; reintroduction planned 2026-03-01', 'Elimination phase: gluten; reintroduction planned 2026-02-15'],
      ['Owner', c.nutritionistOnTeam.name, c.dermOnTeam.name],
      ['End', '—', '2026-04-01'],
    ]);
    // The kind cannot change by editing.
    const kind = await updateIntervention(derm, { ...lgg(c.dermOnTeam.id), interventionId: id, expectedVersion: 2 });
    expect(kind.ok ? undefined : kind.fieldErrors?.kind).toBeDefined();
  });
});

describe('goals', () => {
  it('adds a goal, edits it by version and keeps both versions', async () => {
    const added = await addGoal(derm, c.patient.id, { description: 'EASI below 7 by March', targetInstrument: 'easi', targetValue: '7', targetDate: '2026-03-31' });
    expect(added.ok).toBe(true);
    const goalId = added.ok ? added.data.goalId : '';
    const edited = await updateGoal(nutri, { goalId, expectedVersion: 1, description: 'EASI below 7 by March', targetInstrument: 'easi', targetValue: '7', targetDate: '2026-03-31', status: 'met' });
    expect(edited).toMatchObject({ ok: true, data: { version: 2 } });
    const stale = await updateGoal(derm, { goalId, expectedVersion: 1, description: 'EASI below 5', status: 'active' });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.error).toContain(`${c.nutritionistOnTeam.name} changed this goal since you opened it`);
    expect(stale.conflict?.changes.map((f) => [f.label, f.from, f.to])).toEqual([['Status', 'Active', 'Met']]);
    expect((await changesOf(goalId)).map((ch) => [ch.version, ch.change])).toEqual([
      [1, 'create'],
      [2, 'update'],
    ]);
    const plan = await getCarePlan(derm, c.patient.id);
    expect(plan.goals).toEqual([expect.objectContaining({ id: goalId, status: 'met', version: 2, updatedByName: c.nutritionistOnTeam.name })]);
    const bad = await addGoal(derm, c.patient.id, { description: '', targetInstrument: 'made-up' });
    expect(bad.ok ? {} : bad.fieldErrors).toMatchObject({ description: ['Goal is required.'], targetInstrument: ['Choose a score from the list.'] });
  });
});
