import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, careTeamMembers } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { listAuditEventsForPatient } from '../../../lib/platform/audit/queries';
import { addCareTeamMember, removeCareTeamMember } from '../../../lib/care-teams/mutations';
import { getCareTeamForAdministration, listPatientsForAdministration } from '../../../lib/care-teams/queries';
import { ForbiddenError } from '../../../lib/platform/errors';
import { DEFAULT_CASELOAD_QUERY } from '../../../lib/patients/caseload-query';
import { getPatientRecord, listCaseload } from '../../../lib/patients/queries';
import { getPortalHome, getPortalResult, getPortalSummary } from '../../../lib/portal/queries';
import { shareResult, unshareResult } from '../../../lib/results/sharing';
import { createUser, setUserActive } from '../../../lib/users/mutations';
import { listUsers } from '../../../lib/users/queries';
import { actorOf, makeClinic } from '../fixtures';
import { recordOk, siboBreathTest } from '../results/inputs';

// Every data-access function in lib/, tried as every kind of actor. Each cell says whether the call
// is allowed; a refused call must throw ForbiddenError AND leave a 'denied' audit event.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
const ACTORS = [
  'dermOnTeam',
  'nutritionistOnTeam',
  'dermOffTeam',
  'gastroOffTeam',
  'patientSelf',
  'otherPatient',
  'admin',
  'deactivatedClinician',
  'deactivatedAdmin',
] as const;
type ActorKind = (typeof ACTORS)[number];

function actorFor(kind: ActorKind, c: Clinic): Actor {
  const user = {
    dermOnTeam: c.dermOnTeam,
    nutritionistOnTeam: c.nutritionistOnTeam,
    dermOffTeam: c.dermOffTeam,
    gastroOffTeam: c.gastroOffTeam,
    patientSelf: c.patientUser,
    otherPatient: c.otherPatientUser,
    admin: c.admin,
    deactivatedClinician: c.deactivatedClinician,
    deactivatedAdmin: c.deactivatedAdmin,
  }[kind];
  return actorOf(user);
}

interface Case {
  fn: string;
  /** The audit action the function writes, allowed or denied. */
  action: string;
  allowed: ActorKind[];
  call: (actor: Actor, c: Clinic) => Promise<unknown>;
}

let emailCounter = 0;

const CASES: Case[] = [
  {
    fn: 'listCaseload',
    action: 'caseload.view',
    allowed: ['dermOnTeam', 'nutritionistOnTeam', 'dermOffTeam', 'gastroOffTeam'],
    call: (a) => listCaseload(a, DEFAULT_CASELOAD_QUERY),
  },
  {
    fn: 'getPatientRecord',
    action: 'patient.read',
    allowed: ['dermOnTeam', 'nutritionistOnTeam', 'patientSelf'],
    call: (a, c) => getPatientRecord(a, c.patient.id),
  },
  {
    fn: 'getPortalHome',
    action: 'portal.home.read',
    allowed: ['patientSelf', 'otherPatient'],
    call: (a) => getPortalHome(a),
  },
  {
    fn: 'getPortalSummary',
    action: 'portal.summary.read',
    allowed: ['patientSelf', 'otherPatient'],
    call: (a) => getPortalSummary(a),
  },
  {
    fn: 'getPortalResult',
    action: 'portal.result.read',
    allowed: ['patientSelf'],
    call: async (a, c) => {
      const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'breath_test', siboBreathTest());
      await shareResult(actorOf(c.dermOnTeam), id);
      return getPortalResult(a, id);
    },
  },
  {
    fn: 'shareResult',
    action: 'result.share',
    allowed: ['dermOnTeam', 'nutritionistOnTeam'],
    call: async (a, c) => shareResult(a, await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'breath_test', siboBreathTest())),
  },
  {
    fn: 'unshareResult',
    action: 'result.unshare',
    allowed: ['dermOnTeam', 'nutritionistOnTeam'],
    call: async (a, c) => {
      const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'breath_test', siboBreathTest());
      await shareResult(actorOf(c.dermOnTeam), id);
      return unshareResult(a, id);
    },
  },
  { fn: 'listUsers', action: 'user.list', allowed: ['admin'], call: (a) => listUsers(a) },
  {
    fn: 'createUser',
    action: 'user.create',
    allowed: ['admin'],
    call: (a) => createUser(a, { name: 'New Person', email: `new.${emailCounter++}@axis.test`, role: 'clinician', specialty: 'nutrition', password: 'a long enough password' }),
  },
  {
    fn: 'setUserActive',
    action: 'user.set_active',
    allowed: ['admin'],
    call: (a, c) => setUserActive(a, { userId: c.gastroOffTeam.id, active: false }),
  },
  {
    fn: 'listPatientsForAdministration',
    action: 'care_team.patient_list',
    allowed: ['admin'],
    call: (a) => listPatientsForAdministration(a, {}),
  },
  {
    fn: 'getCareTeamForAdministration',
    action: 'care_team.read',
    allowed: ['admin'],
    call: (a, c) => getCareTeamForAdministration(a, c.patient.id),
  },
  {
    fn: 'addCareTeamMember',
    action: 'care_team.add',
    allowed: ['admin'],
    call: (a, c) => addCareTeamMember(a, { patientId: c.patient.id, userId: c.gastroOffTeam.id, role: 'member' }),
  },
  {
    fn: 'removeCareTeamMember',
    action: 'care_team.remove',
    allowed: ['admin'],
    call: async (a, c) => {
      const [m] = await getDb()
        .select({ id: careTeamMembers.id })
        .from(careTeamMembers)
        .where(and(eq(careTeamMembers.patientId, c.patient.id), eq(careTeamMembers.userId, c.nutritionistOnTeam.id)));
      return removeCareTeamMember(a, { patientId: c.patient.id, membershipId: m?.id });
    },
  },
  {
    fn: 'listAuditEventsForPatient',
    action: 'audit.read',
    allowed: ['admin'],
    call: (a, c) => listAuditEventsForPatient(a, c.patient.id),
  },
];

