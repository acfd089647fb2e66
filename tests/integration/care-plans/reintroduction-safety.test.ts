import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { carePlanInterventions, patients } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { acceptIntervention, proposeIntervention, updateIntervention } from '../../../lib/care-plans/mutations';
import { recordResult } from '../../../lib/results/mutations';
import { actorOf, makeClinic } from '../fixtures';

// A diet that brings a food back at home is refused when that food needs a supervised oral food
// challenge (DOMAIN.md §10.4): a positive skin prick or sIgE in Axis, a severe-reaction food, or a child
// with atopic dermatitis avoiding milk or egg. Nothing is saved and the reason names the result.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let nutri: Actor;

beforeEach(async () => {
  c = await makeClinic();
  nutri = actorOf(c.nutritionistOnTeam);
});

const diet = (ownerUserId: string, foods: string[], extra: Record<string, unknown> = {}) => ({
  kind: 'diet',
  title: `${foods.join(' and ')} trial`,
  details: { phase: 'elimination', foods, reintroductionDate: '2026-03-01', ...extra },
  ownerUserId,
  startDate: '2026-01-05',
  acknowledgedCautions: [],
});

async function interventionsOf(patientId: string) {
  return getDb().select().from(carePlanInterventions).where(eq(carePlanInterventions.patientId, patientId));
}

describe('at-home reintroduction refusals', () => {
  it('refuses bringing egg back at home after a positive skin prick, naming the result; nothing is saved', async () => {
    const panel = await recordResult(nutri, c.patient.id, 'food_panel', { effectiveDate: '2026-01-02', method: 'skin_prick', laboratory: 'Allergy clinic', items: [{ food: 'Egg', value: 6 }, { food: 'Wheat', value: 0 }] });
    expect(panel.ok).toBe(true);
    const refused = await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['egg', 'wheat']));
    expect(refused).toMatchObject({ ok: false, error: 'An at-home reintroduction was refused for safety. Nothing was saved.' });
    const messages = refused.ok ? [] : (refused.fieldErrors?.['details.foods'] ?? []);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^egg cannot be brought back at home\. A positive skin-prick test to Egg is recorded in Axis/);
    expect(messages[0]).toMatch(/Recorded: Egg, skin prick 6 mm, 2 Jan 2026\. It needs a supervised oral food challenge/);
    expect(await interventionsOf(c.patient.id)).toEqual([]);
    // The reintroduction phase is refused the same way; keeping egg out (no reintroduction date) is allowed.
    expect((await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['egg'], { phase: 'reintroduction', reintroductionDate: '' }))).ok).toBe(false);
    expect((await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['egg'], { reintroductionDate: '' }))).ok).toBe(true);
    expect((await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['wheat']))).ok).toBe(true);
  });

  it('refuses a severe-reaction food without any test, and a child with AD bringing milk back; an adult may', async () => {
    const peanut = await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['peanut butter']));
    expect(peanut.ok ? [] : peanut.fieldErrors?.['details.foods']).toEqual([expect.stringMatching(/Peanut is a food often linked to severe reactions/)]);
    expect((await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['milk']))).ok).toBe(true);
    await getDb().update(patients).set({ dateOfBirth: '2016-04-01' }).where(eq(patients.id, c.patient.id));
    const child = await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['milk']));
    expect(child.ok ? [] : child.fieldErrors?.['details.foods']).toEqual([expect.stringMatching(/A child avoiding dairy \(cow’s milk\) while atopic dermatitis is managed/)]);
  });

  it('refuses an edit that adds an at-home reintroduction of an unsafe food, keeping the saved version', async () => {
    await recordResult(nutri, c.patient.id, 'food_panel', { effectiveDate: '2026-01-02', method: 'skin_prick', laboratory: 'Allergy clinic', items: [{ food: 'Egg', value: 6 }] });
    const p = await proposeIntervention(nutri, c.patient.id, diet(c.nutritionistOnTeam.id, ['egg'], { reintroductionDate: '' }));
    if (!p.ok) throw new Error('propose failed');
    const a = await acceptIntervention(nutri, { interventionId: p.data.interventionId, expectedVersion: 1 });
    if (!a.ok) throw new Error('accept failed');
    const edit = await updateIntervention(nutri, { ...diet(c.nutritionistOnTeam.id, ['egg']), interventionId: p.data.interventionId, expectedVersion: a.data.version });
    expect(edit).toMatchObject({ ok: false, fieldErrors: { 'details.foods': [expect.stringMatching(/supervised oral food challenge/)] } });
    const [row] = await interventionsOf(c.patient.id);
    expect(row?.version).toBe(a.data.version);
    expect((row?.details as { reintroductionDate?: string }).reintroductionDate).toBeUndefined();
  });
});
