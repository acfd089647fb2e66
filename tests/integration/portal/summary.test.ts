import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ForbiddenError } from '../../../lib/platform/errors';
import { saveNote } from '../../../lib/notes/mutations';
import { getPortalResult, getPortalSummary, NOT_SHARED_MESSAGE } from '../../../lib/portal/queries';
import { correctResult } from '../../../lib/results/mutations';
import { shareResult, unshareResult } from '../../../lib/results/sharing';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, iggPanel, imoBreathTest, recordOk, scoreInput, siboBreathTest, ubtPositive } from '../results/inputs';
import { makeGoal, makePlanItem, makeSelfReportedScore } from './helpers';

// The patient's portal shows only what the care team shared, on the patient's own record. Unshared
// results, revoked shares, other patients' data, drafts and care-team notes never appear; a direct
// request for anything else is refused and audited.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
let me: Actor;
const ids: Record<string, string> = {};

async function shared(actor: Actor, resultId: string, message?: string) {
  const outcome = await shareResult(actor, resultId, message ? { messageToPatient: message } : {});
  expect(outcome.ok).toBe(true);
}

beforeAll(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
  me = actorOf(c.patientUser);
  const pid = c.patient.id;

  ids.sibo = await recordOk(derm, pid, 'breath_test', siboBreathTest());
  await shared(derm, ids.sibo, 'We will talk about treatment at your next visit.');
  ids.imoUnshared = await recordOk(derm, pid, 'breath_test', imoBreathTest());
  ids.hpRevoked = await recordOk(nutri, pid, 'h_pylori', ubtPositive());
  await shared(nutri, ids.hpRevoked);
  expect((await unshareResult(nutri, ids.hpRevoked)).ok).toBe(true);
  ids.igg = await recordOk(nutri, pid, 'food_panel', iggPanel());
  await shared(nutri, ids.igg);
  // A shared score later corrected: the patient sees the current version only.
  const easiV1 = await recordOk(derm, pid, 'score', scoreInput('easi', 18, '2025-01-10'));
  await shared(derm, easiV1);
  const corrected = await correctResult(derm, { resultId: easiV1, expectedVersion: 1, reason: 'Typo', values: scoreInput('easi', 16, '2025-01-10') });
  if (!corrected.ok) throw new Error('correction failed');
  ids.easiV1 = easiV1;
  ids.easiV2 = corrected.data.resultId;
  ids.easiUnshared = await recordOk(derm, pid, 'score', scoreInput('easi', 30, '2025-02-10'));
  ids.dlqiSelf = await makeSelfReportedScore(pid, c.patientUser.id, 'dlqi', 9, '2025-02-11');
  // The other patient's shared result.
  ids.otherPatients = await recordOk(actorOf(c.dermOffTeam), c.otherPatient.id, 'breath_test', siboBreathTest());
  await shared(actorOf(c.dermOffTeam), ids.otherPatients);

  const goal = await makeGoal(pid, c.nutritionistOnTeam.id, 'Fewer flares of eczema');
  await makePlanItem(pid, c.nutritionistOnTeam.id, { title: 'Low-FODMAP diet', status: 'active', goalId: goal, endDate: '2025-06-30' });
  await makePlanItem(pid, c.nutritionistOnTeam.id, { title: 'Fibre supplement', status: 'paused' });
  for (const status of ['proposed', 'completed', 'stopped', 'declined'] as const) await makePlanItem(pid, c.nutritionistOnTeam.id, { title: `Plan item ${status}`, status });
  await makePlanItem(c.otherPatient.id, c.dermOffTeam.id, { title: 'Someone else’s plan', status: 'active' });

  for (const [body, visibility, sign] of [
    ['Shared and signed', 'patient', true],
    ['Shared draft', 'patient', false],
    ['Care team only', 'care_team', true],
  ] as const) {
    const outcome = await saveNote(derm, pid, { body, visibility, sign });
    if (!outcome.ok) throw new Error('note not saved');
  }
});

