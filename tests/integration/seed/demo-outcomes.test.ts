import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { users } from '../../../db/schema';
import { DEMO_STAFF, seedDemoClinic } from '../../../db/seed/demo-clinic';
import { DEMO_OUTCOME_GROUPS } from '../../../db/seed/demo-outcomes';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { cohortDrillDown, cohortOutcomes } from '../../../lib/outcomes/cohorts';

// A fresh clone's Outcomes page must show real numbers for the two questions the demo is built for.

let rivera: Actor;
beforeAll(async () => {
  expect((await seedDemoClinic(getDb(), new Date('2026-11-23T09:00:00.000Z'))).seeded).toBe(true);
  const [u] = await getDb().select().from(users).where(eq(users.email, DEMO_STAFF.find((s) => s.key === 'derm1')?.email ?? ''));
  if (!u) throw new Error('no Dr. Rivera');
  rivera = { userId: u.id, role: 'clinician', name: u.name, email: u.email, specialty: u.specialty, patientId: null, sessionId: '00000000-0000-4000-8000-000000000000', requestAddress: '203.0.113.7' };
});

describe('demo outcomes seed', () => {
  it('plans at least 10 responders and 10 non-responders per group', () => {
    for (const g of DEMO_OUTCOME_GROUPS) {
      expect(g.responders).toBeGreaterThanOrEqual(10);
      expect(g.nonResponders).toBeGreaterThanOrEqual(10);
    }
  });

  it.each([
    { condition: 'rosacea', finding: 'breath_test_positive', instrument: 'dlqi' },
    { condition: 'atopic-dermatitis', finding: 'food_panel_positive', instrument: 'easi' },
  ] as const)('shows numbers, not "fewer than", for $condition + $finding on $instrument', async (query) => {
    const outcome = await cohortOutcomes(rivera, query);
    for (const g of outcome.groups) {
      expect(g.withheld, g.group).toBeNull();
      expect(g.patients, g.group).toBeGreaterThanOrEqual(20);
      expect(g.rate, g.group).not.toBeNull();
      expect(g.medianChange, g.group).not.toBeNull();
    }
    const cohort = outcome.groups.find((g) => g.group === 'cohort');
    expect(cohort?.rate?.value).toBeGreaterThan(0.4);
    // Rivera sees her own share of these patients, and only hers.
    const mine = await cohortDrillDown(rivera, query);
    expect(mine.rows.length).toBeGreaterThan(5);
  });
});
