import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { careTeamMembers, patients } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { DEFAULT_CASELOAD_QUERY } from '../../../lib/patients/caseload-query';
import { listCaseload } from '../../../lib/patients/queries';
import { saveNote } from '../../../lib/notes/mutations';
import { actorOf, addToTeam, makePatient, makeUser } from '../fixtures';

// The caseload's default order reads each membership row's copy of its patient's latest activity
// (migration 0025). These tests hold the database to keeping that copy equal to the patient's own
// value, whoever writes what, and the caseload to following it.

const HOUR = 3_600_000;
// In the past, so a note written now is the latest activity.
const BASE = Date.parse('2021-03-01T09:00:00.000Z');

let derm: Actor;
let nutritionist: Actor;
let dermUserId: string;
let nutritionistUserId: string;
const ids: string[] = [];

async function copiesOf(patientId: string) {
  const rows = await getDb()
    .select({ userId: careTeamMembers.userId, copy: careTeamMembers.patientLastActivityAt, removedAt: careTeamMembers.removedAt })
    .from(careTeamMembers)
    .where(eq(careTeamMembers.patientId, patientId));
  return rows.map((r) => ({ ...r, copy: r.copy.toISOString() }));
}

async function activityOf(patientId: string): Promise<string> {
  const [p] = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, patientId));
  if (!p) throw new Error('no patient');
  return p.at.toISOString();
}

async function defaultOrder(actor: Actor): Promise<string[]> {
  const page = await listCaseload(actor, { ...DEFAULT_CASELOAD_QUERY, size: 50 });
  return page.rows.map((r) => r.id);
}

beforeAll(async () => {
  const d = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Activity' });
  const n = await makeUser('clinician', { specialty: 'nutrition', name: 'Nina Activity' });
  derm = actorOf(d);
  nutritionist = actorOf(n);
  dermUserId = d.id;
  nutritionistUserId = n.id;
  // Three patients, the first the least recently active.
  for (let i = 0; i < 3; i++) {
    const p = await makePatient({ lastActivityAt: new Date(BASE + i * HOUR) });
    await addToTeam(p.id, d.id, 'lead');
    await addToTeam(p.id, n.id);
    ids.push(p.id);
  }
});

describe('the membership copy of a patient’s latest activity', () => {
  it('is the patient’s own value on every new membership', async () => {
    for (const id of ids) {
      const at = await activityOf(id);
      expect((await copiesOf(id)).map((c) => c.copy)).toEqual([at, at]);
    }
  });

  it('takes the patient’s value whatever an insert says', async () => {
    const p = await makePatient({ lastActivityAt: new Date(BASE - 10 * HOUR) });
    const colleague = await makeUser('clinician', { specialty: 'gastroenterology' });
    await getDb()
      .insert(careTeamMembers)
      .values({ patientId: p.id, userId: colleague.id, patientLastActivityAt: new Date('2099-01-01T00:00:00.000Z') });
    expect((await copiesOf(p.id)).map((c) => c.copy)).toEqual([new Date(BASE - 10 * HOUR).toISOString()]);
  });

  it('cannot be written directly: an update of the copy takes the patient’s value again', async () => {
    const [id] = ids;
    if (!id) throw new Error('no patient');
    await getDb().update(careTeamMembers).set({ patientLastActivityAt: new Date('2099-01-01T00:00:00.000Z') }).where(eq(careTeamMembers.patientId, id));
    const at = await activityOf(id);
    expect((await copiesOf(id)).map((c) => c.copy)).toEqual([at, at]);
  });

  it('follows every change of the patient’s activity, on removed memberships too', async () => {
    const p = await makePatient({ lastActivityAt: new Date(BASE) });
    await addToTeam(p.id, dermUserId, 'lead');
    await getDb().insert(careTeamMembers).values({ patientId: p.id, userId: nutritionistUserId, role: 'member', removedAt: new Date(), removedBy: dermUserId });
    const later = new Date(BASE + 48 * HOUR);
    await getDb().update(patients).set({ lastActivityAt: later }).where(eq(patients.id, p.id));
    const copies = await copiesOf(p.id);
    expect(copies).toHaveLength(2);
    expect(copies.map((c) => c.copy)).toEqual([later.toISOString(), later.toISOString()]);
  });

  it('leaves a membership of a patient who does not exist to the foreign key to refuse', async () => {
    const insert = getDb().insert(careTeamMembers).values({ patientId: '00000000-0000-4000-8000-000000000000', userId: dermUserId });
    // drizzle wraps the driver's error in `cause`: the SQLSTATE is the foreign key's (23503).
    await expect(insert).rejects.toSatisfy((error: unknown) => (error as { cause?: { code?: unknown } }).cause?.code === '23503');
  });
});

describe('the caseload’s default order', () => {
  it('lists the most recently active first, for each member of the team', async () => {
    const expected = [...ids].reverse();
    expect((await defaultOrder(derm)).filter((id) => ids.includes(id))).toEqual(expected);
    expect((await defaultOrder(nutritionist)).filter((id) => ids.includes(id))).toEqual(expected);
  });

  it('moves a patient to the top for the whole team when a colleague writes a note', async () => {
    const [oldest] = ids;
    if (!oldest) throw new Error('no patient');
    const outcome = await saveNote(nutritionist, oldest, { body: 'Started a low-FODMAP trial; review in four weeks.', sign: true });
    expect(outcome.ok).toBe(true);
    for (const actor of [derm, nutritionist]) {
      const order = (await defaultOrder(actor)).filter((id) => ids.includes(id));
      expect(order[0]).toBe(oldest);
    }
    const page = await listCaseload(derm, { ...DEFAULT_CASELOAD_QUERY, size: 50 });
    const row = page.rows.find((r) => r.id === oldest);
    // The row shows the patient's own time, the same the order used.
    expect(row?.lastActivityAt).toBe(await activityOf(oldest));
  });
});

describe('the copy’s upkeep on a clinical write', () => {
  it('finds a patient’s memberships, removed ones included, by index: no scan of every membership', async () => {
    const [patientId] = ids;
    if (!patientId) throw new Error('no patient');
    const plan = await getDb().transaction(async (tx) => {
      // Forbid the sequential scan a tiny table would get, so the plan shows whether an index can serve it.
      await tx.execute(sql`set local enable_seqscan = off`);
      // The statement patients_copy_activity_to_care_team (migration 0025) runs for every activity change.
      const result = await tx.execute(sql`explain update care_team_members set patient_last_activity_at = now() where patient_id = ${patientId}`);
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, string>[];
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('care_team_patient_idx');
    expect(plan).not.toContain('Seq Scan');
  });
});
