import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { eliminationProtocols, patients, users } from '../../../db/schema';
import { seedDemoClinic } from '../../../db/seed/demo-clinic';
import { DEMO_RESULTS_FEATURED_MRN } from '../../../db/seed/demo-results';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { getMyProtocol, getPatientProtocols } from '../../../lib/reintroduction/queries';
import { actorOf } from '../fixtures';

// A fresh clone shows an elimination protocol in each phase (issue: demo clinic), seeded from today so the
// phases are live: Maya Chen eliminating with dairy refused at home for her sIgE, a portal patient mid-challenge,
// one finished with mixed verdicts that match what the diary suggests.

async function supervisorOf(patientId: string): Promise<Actor> {
  const [row] = await getDb().select({ supervisorId: eliminationProtocols.supervisorId }).from(eliminationProtocols).where(eq(eliminationProtocols.patientId, patientId));
  const [u] = await getDb().select().from(users).where(eq(users.id, row?.supervisorId ?? ''));
  if (!u) throw new Error('no supervisor');
  return actorOf(u);
}

let rows: (typeof eliminationProtocols.$inferSelect & { mrn: string })[];
beforeAll(async () => {
  expect((await seedDemoClinic(getDb(), new Date())).seeded).toBe(true);
  const all = await getDb().select({ p: eliminationProtocols, mrn: patients.mrn }).from(eliminationProtocols).innerJoin(patients, eq(patients.id, eliminationProtocols.patientId));
  rows = all.map((r) => ({ ...r.p, mrn: r.mrn }));
});

describe('demo reintroduction seed', () => {
  it('has Maya Chen eliminating, with dairy refused at home for her positive sIgE and a referral task', async () => {
    const maya = rows.find((r) => r.mrn === DEMO_RESULTS_FEATURED_MRN);
    expect(maya?.status).toBe('active');
    const view = await getPatientProtocols(await supervisorOf(maya?.patientId ?? ''), maya?.patientId ?? '');
    expect(view.current?.phaseToday.phase).toBe('eliminating');
    expect(view.current?.supervisedOnly).toEqual([{ food: 'Dairy (cow’s milk)', reasons: [expect.stringMatching(/positive specific IgE/)] }]);
    expect(view.current?.tasks.map((t) => t.description)).toContainEqual(expect.stringMatching(/^Refer to an allergist/));
    // The start form knows it too, before anything is saved.
    expect(view.form.refusedAtHome.map((r) => r.food)).toContain('Dairy (cow’s milk)');
  });

  it('has a portal patient on day 2 of a challenge, with a diary and a reported reaction', async () => {
    const mid = rows.find((r) => r.status === 'active' && r.mrn !== DEMO_RESULTS_FEATURED_MRN);
    const [account] = await getDb().select().from(users).where(eq(users.patientId, mid?.patientId ?? ''));
    if (!account) throw new Error('no portal account');
    const mine = await getMyProtocol(actorOf(account));
    expect(mine?.phaseToday).toMatchObject({ phase: 'challenge', day: 2, of: 3 });
    expect(mine?.reactions).toHaveLength(1);
  });

  it('has a finished protocol whose confirmed verdicts are what the diary suggests: tolerated, reacted, inconclusive', async () => {
    const done = rows.find((r) => r.status === 'finished');
    const view = await getPatientProtocols(await supervisorOf(done?.patientId ?? ''), done?.patientId ?? '');
    const finished = view.past[0];
    expect(finished?.challenges.map((c) => [c.confirmed?.verdict, c.suggestion?.verdict])).toEqual([
      ['tolerated', 'tolerated'],
      ['reacted', 'reacted'],
      ['inconclusive', 'inconclusive'],
    ]);
    expect(finished?.scoreStrip?.points.length).toBeGreaterThanOrEqual(3);
  });
});
