import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { carePlanChanges, carePlanGoals, carePlanInterventions } from '../../../db/schema';
import { NO_ACCESS_MESSAGE } from '../../../lib/platform/access/guard';
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
import { ForbiddenError } from '../../../lib/platform/errors';
import { setUserActive } from '../../../lib/users/mutations';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, lgg, proposeOk, topical } from './inputs';

// Every care-plan function tried by everyone who is not on the care team: refused with the same
// message as an unknown record, audited as denied with the reason, and nothing written.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let interventionId: string;
let goalId: string;
beforeAll(async () => {
  c = await makeClinic();
  const derm = actorOf(c.dermOnTeam);
  interventionId = await proposeOk(derm, c.patient.id, lgg(c.nutritionistOnTeam.id));
  const goal = await addGoal(derm, c.patient.id, { description: 'EASI below 7 by March' });
  goalId = goal.ok ? goal.data.goalId : '';
});

type Refused = 'dermOffTeam' | 'gastroOffTeam' | 'patientSelf' | 'otherPatient' | 'admin' | 'deactivatedClinician' | 'deactivatedAdmin';
const REASON: Record<Refused, { read: string; write: string }> = {
  dermOffTeam: { read: 'not-on-care-team', write: 'not-on-care-team' },
  gastroOffTeam: { read: 'not-on-care-team', write: 'not-on-care-team' },
  patientSelf: { read: 'care-team-only', write: 'patients-cannot-write-clinical-data' },
  otherPatient: { read: 'care-team-only', write: 'patients-cannot-write-clinical-data' },
  admin: { read: 'admin-reads-no-clinical-data', write: 'admin-reads-no-clinical-data' },
  deactivatedClinician: { read: 'inactive-account', write: 'inactive-account' },
  deactivatedAdmin: { read: 'inactive-account', write: 'inactive-account' },
};

function actorFor(kind: Refused): Actor {
  const user = { dermOffTeam: c.dermOffTeam, gastroOffTeam: c.gastroOffTeam, patientSelf: c.patientUser, otherPatient: c.otherPatientUser, admin: c.admin, deactivatedClinician: c.deactivatedClinician, deactivatedAdmin: c.deactivatedAdmin }[kind];
  return actorOf(user);
}

const CASES: { fn: string; action: string; mode: 'read' | 'write'; call: (a: Actor) => Promise<unknown> }[] = [
  { fn: 'getCarePlan', action: 'care_plan.read', mode: 'read', call: (a) => getCarePlan(a, c.patient.id) },
  { fn: 'getInterventionHistory', action: 'care_plan.history.read', mode: 'read', call: (a) => getInterventionHistory(a, interventionId) },
  { fn: 'proposeIntervention', action: 'care_plan.intervention.propose', mode: 'write', call: (a) => proposeIntervention(a, c.patient.id, topical(c.dermOnTeam.id)) },
  { fn: 'acceptIntervention', action: 'care_plan.intervention.accept', mode: 'write', call: (a) => acceptIntervention(a, { interventionId, expectedVersion: 1 }) },
  { fn: 'declineIntervention', action: 'care_plan.intervention.decline', mode: 'write', call: (a) => declineIntervention(a, { interventionId, expectedVersion: 1, reason: 'Probe' }) },
  { fn: 'updateIntervention', action: 'care_plan.intervention.update', mode: 'write', call: (a) => updateIntervention(a, { ...lgg(c.nutritionistOnTeam.id), interventionId, expectedVersion: 1 }) },
  {
    fn: 'changeInterventionStatus',
    action: 'care_plan.intervention.status',
    mode: 'write',
    call: (a) => changeInterventionStatus(a, { interventionId, expectedVersion: 1, status: 'stopped', reason: 'Probe' }),
  },
  { fn: 'addGoal', action: 'care_plan.goal.add', mode: 'write', call: (a) => addGoal(a, c.patient.id, { description: 'Probe' }) },
  { fn: 'updateGoal', action: 'care_plan.goal.update', mode: 'write', call: (a) => updateGoal(a, { goalId, expectedVersion: 1, description: 'Probe', status: 'withdrawn' }) },
];

