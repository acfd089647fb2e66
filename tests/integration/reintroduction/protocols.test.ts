import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, carePlanChanges, challengeReactions, clinicianTasks, eliminationProtocols } from '../../../db/schema';
import { addDiaryEntry } from '../../../lib/diary/mutations';
import { addDays } from '../../../lib/clinical/dates';
import { NO_ACCESS_MESSAGE } from '../../../lib/platform/access/guard';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { clinicToday } from '../../../lib/platform/clinic-time';
import { acceptProtocol, confirmVerdict, reportReaction, startProtocol, stopProtocol, updateChallenges } from '../../../lib/reintroduction/protocols';
import { getMyProtocol, getPatientProtocols } from '../../../lib/reintroduction/queries';
import { recordResult } from '../../../lib/results/mutations';
import { listCaseload } from '../../../lib/patients/queries';
import { parseCaseloadQuery } from '../../../lib/patients/caseload-query';
import { actorOf, makeClinic } from '../fixtures';

// The elimination → reintroduction protocol as the care team and the patient use it (DOMAIN.md §10):
// who may start, accept and change it, the at-home safety refusals, conflict-safe versions, the verdicts
// the diary suggests and the clinician confirms, and the patient's "I reacted".

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let nutri: Actor;
let derm: Actor;
let patient: Actor;
let today: string;

beforeEach(async () => {
  c = await makeClinic();
  nutri = actorOf(c.nutritionistOnTeam);
  derm = actorOf(c.dermOnTeam);
  patient = actorOf(c.patientUser);
  today = clinicToday();
});

const portions = ['¼ cup', '½ cup', '1 cup'];
const start = (supervisorId: string, over: Record<string, unknown> = {}) => ({
  foods: ['Dairy (cow’s milk)', 'Wheat / gluten'],
  reasonKind: 'clinical_suspicion',
  reasonText: 'Flares after dairy-heavy meals',
  startDate: today,
  eliminationWeeks: 4,
  supervisorId,
  challenges: [
    { food: 'Wheat / gluten', portions: ['1 slice bread', '2 slices', '3 slices'], washoutDays: 3 },
    { food: 'Dairy (cow’s milk)', portions, washoutDays: 3 },
  ],
  ...over,
});

async function protocolRow(id: string) {
  const [row] = await getDb().select().from(eliminationProtocols).where(eq(eliminationProtocols.id, id));
  return row;
}

