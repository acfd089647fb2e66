import { and, asc, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, useDatabase, type DatabaseHandle } from '../../../db/client';
import { auditEvents } from '../../../db/schema';
import { NO_ACCESS_MESSAGE } from '../../../lib/platform/access/guard';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { addGoal } from '../../../lib/care-plans/mutations';
import { getCarePlan } from '../../../lib/care-plans/queries';
import { addDiaryEntry } from '../../../lib/diary/mutations';
import { daysAgo, listDiaryEntries } from '../../../lib/diary/queries';
import { requestEmergencyAccess } from '../../../lib/emergency-access/mutations';
import { listEmergencyAccessesForPatient } from '../../../lib/emergency-access/queries';
import { ForbiddenError } from '../../../lib/platform/errors';
import { listNotes } from '../../../lib/notes/queries';
import { getPatientRecord } from '../../../lib/patients/queries';
import { loadPatientRecordPage } from '../../../lib/patients/record-page';
import { getPatientResults, getScoreSeries } from '../../../lib/results/queries';
import { actorOf, addCondition, addToTeam, makeClinic, makePatient, makeUser, openCountedDatabase, statementsDuring } from '../fixtures';
import { makeIntervention, savedOk } from '../notes/helpers';
import { proposeOk, topical } from '../care-plans/inputs';
import { recordOk, scoreInput, siboBreathTest } from '../results/inputs';

// The clinician's patient page reads every card through one loader (docs/PERFORMANCE.md): one access
// check, one audit insert, a fixed number of statements however large the record. It must show
// exactly what the cards' own lib/ functions return, refuse exactly as they do, and leave the same
// audit trail.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let original: DatabaseHandle | undefined;
let counted: DatabaseHandle;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
let gi: Actor;
let fewPatientId: string;

async function eventsSince(actor: Actor, afterId: number) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, actor.userId), gt(auditEvents.id, afterId)))
    .orderBy(asc(auditEvents.id));
}

async function lastEventId(): Promise<number> {
  const [row] = await getDb().select({ id: max(auditEvents.id) }).from(auditEvents);
  return row?.id ?? 0;
}

beforeAll(async () => {
  original = (globalThis as unknown as { axisDb?: DatabaseHandle }).axisDb;
  counted = await openCountedDatabase();
  useDatabase(counted);

  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
  const giUser = await makeUser('clinician', { specialty: 'gastroenterology', name: 'Dr Gut Member' });
  await addToTeam(c.patient.id, giUser.id);
  gi = actorOf(giUser);

  // A rich record: 30 results (scores over three instruments and breath tests), eight notes with tags,
  // a care plan, two weeks of diary and an emergency access.
  const resultIds: string[] = [];
  for (let i = 0; i < 24; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String(Math.floor(i / 8) + 1).padStart(2, '0');
    const instrument = ['easi', 'poem', 'dlqi'][i % 3] ?? 'easi';
    resultIds.push(await recordOk(i % 2 ? nutri : derm, c.patient.id, 'score', scoreInput(instrument, 5 + (i % 9), `2025-${month}-${day}`)));
  }
  for (let i = 0; i < 6; i++) resultIds.push(await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest(`2025-06-${String(i + 1).padStart(2, '0')}`)));
  const interventionId = await makeIntervention(c.patient.id, nutri.userId);
  for (let i = 0; i < 8; i++) {
    await savedOk(i % 2 ? nutri : derm, c.patient.id, {
      body: `Note ${i}`,
      sign: i % 3 === 0,
      links: i % 2 ? [{ targetType: 'result', targetId: resultIds[i] }, { targetType: 'intervention', targetId: interventionId }] : [],
    });
  }
  const goal = await addGoal(derm, c.patient.id, { description: 'EASI below 7 by March' });
  if (!goal.ok) throw new Error('goal refused');
  // Proposed by the dermatologist for the nutritionist to accept: awaiting the nutritionist's decision only.
  await proposeOk(derm, c.patient.id, topical(nutri.userId));
  for (let i = 0; i < 14; i++) {
    const entry = await addDiaryEntry(actorOf(c.patientUser), { entryDate: daysAgo(i), itch: i % 10, meals: [{ description: `Meal ${i}` }] });
    if (!entry.ok) throw new Error(`diary refused: ${JSON.stringify(entry)}`);
  }
  const grant = await requestEmergencyAccess(actorOf(c.gastroOffTeam), {
    mrn: c.patient.mrn,
    reasonCategory: 'urgent_care',
    reason: 'Seen in the emergency department tonight with a severe flare; the care team cannot be reached.',
  });
  if (!grant.ok) throw new Error('grant refused');

  // A small record: one result, nothing else.
  const few = await makePatient({ givenName: 'Few', familyName: 'Results' });
  await addToTeam(few.id, c.dermOnTeam.id, 'lead');
  await addCondition(few.id, 'L20.9', 'Atopic dermatitis, unspecified');
  await recordOk(derm, few.id, 'score', scoreInput('easi', 9, '2025-02-01'));
  fewPatientId = few.id;
});

