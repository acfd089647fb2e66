import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, emergencyAccessGrants, results } from '../../../db/schema';
import { EMERGENCY_READ_ONLY_MESSAGE, NO_ACCESS_MESSAGE } from '../../../lib/platform/access/guard';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { endEmergencyAccess, requestEmergencyAccess } from '../../../lib/emergency-access/mutations';
import { getLiveEmergencyAccess, listEmergencyAccessesForPatient, listRecentEmergencyAccessesOnMyPatients } from '../../../lib/emergency-access/queries';
import { ForbiddenError } from '../../../lib/platform/errors';
import { saveNote } from '../../../lib/notes/mutations';
import { getPatientRecord } from '../../../lib/patients/queries';
import { recordResult } from '../../../lib/results/mutations';
import { getPatientResults, getResult } from '../../../lib/results/queries';
import { getPatientTimeline } from '../../../lib/timeline/queries';
import { actorOf, makeClinic, makeUser } from '../fixtures';
import { recordOk, scoreInput } from '../results/inputs';

// Break-the-glass end to end against the database: who may ask, what a grant opens (reading one
// patient's record, for a limited time, every read marked with the grant), what it never opens
// (writing, other patients), how the care team sees it, and that grants cannot be rewritten.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let gastro: Actor;
let resultId: string;

const REASON = 'Seen in the emergency department tonight with a severe flare; the care team cannot be reached.';

async function grantsOf(userId: string) {
  return getDb().select().from(emergencyAccessGrants).where(eq(emergencyAccessGrants.clinicianUserId, userId));
}

async function eventsOf(actor: Actor, action: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action)))
    .orderBy(auditEvents.id);
}

/** A grant written straight into the table, with times relative to the database's clock. */
async function insertGrant(patientId: string, clinicianUserId: string, startedMinutesAgo: number, lastsMinutes: number) {
  const [row] = await getDb()
    .insert(emergencyAccessGrants)
    .values({
      patientId,
      clinicianUserId,
      reasonCategory: 'urgent_care',
      reason: REASON,
      grantedAt: sql`now() - make_interval(mins => ${startedMinutesAgo}::int)`,
      expiresAt: sql`now() - make_interval(mins => ${startedMinutesAgo}::int) + make_interval(mins => ${lastsMinutes}::int)`,
    })
    .returning();
  if (!row) throw new Error('no grant');
  return row;
}

function fullMessage(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(' | ');
}

beforeAll(async () => {
  c = await makeClinic();
  gastro = actorOf(c.gastroOffTeam);
  resultId = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'score', scoreInput('easi', 14, '2025-02-03'));
});

