import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, careTeamMembers, patientViews, resultReviews, results } from '../../../db/schema';
import { NO_ACCESS_MESSAGE } from '../../../lib/platform/access/guard';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { removeCareTeamMember } from '../../../lib/care-teams/mutations';
import { ForbiddenError } from '../../../lib/platform/errors';
import { correctResult, markResultReviewed, recordResult } from '../../../lib/results/mutations';
import { getPatientResults, getResult, getScoreSeries } from '../../../lib/results/queries';
import { setUserActive } from '../../../lib/users/mutations';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, recordOk, resultRow, scoreInput, siboBreathTest } from './inputs';

// Every lib/results function, tried as every kind of actor. The care team (a dermatologist and a
// nutritionist) is allowed; everyone else is refused with ForbiddenError AND a 'denied' audit event,
// and a refused write leaves nothing behind.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
interface Ctx {
  c: Clinic;
  /** A score on the clinic's patient, entered by the dermatologist on the team. */
  resultId: string;
}

type ActorKind = 'dermOnTeam' | 'nutritionistOnTeam' | 'dermOffTeam' | 'gastroOffTeam' | 'patientSelf' | 'otherPatient' | 'admin' | 'deactivatedClinician' | 'deactivatedAdmin';

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

/** Why each refused actor is refused, for reads and for writes. */
const REASON: Record<Exclude<ActorKind, 'dermOnTeam' | 'nutritionistOnTeam'>, { read: string; write: string }> = {
  dermOffTeam: { read: 'not-on-care-team', write: 'not-on-care-team' },
  gastroOffTeam: { read: 'not-on-care-team', write: 'not-on-care-team' },
  patientSelf: { read: 'care-team-only', write: 'patients-cannot-write-clinical-data' },
  otherPatient: { read: 'care-team-only', write: 'patients-cannot-write-clinical-data' },
  admin: { read: 'admin-reads-no-clinical-data', write: 'admin-reads-no-clinical-data' },
  deactivatedClinician: { read: 'inactive-account', write: 'inactive-account' },
  deactivatedAdmin: { read: 'inactive-account', write: 'inactive-account' },
};

interface Case {
  fn: string;
  action: string;
  mode: 'read' | 'write';
  call: (actor: Actor, ctx: Ctx) => Promise<unknown>;
}

async function currentVersionOf(resultId: string): Promise<number> {
  const { seriesId } = await resultRow(resultId);
  const [row] = await getDb().select({ version: results.version }).from(results).where(and(eq(results.seriesId, seriesId), eq(results.isCurrent, true)));
  return row?.version ?? 1;
}

let attempt = 0;
const CASES: Case[] = [
  { fn: 'getPatientResults', action: 'result.list', mode: 'read', call: (a, { c }) => getPatientResults(a, c.patient.id) },
  { fn: 'getResult', action: 'result.read', mode: 'read', call: (a, { resultId }) => getResult(a, resultId) },
  { fn: 'getScoreSeries', action: 'score.trend.read', mode: 'read', call: (a, { c }) => getScoreSeries(a, c.patient.id) },
  { fn: 'recordResult', action: 'result.create', mode: 'write', call: (a, { c }) => recordResult(a, c.patient.id, 'score', scoreInput('easi', 12, '2025-01-07')) },
  {
    fn: 'correctResult',
    action: 'result.correct',
    mode: 'write',
    call: async (a, { resultId }) =>
      correctResult(a, { resultId, expectedVersion: await currentVersionOf(resultId), reason: `Correction attempt ${attempt++}`, values: scoreInput('easi', 10 + (attempt % 10), '2025-01-05') }),
  },
  { fn: 'markResultReviewed', action: 'result.review', mode: 'write', call: (a, { resultId }) => markResultReviewed(a, resultId) },
];

/** Rows a refused call must not have added. */
async function footprint(patientId: string, userId: string) {
  const db = getDb();
  const [r] = await db.select({ n: count() }).from(results).where(eq(results.patientId, patientId));
  const [v] = await db.select({ n: count() }).from(resultReviews).where(eq(resultReviews.userId, userId));
  const [pv] = await db.select({ n: count() }).from(patientViews).where(and(eq(patientViews.userId, userId), eq(patientViews.patientId, patientId)));
  return { results: r?.n ?? 0, reviews: v?.n ?? 0, views: pv?.n ?? 0 };
}