afterAll(async () => {
  useDatabase(original);
  await counted?.close();
});

describe('statements per page', () => {
  it('are at most 10 and the same for a record with one result as for one with thirty, notes, plan and diary', async () => {
    const few = await statementsDuring(() => loadPatientRecordPage(derm, fewPatientId));
    const many = await statementsDuring(() => loadPatientRecordPage(derm, c.patient.id));
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
    // Access facts, one audit insert, the record with its small sections, results, notes with tags, view time.
    expect(many).toBeLessThanOrEqual(10);
  });

  it('were far more when every card checked and audited on its own (the reason for the loader)', async () => {
    const separate = await statementsDuring(async () => {
      await getPatientRecord(derm, c.patient.id);
      await Promise.all([getPatientResults(derm, c.patient.id), getScoreSeries(derm, c.patient.id)]);
      await Promise.all([
        getCarePlan(derm, c.patient.id, { changes: 0 }),
        listNotes(derm, c.patient.id, { limit: 6 }),
        listDiaryEntries(derm, c.patient.id, { from: daysAgo(13) }),
        listEmergencyAccessesForPatient(derm, c.patient.id),
      ]);
    });
    const loader = await statementsDuring(() => loadPatientRecordPage(derm, c.patient.id));
    expect(loader).toBeLessThan(separate / 2);
  });
});

describe('what the page shows', () => {
  it('is what the cards\' own lib/ functions return', async () => {
    const page = await loadPatientRecordPage(derm, c.patient.id);
    expect(page.record).toEqual(await getPatientRecord(derm, c.patient.id));
    expect(page.scoreSeries).toEqual(await getScoreSeries(derm, c.patient.id));
    expect(page.notes).toEqual(await listNotes(derm, c.patient.id, { limit: 6 }));
    expect(page.notes).toHaveLength(6);
    expect(page.notes.some((n) => n.links.length === 2 && n.links.every((l) => l.label))).toBe(true);
    expect(page.diary).toEqual(await listDiaryEntries(derm, c.patient.id, { from: daysAgo(13) }));
    expect(page.diary).toHaveLength(14);
    expect(page.emergencyAccesses).toEqual(await listEmergencyAccessesForPatient(derm, c.patient.id));
    expect(page.emergencyAccesses).toHaveLength(1);
    expect(page.liveEmergencyAccessId).toBeNull();

    const plan = await getCarePlan(derm, c.patient.id, { changes: 0 });
    expect(page.plan.goals).toEqual(plan.goals.map((g) => ({ id: g.id, description: g.description, targetDate: g.targetDate, status: g.status })));
    expect(page.plan.interventions).toEqual(
      plan.interventions.map((i) => ({
        id: i.id,
        title: i.title,
        status: i.status,
        ownerName: i.ownerName,
        startDate: i.startDate,
        endDate: i.endDate,
        awaitingMyAcceptance: i.awaitingMyAcceptance,
      })),
    );
    expect(page.plan.awaitingMyAcceptance).toBe(0);
    // The nutritionist owns the proposals (one straight in the table, one proposed by the dermatologist).
    const forOwner = (await loadPatientRecordPage(nutri, c.patient.id)).plan;
    expect(forOwner.awaitingMyAcceptance).toBe(2);
    expect(forOwner.awaitingMyAcceptance).toBe((await getCarePlan(nutri, c.patient.id, { changes: 0 })).awaitingMyAcceptance);
  });

  it('marks results new and awaiting review as the results list does, and moves the view time', async () => {
    // Two members who have never opened the record: one through the loader, one through the list.
    const other = await makeUser('clinician', { specialty: 'nutrition', name: 'Dr Second Look' });
    await addToTeam(c.patient.id, other.id);
    const viaLoader = await loadPatientRecordPage(gi, c.patient.id);
    const viaList = await getPatientResults(actorOf(other), c.patient.id);
    expect(viaLoader.results).toEqual(viaList);
    expect(viaLoader.results.results).toHaveLength(30);
    expect(viaLoader.results.results.every((r) => r.isNew && r.awaitingMyReview)).toBe(true);
    // Looking again: nothing is new any more, everything still awaits review.
    const again = await loadPatientRecordPage(gi, c.patient.id);
    expect(again.results.previousViewAt).not.toBeNull();
    expect(again.results.results.some((r) => r.isNew)).toBe(false);
    expect(again.results.results.every((r) => r.awaitingMyReview)).toBe(true);
  });
});

