import { atHomeReintroductionRefusal } from '../../../lib/care-plans/reintroduction-safety';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database, type DatabaseHandle } from '../../../db/client';
import { carePlanChanges, carePlanGoals, carePlanInterventions, careTeamMembers, patients, results, users } from '../../../db/schema';
import { isDemoOutcomesMrn } from '../../../db/seed/demo-outcomes';
import { DEMO_CARE_PLANS } from '../../../db/seed/demo-care-plans';
import { DEMO_STAFF, seedDemoClinic } from '../../../db/seed/demo-clinic';
import { DEMO_RESULTS_FEATURED_MRN, DEMO_RESULTS_LAST_DATE } from '../../../db/seed/demo-results';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { getOutcomeOverlay, getPatientTimeline } from '../../../lib/timeline/queries';
import { openScratchDatabase } from '../fixtures';

const NOW = new Date('2026-11-23T09:00:00.000Z');

async function describePlans(db: Database): Promise<string> {
  const ps = await db.select({ id: patients.id, mrn: patients.mrn }).from(patients);
  const us = await db.select({ id: users.id, email: users.email }).from(users);
  const mrn = new Map(ps.map((p) => [p.id, p.mrn]));
  const email = new Map(us.map((u) => [u.id, u.email]));
  const is = await db.select().from(carePlanInterventions).orderBy(asc(carePlanInterventions.id));
  const cs = await db.select().from(carePlanChanges).orderBy(asc(carePlanChanges.id));
  const gs = await db.select().from(carePlanGoals).orderBy(asc(carePlanGoals.id));
  return [
    ...is.map((i) => [i.id, mrn.get(i.patientId), i.title, i.kind, i.status, i.startDate, i.endDate, i.statusReason, email.get(i.ownerUserId), i.acceptedAt?.toISOString(), i.version].join(' | ')),
    // Snapshots name users by id, which the database generates: compare them by email.
    ...cs.map((c) => [c.entityId, c.version, c.change, email.get(c.changedBy), c.changedAt.toISOString(), JSON.stringify(c.snapshot).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => email.get(id) ?? id)].join(' | ')),
    ...gs.map((g) => [g.id, mrn.get(g.patientId), g.description, g.targetDate].join(' | ')),
  ].join('\n');
}

let rivera: Actor;
let chenId: string;

beforeAll(async () => {
  expect((await seedDemoClinic(getDb(), NOW)).seeded).toBe(true);
  const [u] = await getDb().select().from(users).where(eq(users.email, DEMO_STAFF.find((s) => s.key === 'derm1')?.email ?? ''));
  if (!u) throw new Error('no Dr. Rivera');
  rivera = { userId: u.id, role: 'clinician', name: u.name, email: u.email, specialty: u.specialty, patientId: null, sessionId: '00000000-0000-4000-8000-000000000000', requestAddress: '203.0.113.7' };
  const [chen] = await getDb().select().from(patients).where(eq(patients.mrn, DEMO_RESULTS_FEATURED_MRN));
  if (!chen) throw new Error('no Maya Chen');
  chenId = chen.id;
});