describe('starting a protocol', () => {
  it('starts active when the supervisor starts it, snapshots it, audits it, and raises the calcium and vitamin D task', async () => {
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId));
    expect(out).toMatchObject({ ok: true, data: { version: 1, status: 'active' } });
    if (!out.ok) return;
    const row = await protocolRow(out.data.protocolId);
    expect(row).toMatchObject({ status: 'active', eliminationEndsOn: addDays(today, 27), ownerSpecialty: 'nutrition' });
    // 4 weeks, then wheat 3 days + 3 washout, then dairy 3 + 3.
    expect(row?.endsOn).toBe(addDays(today, 28 + 12 - 1));
    const changes = await getDb().select().from(carePlanChanges).where(eq(carePlanChanges.entityId, out.data.protocolId));
    expect(changes.map((x) => [x.entityType, x.change, x.version])).toEqual([['protocol', 'propose', 1]]);
    const tasks = await getDb().select().from(clinicianTasks).where(eq(clinicianTasks.protocolId, out.data.protocolId));
    expect(tasks.map((t) => t.description)).toEqual([expect.stringMatching(/^Dairy is excluded: review calcium and vitamin D intake/)]);
    expect(tasks[0]?.assigneeId).toBe(nutri.userId);
    const audit = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'reintroduction.start'), eq(auditEvents.entityId, out.data.protocolId)));
    expect(audit).toHaveLength(1);
  });

  it('is proposed when a colleague starts it; only the supervisor accepts it', async () => {
    const out = await startProtocol(derm, c.patient.id, start(nutri.userId));
    expect(out).toMatchObject({ ok: true, data: { status: 'proposed' } });
    if (!out.ok) return;
    expect(await acceptProtocol(derm, { protocolId: out.data.protocolId, expectedVersion: 1 })).toMatchObject({ ok: false, error: 'Only the supervising clinician can accept this protocol; nothing was changed.' });
    expect(await acceptProtocol(nutri, { protocolId: out.data.protocolId, expectedVersion: 1 })).toMatchObject({ ok: true, data: { version: 2, status: 'active' } });
  });

  it('refuses an at-home challenge to a food with a positive sIgE, naming the result; kept out, it is saved with a referral task', async () => {
    const panel = await recordResult(nutri, c.patient.id, 'food_panel', {
      effectiveDate: addDays(today, -10),
      method: 'specific_ige',
      laboratory: 'Allergy lab',
      items: [{ food: "Cow's milk", value: 3.1, unit: 'kU/L' }],
    });
    expect(panel.ok).toBe(true);
    const refused = await startProtocol(nutri, c.patient.id, start(nutri.userId));
    expect(refused).toMatchObject({ ok: false, error: 'An at-home challenge was refused for safety. Nothing was saved.' });
    expect(refused.ok ? [] : refused.fieldErrors?.['challenges.1.food']).toEqual([expect.stringMatching(/A positive specific IgE to Dairy \(cow’s milk\) is recorded in Axis.*Recorded: Cow's milk, .*It needs a supervised oral food challenge/)]);
    expect(await getDb().select().from(eliminationProtocols).where(eq(eliminationProtocols.patientId, c.patient.id))).toEqual([]);

    const saved = await startProtocol(nutri, c.patient.id, start(nutri.userId, { challenges: [{ food: 'Wheat / gluten', portions, washoutDays: 3 }] }));
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const row = await protocolRow(saved.data.protocolId);
    expect(row?.supervisedOnly.map((s) => s.food)).toEqual(['Dairy (cow’s milk)']);
    const tasks = await getDb().select().from(clinicianTasks).where(eq(clinicianTasks.protocolId, saved.data.protocolId));
    expect(tasks.map((t) => t.description)).toContainEqual(expect.stringMatching(/^Refer to an allergist for a supervised oral food challenge to Dairy/));
  });

  it('refuses every at-home challenge when the patient has a risk factor', async () => {
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId, { riskFactors: ['asthma'] }));
    expect(out.ok).toBe(false);
    expect(Object.keys(out.ok ? {} : (out.fieldErrors ?? {}))).toEqual(['challenges.0.food', 'challenges.1.food']);
    const allSupervised = await startProtocol(nutri, c.patient.id, start(nutri.userId, { riskFactors: ['asthma'], challenges: [] }));
    expect(allSupervised.ok).toBe(true);
  });

  it('asks for every eliminated food to come back, only eliminated foods to be challenged, and a bounded length', async () => {
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId, { challenges: [{ food: 'Soy', portions, washoutDays: 3 }] }));
    expect(out.ok).toBe(false);
    const errors = out.ok ? {} : (out.fieldErrors ?? {});
    expect(errors['challenges.0.food']).toEqual(['Soy is not among the foods being eliminated: add it there first.']);
    expect(errors.foods).toEqual([expect.stringMatching(/^Schedule a reintroduction challenge for Dairy/), expect.stringMatching(/^Schedule a reintroduction challenge for Wheat/)]);
    const tooLong = await startProtocol(nutri, c.patient.id, start(nutri.userId, { eliminationWeeks: 13 }));
    expect(tooLong.ok ? {} : tooLong.fieldErrors).toEqual({ eliminationWeeks: ['The elimination length in weeks must be a whole number from 1 to 12.'] });
    const tooEarly = await startProtocol(nutri, c.patient.id, start(nutri.userId, { startDate: addDays(today, -29) }));
    expect(tooEarly.ok ? {} : tooEarly.fieldErrors?.startDate).toEqual([expect.stringMatching(/^Start between /)]);
  });

  it('asks to acknowledge the IgG caution when an IgG panel is the reason', async () => {
    const panel = await recordResult(nutri, c.patient.id, 'food_panel', { effectiveDate: addDays(today, -5), method: 'igg', laboratory: 'Direct lab', items: [{ food: 'Wheat', value: 40, unit: 'U/mL', cutoff: 30 }] });
    expect(panel.ok).toBe(true);
    if (!panel.ok) return;
    const input = start(nutri.userId, { reasonKind: 'food_panel', reasonResultId: panel.data.resultId, reasonText: '' });
    const first = await startProtocol(nutri, c.patient.id, input);
    expect(first).toMatchObject({ ok: false, cautions: [{ code: 'igg-reason' }] });
    expect((await startProtocol(nutri, c.patient.id, { ...input, acknowledgedCautions: ['igg-reason'] })).ok).toBe(true);
  });

  it('keeps one running protocol per patient', async () => {
    expect((await startProtocol(nutri, c.patient.id, start(nutri.userId))).ok).toBe(true);
    expect(await startProtocol(nutri, c.patient.id, start(nutri.userId))).toMatchObject({ ok: false, error: expect.stringMatching(/already has an elimination protocol running/) });
  });
});

