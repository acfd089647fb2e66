import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, diaryEntries } from '../../../db/schema';
import { addDiaryEntry } from '../../../lib/diary/mutations';
import { listDiaryEntries } from '../../../lib/diary/queries';
import { ForbiddenError } from '../../../lib/platform/errors';
import { getPatientTimeline } from '../../../lib/timeline/queries';
import { actorOf, makeClinic } from '../fixtures';

// The daily food-and-symptom diary: written only by the patient about themself, read by the patient
// and the care team; everyone else refused, and every refusal audited.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let entryId = '';
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  c = await makeClinic();
  const out = await addDiaryEntry(actorOf(c.patientUser), {
    entryDate: today(),
    meals: [{ time: '08:00', description: 'Oats with blueberries' }, { description: 'Lentil soup' }],
    stoolForm: 4,
    itch: 3,
    flare: 2,
    notes: 'Slept well',
  });
  if (!out.ok) throw new Error(out.error);
  entryId = out.data.entryId;
});

async function denied(userId: string, action: string) {
  return (await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action), eq(auditEvents.outcome, 'denied')))).length;
}

describe('addDiaryEntry', () => {
  it('stores the entry as submitted by the patient and audits it', async () => {
    const [row] = await getDb().select().from(diaryEntries).where(eq(diaryEntries.id, entryId));
    expect(row).toMatchObject({ patientId: c.patient.id, submittedBy: c.patientUser.id, stoolForm: 4, itch: 3, flare: 2, notes: 'Slept well' });
    expect(row?.meals).toEqual([{ time: '08:00', description: 'Oats with blueberries' }, { description: 'Lentil soup' }]);
    const audit = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'diary.create'), eq(auditEvents.entityId, entryId)));
    expect(audit.map((a) => a.outcome)).toEqual(['allowed']);
  });

  it('refuses an empty day and a future date', async () => {
    const patient = actorOf(c.patientUser);
    expect(await addDiaryEntry(patient, { entryDate: today(), meals: [] })).toMatchObject({ ok: false });
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await addDiaryEntry(patient, { entryDate: future, itch: 1 })).toMatchObject({ ok: false, fieldErrors: { entryDate: ['The date cannot be in the future.'] } });
    expect(await addDiaryEntry(patient, { entryDate: today(), itch: 11 })).toMatchObject({ ok: false });
  });

  it('a patient cannot write in another patient’s diary; clinicians and admins cannot write at all', async () => {
    await expect(addDiaryEntry(actorOf(c.otherPatientUser), { entryDate: today(), itch: 1 }, { patientId: c.patient.id })).rejects.toThrow(ForbiddenError);
    expect(await denied(c.otherPatientUser.id, 'diary.create')).toBe(1);
    for (const user of [c.dermOnTeam, c.nutritionistOnTeam, c.admin]) {
      await expect(addDiaryEntry(actorOf(user), { entryDate: today(), itch: 1 }, { patientId: c.patient.id })).rejects.toThrow(ForbiddenError);
      expect(await denied(user.id, 'diary.create')).toBe(1);
    }
    const rows = await getDb().select().from(diaryEntries).where(eq(diaryEntries.patientId, c.patient.id));
    expect(rows).toHaveLength(1);
  });
});

describe('listDiaryEntries', () => {
  it('the patient reads their own; team clinicians read it, marked patient-reported', async () => {
    for (const user of [c.patientUser, c.dermOnTeam, c.nutritionistOnTeam]) {
      const list = await listDiaryEntries(actorOf(user), c.patient.id, { from: today(), to: today() });
      expect(list.map((e) => e.id)).toEqual([entryId]);
      expect(list[0]?.patientReported).toBe(true);
    }
    const allowed = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, c.dermOnTeam.id), eq(auditEvents.action, 'diary.list'), eq(auditEvents.outcome, 'allowed')));
    expect(allowed.length).toBeGreaterThan(0);
  });

  it('date range is inclusive and excludes other days', async () => {
    expect(await listDiaryEntries(actorOf(c.dermOnTeam), c.patient.id, { to: '2000-01-01' })).toEqual([]);
  });

  it.each(['otherPatientUser', 'dermOffTeam', 'gastroOffTeam', 'admin', 'deactivatedClinician'] as const)('%s is refused and audited', async (who) => {
    const user = c[who];
    await expect(listDiaryEntries(actorOf(user), c.patient.id)).rejects.toThrow(ForbiddenError);
    expect(await denied(user.id, 'diary.list')).toBeGreaterThanOrEqual(1);
  });

  it('the diary appears on the team’s timeline as a patient-reported diary entry', async () => {
    const { entries } = await getPatientTimeline(actorOf(c.dermOnTeam), c.patient.id, { kinds: ['diary'] });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'diary', date: today(), authorName: c.patientUser.name });
    expect(entries[0]?.title).toContain('Patient-reported');
    const filtered = await getPatientTimeline(actorOf(c.dermOnTeam), c.patient.id, { kinds: ['note'] });
    expect(filtered.entries.some((e) => e.kind === 'diary')).toBe(false);
  });
});