describe('demo care plans seed', () => {
  it('brings back at home no food its patient must be challenged with under supervision (the rule the plan enforces)', async () => {
    const diets = await getDb().select().from(carePlanInterventions).where(eq(carePlanInterventions.kind, 'diet'));
    const refusals: string[] = [];
    for (const d of diets) {
      const refused = await atHomeReintroductionRefusal(getDb(), d.patientId, { kind: d.kind, details: d.details });
      if (refused) refusals.push(`${d.title}: ${refused.fieldErrors['details.foods']?.join(' ')}`);
    }
    expect(diets.length).toBeGreaterThan(5);
    expect(refusals).toEqual([]);
  });

  it('gives Maya Chen the tacrolimus, rifaximin and low-FODMAP periods and the EASI goal', async () => {
    const overlay = await getOutcomeOverlay(rivera, chenId);
    expect(overlay.interventions.map((i) => [i.title, i.ownerSpecialty, i.status, i.startDate, i.endDate])).toEqual([
      ['Topical tacrolimus 0.1% ointment twice daily', 'dermatology', 'active', '2025-11-25', null],
      ['Rifaximin 550 mg tid 14 days', 'dermatology', 'completed', '2025-12-05', '2025-12-19'],
      ['Low-FODMAP elimination phase', 'nutrition', 'active', '2026-01-15', null],
    ]);
    expect(overlay.instruments.easi?.length).toBeGreaterThanOrEqual(5);
    const goals = await getDb().select().from(carePlanGoals).where(eq(carePlanGoals.patientId, chenId));
    expect(goals.map((g) => [g.description, g.targetInstrument, g.targetValue])).toEqual([['EASI below 7 by March 2026', 'easi', '7']]);

    const timeline = await getPatientTimeline(rivera, chenId, { kinds: ['plan'] });
    const texts = timeline.entries.map((e) => e.title);
    expect(texts).toContain('Low-FODMAP elimination phase proposed by Nina Patel, RD');
    expect(texts).toContain('Low-FODMAP elimination phase accepted by Dr. Elena Rivera');
    expect(texts).toContain('Rifaximin 550 mg tid 14 days completed');
    const nutrition = await getPatientTimeline(rivera, chenId, { specialties: ['nutrition'], kinds: ['plan'] });
    expect(nutrition.entries.length).toBeGreaterThan(0);
    expect(nutrition.entries.every((e) => e.authorSpecialty === 'nutrition')).toBe(true);
  });

  it('keeps every plan consistent: owners on the team, dates ordered and within the results window, one change per version', async () => {
    const mrns = new Map((await getDb().select({ id: patients.id, mrn: patients.mrn }).from(patients)).map((p) => [p.id, p.mrn]));
    // The outcome-history patients' single interventions are checked by their own test.
    const is = (await getDb().select().from(carePlanInterventions)).filter((i) => !isDemoOutcomesMrn(mrns.get(i.patientId)));
    const cs = await getDb().select().from(carePlanChanges);
    const team = await getDb().select().from(careTeamMembers);
    expect(is).toHaveLength(DEMO_CARE_PLANS.reduce((n, p) => n + p.interventions.length, 0));
    for (const i of is) {
      expect(team.some((m) => m.patientId === i.patientId && m.userId === i.ownerUserId), i.title).toBe(true);
      if (i.startDate && i.endDate) expect(i.endDate >= i.startDate, i.title).toBe(true);
      if (i.startDate) expect(i.startDate <= DEMO_RESULTS_LAST_DATE, i.title).toBe(true);
      const history = cs.filter((c) => c.entityId === i.id).sort((a, b) => a.version - b.version);
      expect(history.map((c) => c.version), i.title).toEqual(Array.from({ length: i.version }, (_, k) => k + 1));
      expect(history[0]?.change).toBe('propose');
      if (i.status !== 'proposed' && i.status !== 'declined') expect(history[1]?.change).toBe('accept');
      for (const c of history) expect(team.some((m) => m.patientId === i.patientId && m.userId === c.changedBy)).toBe(true);
    }
    // The seeded periods leave room for the scores: several plans have EASI, PASI or UAS7 points around them.
    const rs = await getDb().select({ patientId: results.patientId }).from(results).where(eq(results.kind, 'score'));
    const withScores = new Set(rs.map((r) => r.patientId));
    expect(new Set(is.map((i) => i.patientId)).size).toBe(DEMO_CARE_PLANS.length);
    expect([...new Set(is.map((i) => i.patientId))].every((p) => withScores.has(p))).toBe(true);
  });

  describe('determinism', () => {
    let scratch: DatabaseHandle | undefined;
    afterAll(async () => {
      await scratch?.close();
    });

    it('produces the same plans in a second fresh database', async () => {
      scratch = await openScratchDatabase();
      expect((await seedDemoClinic(scratch.db, NOW)).seeded).toBe(true);
      expect(await describePlans(scratch.db)).toBe(await describePlans(getDb()));
    });
  });
});