describe('access', () => {
  it('refuses clinicians off the team and patients, and audits the refusal', async () => {
    await expect(startProtocol(actorOf(c.dermOffTeam), c.patient.id, start(nutri.userId))).rejects.toThrow(NO_ACCESS_MESSAGE);
    await expect(startProtocol(patient, c.patient.id, start(nutri.userId))).rejects.toThrow();
    await expect(getPatientProtocols(actorOf(c.dermOffTeam), c.patient.id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId));
    if (!out.ok) throw new Error(out.error);
    await expect(stopProtocol(actorOf(c.dermOffTeam), { protocolId: out.data.protocolId, expectedVersion: 1, reason: 'x' })).rejects.toThrow(NO_ACCESS_MESSAGE);
    await expect(confirmVerdict(patient, { protocolId: out.data.protocolId, expectedVersion: 1, food: 'Wheat / gluten', verdict: 'tolerated' })).rejects.toThrow();
    await expect(acceptProtocol(nutri, { protocolId: '00000000-0000-4000-8000-000000000000', expectedVersion: 1 })).rejects.toThrow(NO_ACCESS_MESSAGE);
    // Another patient cannot report against this protocol: their own record has none.
    expect(await reportReaction(actorOf(c.otherPatientUser), { occurredOn: today, symptom: 'Itch', severity: 'mild' })).toMatchObject({ ok: false, error: expect.stringMatching(/no food reintroduction running/) });
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, c.dermOffTeam.id), eq(auditEvents.outcome, 'denied')));
    expect(denied.map((e) => e.action)).toEqual(expect.arrayContaining(['reintroduction.start', 'reintroduction.read', 'reintroduction.stop']));
  });
});

describe('changes', () => {
  it('detects a concurrent change: the second save at the same version is told who won, nothing is lost', async () => {
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId));
    if (!out.ok) throw new Error(out.error);
    const reordered = { protocolId: out.data.protocolId, expectedVersion: 1, challenges: [...start(nutri.userId).challenges].reverse() };
    const [a, b] = await Promise.all([updateChallenges(nutri, reordered), stopProtocol(derm, { protocolId: out.data.protocolId, expectedVersion: 1, reason: 'Patient moving away' })]);
    const outcomes = [a, b];
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ ok: false, error: expect.stringMatching(/changed this protocol since you opened it \(version 1, now 2\)/) });
    expect((await protocolRow(out.data.protocolId))?.version).toBe(2);
  });

  it('lets future challenges move and refuses moving one that has begun', async () => {
    // A 1-week elimination from 8 days ago: wheat began yesterday; dairy starts in 5 days.
    const began = addDays(today, -8);
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId, { startDate: began, eliminationWeeks: 1 }));
    if (!out.ok) throw new Error(out.error);
    const swapped = [...start(nutri.userId).challenges].reverse();
    const refused = await updateChallenges(nutri, { protocolId: out.data.protocolId, expectedVersion: 1, challenges: swapped });
    expect(refused).toMatchObject({ ok: false, error: 'Only challenges that have not begun can change. Nothing was saved.' });
    const tweaked = start(nutri.userId).challenges.map((ch, i) => (i === 1 ? { ...ch, portions: ['a splash', '¼ cup'], washoutDays: 2 } : ch));
    const ok = await updateChallenges(nutri, { protocolId: out.data.protocolId, expectedVersion: 1, challenges: tweaked });
    expect(ok).toMatchObject({ ok: true, data: { version: 2 } });
  });
});

