import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ForbiddenError } from '../../../lib/platform/errors';
import { getPatientBanner } from '../../../lib/patients/banner';
import { correctResult } from '../../../lib/results/mutations';
import { actorOf, addCondition, makeClinic } from '../fixtures';
import { auditFor, iggPanel, recordOk } from '../results/inputs';

// The banner on every page under a patient: identity, active conditions in short form, and the food
// allergy flag from validated methods only; refused and audited like any read of the record.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
});

const sigePanel = (effectiveDate: string, items: { food: string; value: number }[]) => ({ effectiveDate, method: 'specific_ige', laboratory: 'Example Lab', items });

describe('getPatientBanner', () => {
  it('names the patient, their age, sex and MRN, and their active conditions in short form', async () => {
    await addCondition(c.patient.id, 'L70.1', 'Acne conglobata');
    const banner = await getPatientBanner(derm, c.patient.id);
    expect(banner).toMatchObject({ id: c.patient.id, mrn: c.patient.mrn, givenName: 'Amara', familyName: 'Okonkwo', dateOfBirth: '1980-05-17', sex: 'female' });
    expect(banner.age).toBeGreaterThanOrEqual(45);
    // An imported L70.1 is not in the catalogue: it reads as its group, "Acne". Ordered by code.
    expect(banner.activeConditions.map((x) => x.short)).toEqual(['SIBO, hydrogen', 'Atopic dermatitis', 'Acne']);
    const acne = banner.activeConditions.find((x) => x.code === 'L70.1');
    expect(acne?.display).toBe('Acne conglobata');
    expect(banner.foodAllergyFlags).toEqual([]);
  });

  it('flags sIgE sensitisation and rechallenge reactions, never an IgG panel, and follows a correction', async () => {
    await recordOk(derm, c.patient.id, 'food_panel', iggPanel('2025-01-20'));
    expect((await getPatientBanner(derm, c.patient.id)).foodAllergyFlags).toEqual([]);

    const sigeId = await recordOk(derm, c.patient.id, 'food_panel', sigePanel('2025-02-01', [{ food: 'Peanut', value: 4.2 }, { food: 'Egg white', value: 0.05 }]));
    await recordOk(derm, c.patient.id, 'food_panel', { effectiveDate: '2025-03-01', method: 'elimination_rechallenge', items: [{ food: 'Cow milk', outcome: 'reaction' }, { food: 'Wheat', outcome: 'no_reaction' }] });
    const flags = (await getPatientBanner(derm, c.patient.id)).foodAllergyFlags;
    expect(flags.map((f) => [f.food, f.basis])).toEqual([
      ['Cow milk', 'reaction on rechallenge'],
      ['Peanut', 'sIgE class 3'],
    ]);
    expect(flags[1]?.resultId).toBe(sigeId);

    // A mistyped value corrected below the cut-off clears that panel's flag: the banner reads current versions only.
    const corrected = await correctResult(derm, { resultId: sigeId, expectedVersion: 1, reason: 'Lab value mistyped', values: sigePanel('2025-02-01', [{ food: 'Peanut', value: 0.2 }, { food: 'Egg white', value: 0.05 }]) });
    expect(corrected.ok).toBe(true);
    expect((await getPatientBanner(derm, c.patient.id)).foodAllergyFlags.map((f) => f.food)).toEqual(['Cow milk']);
  });

  it('is refused to a clinician off the team, and both outcomes are audited', async () => {
    const outsider = actorOf(c.dermOffTeam);
    await expect(getPatientBanner(outsider, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPatientBanner(derm, 'not-a-uuid')).rejects.toBeInstanceOf(ForbiddenError);
    await getPatientBanner(derm, c.patient.id);
    expect(await auditFor(outsider, 'patient.banner.read', 'denied')).toHaveLength(1);
    expect((await auditFor(derm, 'patient.banner.read', 'allowed')).map((e) => e.patientId)).toEqual([c.patient.id]);
  });
});