describe('asking for emergency access', () => {
  it('refuses an empty or meaningless request field by field, storing nothing', async () => {
    const result = await requestEmergencyAccess(gastro, { mrn: '', reasonCategory: '', reason: 'urgent' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['mrn', 'reason', 'reasonCategory']);
    const filler = await requestEmergencyAccess(gastro, { mrn: c.patient.mrn, reasonCategory: 'other', reason: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' });
    expect(filler.ok === false && filler.fieldErrors?.reason).toBeTruthy();
    expect(await grantsOf(gastro.userId)).toHaveLength(0);
  });

  it('says so when no patient has the MRN, and audits the attempt', async () => {
    const result = await requestEmergencyAccess(gastro, { mrn: 'AX-NOPE-1', reasonCategory: 'urgent_care', reason: REASON });
    expect(result).toMatchObject({ ok: false, fieldErrors: { mrn: [expect.stringContaining('No patient has this MRN')] } });
    const [event] = await eventsOf(gastro, 'emergency_access.grant');
    expect(event).toMatchObject({ outcome: 'denied', patientId: null, detail: { reason: 'patient-not-found', mrn: 'AX-NOPE-1' } });
    expect(await grantsOf(gastro.userId)).toHaveLength(0);
  });

  it('never grants administrators or patients, and audits their attempts', async () => {
    for (const user of [c.admin, c.patientUser]) {
      const actor = actorOf(user);
      const result = await requestEmergencyAccess(actor, { mrn: c.patient.mrn, reasonCategory: 'urgent_care', reason: REASON });
      expect(result).toMatchObject({ ok: false, error: expect.stringContaining('Only clinicians') });
      expect(await grantsOf(user.id)).toHaveLength(0);
      const events = await eventsOf(actor, 'emergency_access.grant');
      expect(events.map((e) => e.outcome)).toEqual(['denied']);
    }
    await expect(getPatientRecord(actorOf(c.admin), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a deactivated clinician', async () => {
    const result = await requestEmergencyAccess(actorOf(c.deactivatedClinician), { mrn: c.otherPatient.mrn, reasonCategory: 'urgent_care', reason: REASON });
    expect(result.ok).toBe(false);
    expect(await grantsOf(c.deactivatedClinician.id)).toHaveLength(0);
  });

  it('sends a care-team member straight to the record without a grant', async () => {
    const result = await requestEmergencyAccess(actorOf(c.dermOnTeam), { mrn: c.patient.mrn, reasonCategory: 'urgent_care', reason: REASON });
    expect(result).toEqual({ ok: true, data: { patientId: c.patient.id, grantId: null, expiresAt: null, alreadyOnCareTeam: true } });
    expect(await grantsOf(c.dermOnTeam.id)).toHaveLength(0);
  });
});

describe('a granted emergency access', () => {
  let grantId: string;

  beforeAll(async () => {
    await expect(getPatientRecord(gastro, c.patient.id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    const result = await requestEmergencyAccess(gastro, { mrn: c.patient.mrn.toLowerCase(), reasonCategory: 'urgent_care', reason: `  ${REASON}  ` });
    if (!result.ok || !result.data.grantId) throw new Error(`grant refused: ${JSON.stringify(result)}`);
    grantId = result.data.grantId;
  });

  it('is stored with its reason and lasts the configured 60 minutes by the database clock', async () => {
    const [grant] = await grantsOf(gastro.userId);
    expect(grant).toMatchObject({ id: grantId, patientId: c.patient.id, reasonCategory: 'urgent_care', reason: REASON });
    expect(grant && grant.expiresAt.getTime() - grant.grantedAt.getTime()).toBe(60 * 60_000);
  });

  it('is itself an audit event carrying the reason', async () => {
    const events = await eventsOf(gastro, 'emergency_access.grant');
    const allowed = events.filter((e) => e.outcome === 'allowed');
    expect(allowed).toHaveLength(1);
    expect(allowed[0]).toMatchObject({
      patientId: c.patient.id,
      entityType: 'emergency_access',
      entityId: grantId,
      requestAddress: '203.0.113.7',
      detail: { emergencyAccessId: grantId, reasonCategory: 'urgent_care', reasonText: REASON, minutes: 60 },
    });
  });

  it('opens the record for reading, and every read is audited with the grant', async () => {
    const [mark] = await getDb().select({ maxId: sql<number>`coalesce(max(${auditEvents.id}), 0)`.mapWith(Number) }).from(auditEvents);
    const record = await getPatientRecord(gastro, c.patient.id);
    expect(record.mrn).toBe(c.patient.mrn);
    const { results: list } = await getPatientResults(gastro, c.patient.id);
    expect(list.map((r) => r.id)).toContain(resultId);
    await getResult(gastro, resultId);
    await getPatientTimeline(gastro, c.patient.id);

    const reads = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, gastro.userId), sql`${auditEvents.id} > ${mark?.maxId ?? 0}`));
    const recent = reads.filter((e) => ['patient.read', 'result.list', 'result.read', 'timeline.read'].includes(e.action));
    expect(new Set(recent.map((e) => e.action))).toEqual(new Set(['patient.read', 'result.list', 'result.read', 'timeline.read']));
    for (const event of recent) {
      expect(event.outcome).toBe('allowed');
      expect(event.patientId).toBe(c.patient.id);
      expect(event.detail).toMatchObject({ emergencyAccessId: grantId });
    }
  });

  it('opens nothing for writing: each write is refused, audited with the grant, and leaves nothing behind', async () => {
    const [{ n: resultsBefore } = { n: 0 }] = await getDb().select({ n: count() }).from(results).where(eq(results.patientId, c.patient.id));
    await expect(recordResult(gastro, c.patient.id, 'score', scoreInput('easi', 3, '2025-02-04'))).rejects.toThrow(EMERGENCY_READ_ONLY_MESSAGE);
    await expect(saveNote(gastro, c.patient.id, { body: 'Seen in ED.', visibility: 'care_team', sign: false, links: [], tasks: [] })).rejects.toBeInstanceOf(ForbiddenError);
    const [{ n: resultsAfter } = { n: 0 }] = await getDb().select({ n: count() }).from(results).where(eq(results.patientId, c.patient.id));
    expect(resultsAfter).toBe(resultsBefore);
    for (const action of ['result.create', 'note.create']) {
      const [denied] = await eventsOf(gastro, action);
      expect(denied).toMatchObject({ outcome: 'denied', patientId: c.patient.id, detail: { reason: 'emergency-access-is-read-only', emergencyAccessId: grantId } });
    }
  });

  it('opens only that patient', async () => {
    await expect(getPatientRecord(gastro, c.otherPatient.id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    const [denied] = (await eventsOf(gastro, 'patient.read')).filter((e) => e.patientId === c.otherPatient.id);
    expect(denied).toMatchObject({ outcome: 'denied', detail: { reason: 'not-on-care-team' } });
    expect(denied?.detail).not.toHaveProperty('emergencyAccessId');
  });

  it('opens nothing for another clinician', async () => {
    await expect(getPatientRecord(actorOf(c.dermOffTeam), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getLiveEmergencyAccess(actorOf(c.dermOffTeam), c.patient.id)).toBeNull();
  });

  it('is reported to its holder for the banner, with the time left', async () => {
    const live = await getLiveEmergencyAccess(gastro, c.patient.id);
    expect(live).toMatchObject({ id: grantId });
    expect(live?.secondsLeft).toBeGreaterThan(59 * 60 - 30);
    expect(live?.secondsLeft).toBeLessThanOrEqual(60 * 60);
    expect(await getLiveEmergencyAccess(gastro, c.otherPatient.id)).toBeNull();
    expect(await getLiveEmergencyAccess(gastro, 'not-a-uuid')).toBeNull();
  });

  it('is shown to the care team: who, specialty, when, how long, why', async () => {
    for (const member of [c.dermOnTeam, c.nutritionistOnTeam]) {
      const list = await listEmergencyAccessesForPatient(actorOf(member), c.patient.id);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        id: grantId,
        clinicianName: c.gastroOffTeam.name,
        clinicianSpecialty: 'gastroenterology',
        reasonCategory: 'urgent_care',
        reason: REASON,
        durationMinutes: 60,
        live: true,
      });
    }
    const [listed] = await eventsOf(actorOf(c.dermOnTeam), 'emergency_access.list');
    expect(listed).toMatchObject({ outcome: 'allowed', patientId: c.patient.id });
  });

  it('is not shown to administrators, patients or clinicians off the team', async () => {
    for (const user of [c.admin, c.patientUser, c.dermOffTeam]) {
      await expect(listEmergencyAccessesForPatient(actorOf(user), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('stops working for a clinician who is deactivated meanwhile', async () => {
    const temp = await makeUser('clinician', { specialty: 'nutrition' });
    const result = await requestEmergencyAccess(actorOf(temp), { mrn: c.patient.mrn, reasonCategory: 'covering_colleague', reason: REASON });
    expect(result.ok).toBe(true);
    await getPatientRecord(actorOf(temp), c.patient.id);
    await getDb().execute(sql`update users set active = false, deactivated_at = now() where id = ${temp.id}`);
    await expect(getPatientRecord(actorOf(temp), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('expiry', () => {
  it('an expired grant opens nothing, and ends by itself without any change to its row', async () => {
    const clinician = await makeUser('clinician', { specialty: 'dermatology' });
    const expired = await insertGrant(c.patient.id, clinician.id, 120, 60);
    await expect(getPatientRecord(actorOf(clinician), c.patient.id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    expect(await getLiveEmergencyAccess(actorOf(clinician), c.patient.id)).toBeNull();
    const [denied] = await eventsOf(actorOf(clinician), 'patient.read');
    expect(denied?.detail).toMatchObject({ reason: 'not-on-care-team' });
    expect(denied?.detail).not.toHaveProperty('emergencyAccessId');
    // The care team still sees it, as finished.
    const list = await listEmergencyAccessesForPatient(actorOf(c.dermOnTeam), c.patient.id);
    expect(list.find((g) => g.id === expired.id)).toMatchObject({ live: false, durationMinutes: 60, endedEarly: false });
  });

  it('a grant in its last minute still works; the latest of several live grants is the one marked', async () => {
    const clinician = await makeUser('clinician', { specialty: 'dermatology' });
    await insertGrant(c.patient.id, clinician.id, 59, 60);
    const later = await insertGrant(c.patient.id, clinician.id, 1, 60);
    await getPatientRecord(actorOf(clinician), c.patient.id);
    const [read] = await eventsOf(actorOf(clinician), 'patient.read');
    expect(read).toMatchObject({ outcome: 'allowed', detail: { emergencyAccessId: later.id } });
  });
});

describe('emergency_access_grants in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const before = await getDb().select().from(emergencyAccessGrants).orderBy(emergencyAccessGrants.id);
    expect(before.length).toBeGreaterThan(0);
    for (const [statement, op] of [
      [sql`update emergency_access_grants set expires_at = now() + interval '10 hours'`, 'UPDATE'],
      [sql`delete from emergency_access_grants`, 'DELETE'],
      [sql`truncate emergency_access_grants`, 'TRUNCATE'],
    ] as const) {
      const error = await getDb()
        .execute(statement)
        .then(() => undefined, (e: unknown) => e);
      expect(fullMessage(error)).toContain(`emergency_access_grants is append-only: ${op} is not allowed`);
    }
    expect(await getDb().select().from(emergencyAccessGrants).orderBy(emergencyAccessGrants.id)).toEqual(before);
  });

  it('refuses a too-short reason and a window over 24 hours, whatever the code does', async () => {
    const attempt = (reason: string, hours: number) =>
      getDb()
        .insert(emergencyAccessGrants)
        .values({ patientId: c.patient.id, clinicianUserId: c.gastroOffTeam.id, reasonCategory: 'other', reason, expiresAt: sql`now() + make_interval(hours => ${hours}::int)` })
        .then(() => undefined, (e: unknown) => fullMessage(e));
    expect(await attempt('too short', 1)).toContain('emergency_access_reason_length');
    expect(await attempt(REASON, 25)).toContain('emergency_access_window');
    expect(await attempt(REASON, 24)).toBeUndefined();
  });
});

describe('the care team’s "For you" list', () => {
  it('lists last week’s emergency accesses to the member’s own patients only, and audits each patient shown', async () => {
    const outsider = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Weeks Ago' });
    const old = await insertGrant(c.patient.id, outsider.id, 8 * 24 * 60, 60);
    const onOther = await insertGrant(c.otherPatient.id, outsider.id, 5, 60);

    const mine = await listRecentEmergencyAccessesOnMyPatients(actorOf(c.nutritionistOnTeam));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((g) => g.patientId === c.patient.id)).toBe(true);
    expect(mine.map((g) => g.id)).not.toContain(old.id);
    expect(mine.map((g) => g.id)).not.toContain(onOther.id);
    expect(mine[0]).toMatchObject({ patientMrn: c.patient.mrn, patientName: 'Okonkwo, Amara' });
    const audited = await eventsOf(actorOf(c.nutritionistOnTeam), 'emergency_access.list');
    expect(audited.filter((e) => e.detail?.view === 'for-you').map((e) => e.patientId)).toEqual([c.patient.id]);

    // The other patient's lead sees that one, not this patient's.
    const theirs = await listRecentEmergencyAccessesOnMyPatients(actorOf(c.dermOffTeam));
    expect(theirs.map((g) => g.id)).toEqual([onOther.id]);
  });

  it('is for clinicians only', async () => {
    await expect(listRecentEmergencyAccessesOnMyPatients(actorOf(c.admin))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listRecentEmergencyAccessesOnMyPatients(actorOf(c.patientUser))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('ending emergency access early', () => {
  it('the holder ends it: the record closes at once, the care team sees it as finished, and it is audited', async () => {
    const clinician = actorOf(await makeUser('clinician', { specialty: 'gastroenterology' }));
    const granted = await requestEmergencyAccess(clinician, { mrn: c.patient.mrn, reasonCategory: 'consult_request', reason: REASON });
    if (!granted.ok || !granted.data.grantId) throw new Error('not granted');
    const grantId = granted.data.grantId;
    await getPatientRecord(clinician, c.patient.id);

    // Nobody else can end it, and the attempt is audited as refused.
    expect(await endEmergencyAccess(actorOf(c.dermOnTeam), grantId)).toEqual({ ok: false, error: 'That emergency access was not found.' });
    const [attempt] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, c.dermOnTeam.id), eq(auditEvents.action, 'emergency_access.end')));
    expect(attempt).toMatchObject({ outcome: 'denied', entityId: grantId, detail: { reason: 'not-your-emergency-access' } });
    expect(await getLiveEmergencyAccess(clinician, c.patient.id)).toMatchObject({ id: grantId });

    expect(await endEmergencyAccess(clinician, grantId)).toEqual({ ok: true, data: { patientId: c.patient.id } });
    await expect(getPatientRecord(clinician, c.patient.id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    expect(await getLiveEmergencyAccess(clinician, c.patient.id)).toBeNull();
    expect(await endEmergencyAccess(clinician, grantId)).toMatchObject({ ok: false });
    expect(await endEmergencyAccess(clinician, 'nonsense')).toMatchObject({ ok: false });

    const listed = (await listEmergencyAccessesForPatient(actorOf(c.dermOnTeam), c.patient.id)).find((g) => g.id === grantId);
    expect(listed).toMatchObject({ live: false, durationMinutes: 0, endedEarly: true });
    const ends = await eventsOf(clinician, 'emergency_access.end');
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, entityId: grantId, detail: { emergencyAccessId: grantId } });
  });

  it('the database accepts setting ended_at once and nothing else', async () => {
    const clinician = await makeUser('clinician', { specialty: 'dermatology' });
    const grant = await insertGrant(c.patient.id, clinician.id, 1, 60);
    const attempt = (statement: ReturnType<typeof sql>) =>
      getDb()
        .execute(statement)
        .then(() => undefined, (e: unknown) => fullMessage(e));
    expect(await attempt(sql`update emergency_access_grants set ended_at = now(), reason = ${`${REASON} (edited)`} where id = ${grant.id}`)).toContain('append-only: UPDATE');
    expect(await attempt(sql`update emergency_access_grants set ended_at = now(), expires_at = expires_at + interval '1 hour' where id = ${grant.id}`)).toContain('append-only: UPDATE');
    expect(await attempt(sql`update emergency_access_grants set ended_at = now() where id = ${grant.id}`)).toBeUndefined();
    expect(await attempt(sql`update emergency_access_grants set ended_at = now() + interval '1 hour' where id = ${grant.id}`)).toContain('append-only: UPDATE');
    expect(await attempt(sql`update emergency_access_grants set ended_at = null where id = ${grant.id}`)).toContain('append-only: UPDATE');
    expect(await attempt(sql`delete from emergency_access_grants where id = ${grant.id}`)).toContain('append-only: DELETE');
  });
});