describe.each(CASES)('$fn', ({ action, allowed, call }) => {
  let clinic: Clinic;
  beforeEach(async () => {
    clinic = await makeClinic();
  });

  it.each(ACTORS)('as %s', async (kind) => {
    const actor = actorFor(kind, clinic);
    const denials = () =>
      getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action), eq(auditEvents.outcome, 'denied')));

    if (allowed.includes(kind)) {
      const result = await call(actor, clinic);
      // Mutations report refusals as values too; an allowed actor must never get a permission error.
      if (result && typeof result === 'object' && 'ok' in result && result.ok === false) {
        expect((result as unknown as { error: string }).error).not.toMatch(/permission|access|deactivated/i);
      }
      expect(await denials()).toHaveLength(0);
    } else {
      await expect(call(actor, clinic)).rejects.toBeInstanceOf(ForbiddenError);
      const denied = await denials();
      expect(denied.length).toBeGreaterThanOrEqual(1);
      expect(denied[0]?.requestAddress).toBe('203.0.113.7');
    }
  });
});

describe('patient record access', () => {
  it('audits an allowed read with the actor, patient and address', async () => {
    const c = await makeClinic();
    const record = await getPatientRecord(actorOf(c.dermOnTeam), c.patient.id);
    expect(record.conditions.map((x) => x.code).sort()).toEqual(['K63.8211', 'L20.9']);
    expect(record.careTeam.map((m) => m.userId)).toContain(c.dermOnTeam.id);
    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, c.dermOnTeam.id), eq(auditEvents.action, 'patient.read')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, requestAddress: '203.0.113.7', actorRole: 'clinician' });
  });

  it('refuses a patient id that does not exist, or is not a uuid, and audits both', async () => {
    const c = await makeClinic();
    const actor = actorOf(c.dermOnTeam);
    await expect(getPatientRecord(actor, '2b0f6a4e-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPatientRecord(actor, "1' or '1'='1")).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((d) => d.detail?.reason)).toEqual(['patient-not-found', 'patient-not-found']);
  });

  it('loses access the moment a clinician is removed from the care team', async () => {
    const c = await makeClinic();
    const derm = actorOf(c.dermOnTeam);
    await getPatientRecord(derm, c.patient.id);
    const [m] = await getDb().select().from(careTeamMembers).where(and(eq(careTeamMembers.patientId, c.patient.id), eq(careTeamMembers.userId, c.dermOnTeam.id)));
    expect((await removeCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, membershipId: m?.id })).ok).toBe(true);
    await expect(getPatientRecord(derm, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses an actor deactivated after their session began (the actor object is not trusted)', async () => {
    const c = await makeClinic();
    const derm = actorOf(c.dermOnTeam);
    expect((await setUserActive(actorOf(c.admin), { userId: c.dermOnTeam.id, active: false })).ok).toBe(true);
    await expect(getPatientRecord(derm, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCaseload(derm, DEFAULT_CASELOAD_QUERY)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('keeps the denial audit even when the refusal happens inside a transaction that rolls back', async () => {
    const c = await makeClinic();
    const derm = actorOf(c.dermOffTeam);
    const { authorizePatientAccess } = await import('../../../lib/platform/access/guard');
    const { inTransaction } = await import('../../../lib/platform/db/transaction');
    await expect(
      inTransaction(async (tx) => authorizePatientAccess(tx, derm, c.patient.id, 'clinical-write', { action: 'test.write' })),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, derm.userId), eq(auditEvents.action, 'test.write')));
    expect(denied).toHaveLength(1);
  });
});