describe.each(CASES)('$fn', ({ action, mode, call }) => {
  const ctx = {} as Ctx;
  beforeAll(async () => {
    ctx.c = await makeClinic();
    ctx.resultId = await recordOk(actorOf(ctx.c.dermOnTeam), ctx.c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
  });

  async function expectRefused(kind: Exclude<ActorKind, 'dermOnTeam' | 'nutritionistOnTeam'>) {
    const actor = actorFor(kind, ctx.c);
    const before = await footprint(ctx.c.patient.id, actor.userId);
    const deniedBefore = (await auditFor(actor, action, 'denied')).length;

    const error = await call(actor, ctx).then(
      (value) => value,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).message).toBe(NO_ACCESS_MESSAGE);

    const denied = (await auditFor(actor, action, 'denied')).slice(deniedBefore);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ patientId: ctx.c.patient.id, requestAddress: '203.0.113.7', actorRole: actor.role });
    expect(denied[0]?.detail?.reason).toBe(REASON[kind][mode]);
    expect(await auditFor(actor, action, 'allowed')).toHaveLength(0);
    expect(await footprint(ctx.c.patient.id, actor.userId)).toEqual(before);
  }

  it.each(['dermOnTeam', 'nutritionistOnTeam'] as const)('allows %s', async (kind) => {
    const actor = actorFor(kind, ctx.c);
    const value = await call(actor, ctx);
    if (value && typeof value === 'object' && 'ok' in value) expect(value).toMatchObject({ ok: true });
    expect(await auditFor(actor, action, 'denied')).toHaveLength(0);
    // Reads audit themselves here; writes audit inside their transaction (review: only the first time).
    expect((await auditFor(actor, action, 'allowed')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(['dermOffTeam', 'gastroOffTeam', 'otherPatient', 'admin', 'deactivatedClinician', 'deactivatedAdmin'] as const)('refuses %s', async (kind) => {
    await expectRefused(kind);
  });

  if (mode === 'write') {
    it('refuses patientSelf (a patient never writes clinical data, even on their own record)', async () => {
      await expectRefused('patientSelf');
    });
  } else {
    // The care team's working view ('team-read') is not the patient's: the portal shows what is shared.
    it('refuses patientSelf on their own record', async () => {
      await expectRefused('patientSelf');
    });
  }
});

describe('unknown, garbage and foreign result ids', () => {
  let c: Clinic;
  let derm: Actor;
  let foreignId: string;
  beforeAll(async () => {
    c = await makeClinic();
    derm = actorOf(c.dermOnTeam);
    foreignId = await recordOk(actorOf(c.dermOffTeam), c.otherPatient.id, 'score', scoreInput('easi', 30, '2025-01-05'));
  });

  const BY_ID = [
    { fn: 'getResult', action: 'result.read', call: (a: Actor, id: string) => getResult(a, id) },
    { fn: 'markResultReviewed', action: 'result.review', call: (a: Actor, id: string) => markResultReviewed(a, id) },
    { fn: 'correctResult', action: 'result.correct', call: (a: Actor, id: string) => correctResult(a, { resultId: id, expectedVersion: 1, reason: 'Probe', values: scoreInput('easi', 1, '2025-01-05') }) },
  ];

  async function refusal(promise: Promise<unknown>): Promise<ForbiddenError> {
    const error = await promise.then(
      (v) => v,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    return error as ForbiddenError;
  }

  it.each(BY_ID)('$fn: an unknown id is refused exactly like a foreign one, and both are audited', async ({ action, call }) => {
    const unknownId = randomUUID();
    const foreign = await refusal(call(derm, foreignId));
    const unknown = await refusal(call(derm, unknownId));
    expect(unknown.message).toBe(foreign.message);
    expect(unknown.message).toBe(NO_ACCESS_MESSAGE);

    const denied = await auditFor(derm, action, 'denied');
    const forForeign = denied.find((d) => d.entityId === foreignId);
    const forUnknown = denied.find((d) => d.entityId === unknownId);
    expect(forForeign).toMatchObject({ patientId: c.otherPatient.id, entityType: 'result', detail: { reason: 'not-on-care-team' } });
    expect(forUnknown).toMatchObject({ patientId: null, entityType: 'result', detail: { reason: 'result-not-found' } });
    // Nothing about the foreign result changed.
    expect(await resultRow(foreignId)).toMatchObject({ isCurrent: true, version: 1 });
  });

  it.each(BY_ID.filter((b) => b.fn !== 'correctResult'))('$fn: a garbage id is refused and audited (entity id kept, truncated)', async ({ action, call }) => {
    const garbage = `1' or '1'='1; drop table results; --${'x'.repeat(100)}`;
    await refusal(call(derm, garbage));
    await refusal(call(derm, ''));
    const denied = await auditFor(derm, action, 'denied');
    const forGarbage = denied.find((d) => d.entityId === garbage.slice(0, 64));
    expect(forGarbage).toMatchObject({ patientId: null, detail: { reason: 'result-not-found' } });
    expect(denied.some((d) => d.entityId === '')).toBe(true);
  });

  // Access is settled before validation, so a garbage id is refused like a foreign one.
  it('correctResult: a garbage id is refused with ForbiddenError and audited', async () => {
    const garbage = "1' or '1'='1";
    await refusal(correctResult(derm, { resultId: garbage, expectedVersion: 1, reason: 'Probe', values: scoreInput('easi', 1, '2025-01-05') }));
    const denied = await auditFor(derm, 'result.correct', 'denied');
    expect(denied.some((d) => d.entityId === garbage)).toBe(true);
  });

  it('correctResult: a garbage id stores nothing', async () => {
    const before = await getDb().select({ n: count() }).from(results);
    await expect(correctResult(derm, { resultId: "1' or '1'='1", expectedVersion: 1, reason: 'Probe', values: scoreInput('easi', 1, '2025-01-05') })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getDb().select({ n: count() }).from(results)).toEqual(before);
  });

  it('an unknown or garbage patient id is refused and audited by the patient-level reads and recordResult', async () => {
    const unknown = randomUUID();
    await refusal(getPatientResults(derm, unknown));
    await refusal(getScoreSeries(derm, 'not-a-uuid'));
    await refusal(recordResult(derm, unknown, 'score', scoreInput('easi', 1, '2025-01-05')));
    const reasons = await getDb()
      .select({ action: auditEvents.action, reason: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, derm.userId), eq(auditEvents.outcome, 'denied')));
    expect(reasons).toEqual(
      expect.arrayContaining([
        { action: 'result.list', reason: expect.objectContaining({ reason: 'patient-not-found' }) },
        { action: 'score.trend.read', reason: expect.objectContaining({ reason: 'patient-not-found' }) },
        { action: 'result.create', reason: expect.objectContaining({ reason: 'patient-not-found', kind: 'score' }) },
      ]),
    );
  });
});

describe('access follows the database, not the session', () => {
  it('a clinician deactivated after sign-in is refused every results function at once', async () => {
    const c = await makeClinic();
    const nutri = actorOf(c.nutritionistOnTeam);
    const id = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'breath_test', siboBreathTest());
    await getPatientResults(nutri, c.patient.id);
    expect((await setUserActive(actorOf(c.admin), { userId: c.nutritionistOnTeam.id, active: false })).ok).toBe(true);

    await expect(getPatientResults(nutri, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getResult(nutri, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getScoreSeries(nutri, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordResult(nutri, c.patient.id, 'breath_test', siboBreathTest())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(correctResult(nutri, { resultId: id, expectedVersion: 1, reason: 'Late fix', values: siboBreathTest('2025-03-09') })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(markResultReviewed(nutri, id)).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, nutri.userId), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((d) => d.detail?.reason)).toEqual(Array(6).fill('inactive-account'));
    expect((await resultRow(id)).isCurrent).toBe(true);
  });

  it('a clinician removed from the care team loses the results with it', async () => {
    const c = await makeClinic();
    const nutri = actorOf(c.nutritionistOnTeam);
    const id = await recordOk(nutri, c.patient.id, 'score', scoreInput('gsrs', 2.5, '2025-01-05'));
    const [m] = await getDb()
      .select({ id: careTeamMembers.id })
      .from(careTeamMembers)
      .where(and(eq(careTeamMembers.patientId, c.patient.id), eq(careTeamMembers.userId, c.nutritionistOnTeam.id)));
    expect((await removeCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, membershipId: m?.id })).ok).toBe(true);

    await expect(getResult(nutri, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(correctResult(nutri, { resultId: id, expectedVersion: 1, reason: 'My own result', values: scoreInput('gsrs', 2.6, '2025-01-05') })).rejects.toBeInstanceOf(ForbiddenError);
    // The dermatologist still on the team sees it, entered by the former member.
    expect((await getResult(actorOf(c.dermOnTeam), id)).current.enteredByName).toBe(c.nutritionistOnTeam.name);
  });
});