describe('audit trail', () => {
  it('records the same events as the cards did, in one insert', async () => {
    const before = await lastEventId();
    const statements = await statementsDuring(() => loadPatientRecordPage(derm, c.patient.id));
    const events = await eventsSince(derm, before);
    expect(events.map((e) => e.action)).toEqual([
      'patient.read',
      'result.list',
      'score.trend.read',
      'care_plan.read',
      'note.list',
      'diary.list',
      'emergency_access.list',
      'follow_up.list',
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, entityType: 'patient', entityId: c.patient.id, requestAddress: '203.0.113.7' });
    }
    expect(statements).toBeLessThanOrEqual(10);
  });

  it('marks every event of a reader under emergency access with the grant, and says the page is read-only', async () => {
    const gastro = actorOf(c.gastroOffTeam);
    const before = await lastEventId();
    const page = await loadPatientRecordPage(gastro, c.patient.id);
    expect(page.liveEmergencyAccessId).toEqual(page.emergencyAccesses[0]?.id);
    expect(page.emergencyAccesses[0]).toMatchObject({ live: true, durationMinutes: 60 });
    const events = await eventsSince(gastro, before);
    expect(events).toHaveLength(8);
    for (const e of events) expect(e).toMatchObject({ outcome: 'allowed', detail: { emergencyAccessId: page.liveEmergencyAccessId } });
  });
});

describe('refusals', () => {
  it.each([
    ['a clinician off the care team', () => actorOf(c.dermOffTeam), 'not-on-care-team'],
    ['an administrator', () => actorOf(c.admin), 'admin-reads-no-clinical-data'],
    ['a deactivated clinician on the team', () => actorOf(c.deactivatedClinician), 'inactive-account'],
  ])('refuses %s without saying whether the patient exists, and records one denial', async (_who, actorFor, reason) => {
    const actor = actorFor();
    const before = await lastEventId();
    await expect(loadPatientRecordPage(actor, c.patient.id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    const events = await eventsSince(actor, before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'patient.read', outcome: 'denied', patientId: c.patient.id, detail: { reason } });
  });

  it('refuses the patient themself: the care team\'s view is not the portal', async () => {
    const patient = actorOf(c.patientUser);
    const before = await lastEventId();
    await expect(loadPatientRecordPage(patient, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    const events = await eventsSince(patient, before);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([['result.list', 'denied']]);
  });

  it.each([
    ['an unknown patient id', '00000000-0000-4000-8000-00000000dead'],
    ['a malformed id', "1' or '1'='1"],
  ])('refuses %s the same way', async (_what, patientId) => {
    const before = await lastEventId();
    await expect(loadPatientRecordPage(derm, patientId)).rejects.toThrow(NO_ACCESS_MESSAGE);
    const events = await eventsSince(derm, before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'patient.read', outcome: 'denied', detail: { reason: 'patient-not-found' } });
  });
});