async function footprint() {
  const db = getDb();
  const [i] = await db.select({ n: count() }).from(carePlanInterventions).where(eq(carePlanInterventions.patientId, c.patient.id));
  const [g] = await db.select({ n: count() }).from(carePlanGoals).where(eq(carePlanGoals.patientId, c.patient.id));
  const [ch] = await db.select({ n: count() }).from(carePlanChanges).where(eq(carePlanChanges.patientId, c.patient.id));
  const [row] = await db.select({ version: carePlanInterventions.version, status: carePlanInterventions.status }).from(carePlanInterventions).where(eq(carePlanInterventions.id, interventionId));
  return { interventions: i?.n, goals: g?.n, changes: ch?.n, row };
}

describe.each(CASES)('$fn', ({ action, mode, call }) => {
  it.each(Object.keys(REASON) as Refused[])('refuses %s, audits the denial and writes nothing', async (kind) => {
    const actor = actorFor(kind);
    const before = await footprint();
    const error = await call(actor).then(
      (v) => v,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).message).toBe(NO_ACCESS_MESSAGE);
    const denied = await auditFor(actor, action, 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ patientId: c.patient.id, actorRole: actor.role, requestAddress: '203.0.113.7' });
    expect(denied[0]?.detail?.reason).toBe(REASON[kind][mode]);
    expect(await auditFor(actor, action, 'allowed')).toHaveLength(0);
    expect(await footprint()).toEqual(before);
  });
});

describe('reads by the care team are audited', () => {
  it('getCarePlan and getInterventionHistory record an allowed event', async () => {
    const nutri = actorOf(c.nutritionistOnTeam);
    await getCarePlan(nutri, c.patient.id);
    await getInterventionHistory(nutri, interventionId);
    expect(await auditFor(nutri, 'care_plan.read', 'allowed')).toHaveLength(1);
    expect(await auditFor(nutri, 'care_plan.history.read', 'allowed')).toHaveLength(1);
  });
});

describe('unknown and garbage ids', () => {
  it('are refused exactly like a foreign record and audited', async () => {
    const derm = actorOf(c.dermOnTeam);
    const unknown = randomUUID();
    for (const id of [unknown, "1' or '1'='1"]) {
      await expect(acceptIntervention(derm, { interventionId: id, expectedVersion: 1 })).rejects.toThrow(NO_ACCESS_MESSAGE);
      await expect(getInterventionHistory(derm, id)).rejects.toThrow(NO_ACCESS_MESSAGE);
      await expect(updateGoal(derm, { goalId: id, expectedVersion: 1, description: 'x', status: 'met' })).rejects.toThrow(NO_ACCESS_MESSAGE);
    }
    await expect(getCarePlan(derm, unknown)).rejects.toThrow(NO_ACCESS_MESSAGE);
    const denied = await auditFor(derm, 'care_plan.intervention.accept', 'denied');
    expect(denied.find((d) => d.entityId === unknown)?.detail).toMatchObject({ reason: 'intervention-not-found' });
  });
});

describe('access follows the database, not the session', () => {
  it('a clinician deactivated after sign-in is refused at once', async () => {
    const clinic = await makeClinic();
    const nutri = actorOf(clinic.nutritionistOnTeam);
    const id = await proposeOk(actorOf(clinic.dermOnTeam), clinic.patient.id, lgg(clinic.nutritionistOnTeam.id));
    await getCarePlan(nutri, clinic.patient.id);
    expect((await setUserActive(actorOf(clinic.admin), { userId: clinic.nutritionistOnTeam.id, active: false })).ok).toBe(true);
    await expect(getCarePlan(nutri, clinic.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(acceptIntervention(nutri, { interventionId: id, expectedVersion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    // And, no longer active, they can no longer be chosen as an owner.
    const outcome = await proposeIntervention(actorOf(clinic.dermOnTeam), clinic.patient.id, topical(clinic.nutritionistOnTeam.id));
    expect(outcome.ok ? undefined : outcome.fieldErrors?.ownerUserId).toBeDefined();
  });
});