describe('getPortalSummary', () => {
  it('shows the patient their own record: demographics, conditions and care team', async () => {
    const s = await getPortalSummary(me);
    expect(s.patient).toMatchObject({ givenName: 'Amara', familyName: 'Okonkwo', mrn: c.patient.mrn });
    expect(s.conditions.map((x) => x.code).sort()).toEqual(['K63.8211', 'L20.9']);
    expect(s.careTeam.map((m) => m.name)).toContain('Dr On Team');
    expect(await auditFor(me, 'portal.summary.read', 'allowed')).not.toHaveLength(0);
  });

  it('lists only currently shared results, current versions, with a plain-language explanation', async () => {
    const s = await getPortalSummary(me);
    expect(s.results.map((r) => r.id).sort()).toEqual([ids.sibo, ids.igg, ids.easiV2].sort());
    const sibo = s.results.find((r) => r.id === ids.sibo);
    expect(sibo?.explanation.paragraphs.join(' ')).toMatch(/SIBO/);
    expect(sibo?.messageToPatient).toBe('We will talk about treatment at your next visit.');
    expect(sibo?.sharedByName).toBe('Dr On Team');
    expect(s.results.find((r) => r.id === ids.igg)?.explanation.caution).toMatch(/cannot diagnose/);
    for (const hidden of [ids.imoUnshared, ids.hpRevoked, ids.easiV1, ids.easiUnshared, ids.otherPatients]) {
      expect(s.results.map((r) => r.id)).not.toContain(hidden);
    }
  });

  it('shows only signed notes shared with the patient', async () => {
    const s = await getPortalSummary(me);
    expect(s.notes.map((n) => n.body)).toEqual(['Shared and signed']);
  });

  it('shows only active and paused plan items, with what, why and until when', async () => {
    const s = await getPortalSummary(me);
    expect(s.plan.map((p) => p.title).sort()).toEqual(['Fibre supplement', 'Low-FODMAP diet']);
    expect(s.plan.find((p) => p.title === 'Low-FODMAP diet')).toMatchObject({ why: 'Fewer flares of eczema', until: { date: '2025-06-30', basis: 'end' }, paused: false, kindLabel: 'Diet change' });
    expect(s.plan.find((p) => p.title === 'Fibre supplement')).toMatchObject({ until: null, paused: true });
  });

  it('charts shared score series and the patient’s own reports, never an unshared clinician score', async () => {
    const s = await getPortalSummary(me);
    const easi = s.scoreTrends.find((t) => t.instrument === 'easi');
    expect(easi?.points.map((p) => p.value)).toEqual([16]);
    const dlqi = s.scoreTrends.find((t) => t.instrument === 'dlqi');
    expect(dlqi?.points).toEqual([{ effectiveDate: '2025-02-11', value: 9, reportedByMe: true }]);
    expect(s.scoreTrends.map((t) => t.instrument).sort()).toEqual(['dlqi', 'easi']);
  });

  it('another patient sees only their own shared data', async () => {
    const s = await getPortalSummary(actorOf(c.otherPatientUser));
    expect(s.results.map((r) => r.id)).toEqual([ids.otherPatients]);
    expect(s.plan.map((p) => p.title)).toEqual(['Someone else’s plan']);
    expect(s.notes).toEqual([]);
    expect(s.scoreTrends).toEqual([]);
  });

  it.each([
    ['a clinician on the team', (cl: Clinic) => cl.dermOnTeam],
    ['an administrator', (cl: Clinic) => cl.admin],
  ])('refuses %s and audits the refusal', async (_label, who) => {
    const actor = actorOf(who(c));
    await expect(getPortalSummary(actor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPortalResult(actor, ids.sibo ?? '')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditFor(actor, 'portal.summary.read', 'denied')).toHaveLength(1);
    expect(await auditFor(actor, 'portal.result.read', 'denied')).toHaveLength(1);
  });

  it('refuses a patient account not linked to a record', async () => {
    const unlinked = { ...me, patientId: null };
    await expect(getPortalSummary(unlinked)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('getPortalResult', () => {
  it('shows a shared result of the patient’s own, audited', async () => {
    const r = await getPortalResult(me, ids.sibo ?? '');
    expect(r).toMatchObject({ id: ids.sibo, kind: 'breath_test' });
    expect(r.stored.kind).toBe('breath_test');
    const allowed = await auditFor(me, 'portal.result.read', 'allowed');
    expect(allowed.at(-1)).toMatchObject({ patientId: c.patient.id, entityId: ids.sibo });
  });

  it('an old version of a shared series shows the current one; a score shows its visible trend', async () => {
    const r = await getPortalResult(me, ids.easiV1 ?? '');
    expect(r.id).toBe(ids.easiV2);
    expect(r.trend?.points.map((p) => p.value)).toEqual([16]);
  });

  it.each([
    ['an unshared result', () => ids.imoUnshared, 'not-shared'],
    ['a result whose share was revoked', () => ids.hpRevoked, 'not-shared'],
    ['another patient’s shared result', () => ids.otherPatients, 'not-own-record'],
    ['an unknown id', () => '00000000-0000-4000-8000-000000000000', 'result-not-found'],
    ['a garbage id', () => "'; drop table results; --", 'result-not-found'],
  ])('refuses %s and audits the refusal', async (_label, id, reason) => {
    const before = (await auditFor(me, 'portal.result.read', 'denied')).length;
    await expect(getPortalResult(me, id() ?? '')).rejects.toThrow(ForbiddenError);
    const denied = (await auditFor(me, 'portal.result.read', 'denied')).slice(before);
    expect(denied).toHaveLength(1);
    expect(denied[0]?.detail?.reason).toBe(reason);
    expect(denied[0]?.requestAddress).toBe('203.0.113.7');
  });

  it('refuses with a message that does not reveal whether the result exists', async () => {
    await expect(getPortalResult(me, ids.imoUnshared ?? '')).rejects.toThrow(NOT_SHARED_MESSAGE);
    await expect(getPortalResult(me, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(NOT_SHARED_MESSAGE);
  });
});
