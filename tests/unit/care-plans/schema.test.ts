import { describe, expect, it } from 'vitest';
import { addGoalSchema, changeInterventionStatusSchema, declineInterventionSchema, proposeInterventionSchema, updateInterventionSchema } from '../../../lib/care-plans/schema';

// The care plan's inputs as the forms send them: text everywhere, blanks meaning "not given".

const OWNER = '3f1c2a8e-6a8b-4c8e-9f1e-2b3c4d5e6f70';
const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('proposeInterventionSchema', () => {
  it('parses a diet with blank optional fields as absent and foods as a list', () => {
    const r = proposeInterventionSchema.safeParse({ kind: 'diet', title: ' Dairy-free ', details: { phase: 'elimination', foods: ['dairy'], reintroductionDate: '' }, ownerUserId: OWNER, startDate: '', endDate: '' });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ title: 'Dairy-free', details: { phase: 'elimination', foods: ['dairy'] }, acknowledgedCautions: [] });
    expect(r.data?.startDate).toBeUndefined();
  });

  it('requires the kind-specific fields of each kind', () => {
    expect(errorsOf(proposeInterventionSchema.safeParse({ kind: 'medication', title: 'Doxycycline', details: { drug: 'Doxycycline' }, ownerUserId: OWNER }))).toEqual({
      'details.dose': 'Dose is required.',
      'details.frequency': 'Frequency is required.',
    });
    expect(errorsOf(proposeInterventionSchema.safeParse({ kind: 'referral', title: 'GI', details: {}, ownerUserId: OWNER }))).toEqual({ 'details.description': 'Description is required.' });
    expect(errorsOf(proposeInterventionSchema.safeParse({ kind: 'unknown', title: 'x', ownerUserId: OWNER }))).toEqual({ kind: 'Choose the kind of intervention.' });
  });

  it('takes a probiotic dose in CFU as text and refuses nonsense', () => {
    const ok = proposeInterventionSchema.safeParse({ kind: 'probiotic', title: 'LGG', details: { genus: 'Lacticaseibacillus', doseCfu: '10000000000', frequency: 'daily' }, ownerUserId: OWNER });
    expect(ok.data?.details).toMatchObject({ doseCfu: 1e10 });
    const bad = proposeInterventionSchema.safeParse({ kind: 'probiotic', title: 'LGG', details: { doseCfu: 'lots', frequency: 'daily' }, ownerUserId: OWNER });
    expect(Object.keys(errorsOf(bad))).toEqual(['details.doseCfu']);
  });

  it('refuses an end before the start, and a reintroduction before the diet starts', () => {
    expect(errorsOf(proposeInterventionSchema.safeParse({ kind: 'lifestyle', title: 'Sleep', details: { description: '8 h' }, ownerUserId: OWNER, startDate: '2026-02-01', endDate: '2026-01-31' }))).toEqual({
      endDate: 'The end date cannot be before the start date.',
    });
    expect(proposeInterventionSchema.safeParse({ kind: 'lifestyle', title: 'Sleep', details: { description: '8 h' }, ownerUserId: OWNER, startDate: '2026-02-01', endDate: '2026-02-01' }).success).toBe(true);
    expect(
      errorsOf(proposeInterventionSchema.safeParse({ kind: 'diet', title: 'GF', details: { phase: 'elimination', reintroductionDate: '2026-01-01' }, ownerUserId: OWNER, startDate: '2026-02-01' })),
    ).toEqual({ 'details.reintroductionDate': 'Reintroduction cannot be planned before the diet starts.' });
    expect(errorsOf(proposeInterventionSchema.safeParse({ kind: 'lifestyle', title: 'Sleep', details: { description: '8 h' }, ownerUserId: OWNER, startDate: '31/01/2026' }))).toEqual({
      startDate: 'Start date must be a date (YYYY-MM-DD).',
    });
  });

  it('an update carries the version it was based on', () => {
    const base = { kind: 'lifestyle', title: 'Sleep', details: { description: '8 h' }, ownerUserId: OWNER, interventionId: OWNER };
    expect(updateInterventionSchema.safeParse({ ...base, expectedVersion: '3' }).data?.expectedVersion).toBe(3);
    expect(updateInterventionSchema.safeParse({ ...base, expectedVersion: 0 }).success).toBe(false);
    expect(updateInterventionSchema.safeParse(base).success).toBe(false);
  });
});

describe('status changes and goals', () => {
  it('stopping needs a reason; pausing does not', () => {
    expect(errorsOf(changeInterventionStatusSchema.safeParse({ interventionId: OWNER, expectedVersion: 2, status: 'stopped', reason: '  ' }))).toEqual({
      reason: 'Say why this intervention is being stopped.',
    });
    expect(changeInterventionStatusSchema.safeParse({ interventionId: OWNER, expectedVersion: 2, status: 'paused' }).success).toBe(true);
    expect(changeInterventionStatusSchema.safeParse({ interventionId: OWNER, expectedVersion: 2, status: 'declined', reason: 'x' }).success).toBe(false);
    expect(declineInterventionSchema.safeParse({ interventionId: OWNER, expectedVersion: 1, reason: '' }).success).toBe(false);
  });

  it('a goal may name a known score and a date', () => {
    expect(addGoalSchema.safeParse({ description: 'EASI below 7 by March', targetInstrument: 'easi', targetValue: '7', targetDate: '2026-03-31' }).success).toBe(true);
    expect(addGoalSchema.safeParse({ description: 'EASI below 7 by March', targetInstrument: '', targetValue: '', targetDate: '' }).data).toEqual({ description: 'EASI below 7 by March' });
  });
});