describe('the caseload flags an elimination running past its end date', () => {
  it('shows the badge and filters by it, and a finished or stopped protocol is not flagged', async () => {
    // 1 week from 28 days ago, two foods of 3 days + 3 washout: the last day was 10 days ago.
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId, { startDate: addDays(today, -28), eliminationWeeks: 1 }));
    if (!out.ok) throw new Error(out.error);
    const flagged = await listCaseload(nutri, parseCaseloadQuery({ followUp: 'elimination_overrun' }));
    expect(flagged.rows.map((r) => [r.id, r.eliminationOverrunSince])).toEqual([[c.patient.id, addDays(today, -10)]]);
    expect(await stopProtocol(nutri, { protocolId: out.data.protocolId, expectedVersion: 1, reason: 'Finished with the dietitian in clinic' })).toMatchObject({ ok: true });
    expect((await listCaseload(nutri, parseCaseloadQuery({ followUp: 'elimination_overrun' }))).rows).toEqual([]);
    const all = await listCaseload(nutri, parseCaseloadQuery({}));
    expect(all.rows.find((r) => r.id === c.patient.id)?.eliminationOverrunSince).toBeNull();
  });
});

describe('verdicts and reactions', () => {
  // Started 28 days ago with 1 week of elimination: wheat was challenged on days 7–9, read until day 11.
  async function runningSince28Days() {
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId, { startDate: addDays(today, -28), eliminationWeeks: 1 }));
    if (!out.ok) throw new Error(out.error);
    return out.data.protocolId;
  }

  it('suggests from the diary, confirms, asks a reason to override and a review date to keep a food out, then finishes', async () => {
    const protocolId = await runningSince28Days();
    const firstChallengeDay = addDays(today, -21);
    expect((await recordResult(derm, c.patient.id, 'score', { effectiveDate: addDays(today, -30), instrument: 'easi', value: 12 })).ok).toBe(true);
    for (let d = -3; d <= 4; d++) expect((await addDiaryEntry(patient, { entryDate: addDays(firstChallengeDay, d), itch: 2, flare: 1 })).ok).toBe(true);
    const view = await getPatientProtocols(nutri, c.patient.id);
    const wheat = view.current?.challenges[0];
    expect(wheat).toMatchObject({ status: 'awaiting_verdict', suggestion: { verdict: 'tolerated', suggested: true } });

    expect(await confirmVerdict(nutri, { protocolId, expectedVersion: 1, food: 'Wheat / gluten', verdict: 'reacted' })).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.stringMatching(/Axis suggested “tolerated”/)], reviewDate: [expect.stringMatching(/stays out of the diet: set the date/)] },
    });
    expect(await confirmVerdict(nutri, { protocolId, expectedVersion: 1, food: 'Wheat / gluten', verdict: 'tolerated' })).toMatchObject({ ok: true, data: { version: 2, status: 'active' } });
    expect(await confirmVerdict(nutri, { protocolId, expectedVersion: 2, food: 'Wheat / gluten', verdict: 'tolerated' })).toMatchObject({ ok: false, error: expect.stringMatching(/already confirmed/) });

    // Dairy: reported reaction on its second challenge day → suggested "reacted"; confirmed with a review date.
    const dairyDay2 = addDays(today, -21 + 6 + 1);
    expect(await reportReaction(patient, { occurredOn: dairyDay2, occurredTime: '19:30', symptom: 'Hives on arms', severity: 'moderate' })).toMatchObject({ ok: true });
    const after = await getPatientProtocols(nutri, c.patient.id);
    expect(after.current?.challenges[1]?.suggestion?.verdict).toBe('reacted');
    const reviewDate = addDays(today, 90);
    expect(await confirmVerdict(nutri, { protocolId, expectedVersion: 2, food: 'Dairy (cow’s milk)', verdict: 'reacted', reviewDate })).toMatchObject({ ok: true, data: { version: 3, status: 'finished' } });
    const tasks = await getDb().select().from(clinicianTasks).where(eq(clinicianTasks.protocolId, protocolId));
    expect(tasks.map((t) => t.description)).toContainEqual(expect.stringMatching(/^Review Dairy \(cow’s milk\) \(stays out of the diet/));
    const mine = await getMyProtocol(patient);
    expect(mine?.challenges.map((x) => x.confirmed?.verdict)).toEqual(['tolerated', 'reacted']);
    // The patient's view carries nothing the team has not shared: no scores, no team tasks.
    expect(mine).toMatchObject({ scoreStrip: null, responses: [], tasks: [] });
    expect((await getPatientProtocols(nutri, c.patient.id)).past[0]?.tasks.length).toBeGreaterThan(0);
  });

  it('reads a day the patient marked (ill, a new food) as a confounder: the suggestion is inconclusive and says why', async () => {
    await runningSince28Days();
    const firstChallengeDay = addDays(today, -21);
    for (let d = -3; d <= 4; d++) {
      const confounders = d === 1 ? ['illness'] : [];
      expect((await addDiaryEntry(patient, { entryDate: addDays(firstChallengeDay, d), itch: 2, flare: 1, confounders })).ok).toBe(true);
    }
    const wheat = (await getPatientProtocols(nutri, c.patient.id)).current?.challenges[0];
    expect(wheat?.suggestion).toMatchObject({ verdict: 'inconclusive', reasons: ['Something else could explain symptoms: intercurrent illness.'] });
    expect(await addDiaryEntry(patient, { entryDate: today, itch: 1, confounders: ['cosmic rays'] })).toMatchObject({ ok: false, fieldErrors: { 'confounders.0': ['Choose from the list.'] } });
  });

  it('refuses a verdict before the challenge has been read, and "I reacted" in the future or before the plan', async () => {
    const out = await startProtocol(nutri, c.patient.id, start(nutri.userId));
    if (!out.ok) throw new Error(out.error);
    expect(await confirmVerdict(nutri, { protocolId: out.data.protocolId, expectedVersion: 1, food: 'Wheat / gluten', verdict: 'tolerated' })).toMatchObject({ ok: false, error: expect.stringMatching(/is read until .*confirm a verdict after that/) });
    expect(await reportReaction(patient, { occurredOn: addDays(today, 1), symptom: 'Itch', severity: 'mild' })).toMatchObject({ ok: false, fieldErrors: { occurredOn: ['The date cannot be in the future.'] } });
    expect(await reportReaction(patient, { occurredOn: today, symptom: '', severity: 'worst' })).toMatchObject({ ok: false, fieldErrors: { symptom: ['Say what happened.'], severity: ['Choose mild, moderate or severe.'] } });
    expect(await getDb().select().from(challengeReactions).where(eq(challengeReactions.patientId, c.patient.id))).toEqual([]);
  });

  it('keeps reactions as records: the database refuses to change or delete one', async () => {
    await runningSince28Days();
    const out = await reportReaction(patient, { occurredOn: today, symptom: 'Bloating', severity: 'mild', gutOnly: true });
    if (!out.ok) throw new Error(out.error);
    await expect(getDb().update(challengeReactions).set({ severity: 'severe' }).where(eq(challengeReactions.id, out.data.reactionId))).rejects.toThrow();
    await expect(getDb().delete(challengeReactions).where(eq(challengeReactions.id, out.data.reactionId))).rejects.toThrow();
  });
});
