import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, carePlanInterventions, results } from '../../../db/schema';
import type { InterventionKind } from '../../../db/schema/enum-values';
import { assessResponse, DEFAULT_RESPONSE_SETTINGS, primaryCriterion } from '../../../lib/clinical/outcomes/response';
import { addDays } from '../../../lib/clinical/dates';
import { cohortDrillDown, cohortOutcomes, selectCohortAggregates } from '../../../lib/outcomes/cohorts';
import type { CohortQuery } from '../../../lib/outcomes/cohort-query';
import { ForbiddenError } from '../../../lib/platform/errors';
import type { users } from '../../../db/schema';
import { actorOf, addCondition, addToTeam, makePatient, makeUser } from '../fixtures';

// Clinic outcomes in SQL: the same answers as the per-patient rule in lib/clinical/outcomes (checked on
// generated patients), small cells suppressed inside the database, access and audit.

type User = typeof users.$inferSelect;
let derm: User;
let other: User;
const TODAY = '2026-12-07';

async function score(patientId: string, instrument: string, effectiveDate: string, value: number) {
  await getDb().insert(results).values({
    patientId,
    kind: 'score',
    seriesId: randomUUID(),
    version: 1,
    effectiveDate,
    title: instrument,
    summary: `${instrument} ${value}`,
    flag: 'info',
    instrument,
    value,
    data: {},
    interpretation: {},
    enteredBy: derm.id,
  });
}

async function finding(patientId: string, kind: 'breath_test' | 'food_panel' | 'h_pylori', flag: 'abnormal' | 'normal' | 'info', effectiveDate = '2026-01-01') {
  await getDb().insert(results).values({ patientId, kind, seriesId: randomUUID(), version: 1, effectiveDate, title: kind, summary: kind, flag, data: {}, interpretation: {}, enteredBy: derm.id });
}

async function intervention(patientId: string, kind: InterventionKind, startDate: string, status: 'active' | 'completed' | 'proposed' | 'declined' = 'active', responseWeeks: number | null = null) {
  await getDb()
    .insert(carePlanInterventions)
    .values({
      patientId,
      kind,
      title: `${kind} from ${startDate}`,
      ownerSpecialty: 'dermatology',
      ownerUserId: derm.id,
      status,
      startDate,
      responseWeeks,
      proposedBy: derm.id,
      updatedBy: derm.id,
      acceptedBy: status === 'proposed' ? null : derm.id,
      acceptedAt: status === 'proposed' ? null : new Date(),
    });
}

async function patientWith(code: string, display: string, team: User = derm) {
  const p = await makePatient();
  await addCondition(p.id, code, display);
  await addToTeam(p.id, team.id, 'lead');
  return p;
}

beforeAll(async () => {
  derm = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Outcomes' });
  other = await makeUser('clinician', { specialty: 'nutrition', name: 'Dr Elsewhere' });
});

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the SQL answers what the per-patient rule answers', () => {
  it('on 120 generated rosacea patients: counts, responders and medians per group match assessResponse', async () => {
    const rand = prng(20261207);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const expected = { cohort: [] as { assessable: boolean; responder: boolean | null; change: number | null }[], comparison: [] as { assessable: boolean; responder: boolean | null; change: number | null }[] };
    for (let n = 0; n < 120; n++) {
      const p = await patientWith('L71.9', 'Rosacea, unspecified');
      const positive = rand() < 0.5;
      const tested = rand() < 0.8;
      if (tested) await finding(p.id, 'breath_test', positive ? 'abnormal' : 'normal');
      const starts: { kind: InterventionKind; start: string; weeks: number | null }[] = [];
      const count = 1 + Math.floor(rand() * 3);
      // Same-day starts and same-day scores are tie-broken by random ids and entry times in the database,
      // which this model cannot know: the generator keeps one start and one score per day per patient.
      const startDays = new Set<string>();
      const scoreDays = new Set<string>();
      for (let k = 0; k < count; k++) {
        const kind = pick(['diet', 'medication', 'probiotic'] as const);
        let start = addDays('2026-01-01', Math.floor(rand() * 300));
        while (startDays.has(start)) start = addDays(start, 1);
        startDays.add(start);
        const weeks = rand() < 0.2 ? 8 : null;
        const status = pick(['active', 'completed', 'active', 'proposed'] as const);
        // Proposed ones never ran: no scores are placed around them below, but they must not count.
        await intervention(p.id, kind, start, status, weeks);
        if (status !== 'proposed') starts.push({ kind, start, weeks });
      }
      const points: { effectiveDate: string; value: number }[] = [];
      const add = async (date: string, value: number) => {
        if (scoreDays.has(date)) return;
        scoreDays.add(date);
        await score(p.id, 'dlqi', date, value);
        points.push({ effectiveDate: date, value });
      };
      // Scores around each start (baseline up to 35 days before; follow-up 3 weeks early to 10 days late),
      // so both edges of both windows are exercised, plus a few anywhere.
      for (const st of starts) {
        if (rand() < 0.7) await add(addDays(st.start, -Math.floor(rand() * 36)), Math.floor(rand() * 20));
        if (rand() < 0.7) await add(addDays(st.start, (st.weeks ?? 12) * 7 + Math.floor(rand() * 32) - 21), Math.floor(rand() * 20));
      }
      const noise = Math.floor(rand() * 3);
      for (let s = 0; s < noise; s++) await add(addDays('2025-12-01', Math.floor(rand() * 360)), Math.floor(rand() * 20));
      // The question: rosacea, breath test positive, a diet. Exposed = finding and a diet that ran.
      const sortedStarts = [...starts].sort((a, b) => a.start.localeCompare(b.start));
      const firstDiet = sortedStarts.find((s) => s.kind === 'diet');
      const first = sortedStarts[0];
      const exposed = tested && positive && firstDiet !== undefined;
      const index = exposed ? firstDiet : first;
      points.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
      let assessable = false;
      let responder: boolean | null = null;
      let change: number | null = null;
      if (index) {
        const r = assessResponse({ intervention: { id: 'x', title: 'x', startDate: index.start, endDate: null, responseWeeks: index.weeks }, instrument: 'dlqi', points, others: [], today: TODAY });
        assessable = r.status === 'assessed';
        responder = assessable ? (r.criteria[0]?.met ?? null) : null;
        change = assessable ? r.change : null;
      }
      expected[exposed ? 'cohort' : 'comparison'].push({ assessable, responder, change });
    }
    const query: CohortQuery = { condition: 'rosacea', finding: 'breath_test_positive', kind: 'diet', instrument: 'dlqi' };
    const raw = await selectCohortAggregates(getDb(), query, DEFAULT_RESPONSE_SETTINGS, TODAY, 1);
    for (const grp of ['cohort', 'comparison'] as const) {
      const want = expected[grp];
      const row = raw.find((r) => r.grp === grp);
      const assessable = want.filter((w) => w.assessable);
      const judged = assessable.filter((w) => w.responder !== null);
      const responders = judged.filter((w) => w.responder);
      expect(Number(row?.patients), grp).toBe(want.length);
      expect(Number(row?.assessable), grp).toBe(assessable.length);
      expect(Number(row?.judged), grp).toBe(judged.length);
      // Shown only when both responders and non-responders reach the cell size (1 here).
      if (responders.length >= 1 && judged.length - responders.length >= 1) expect(Number(row?.responders), grp).toBe(responders.length);
      else expect(row?.responders, grp).toBeNull();
      const changes = assessable.map((w) => w.change as number).sort((a, b) => a - b);
      const median = changes.length === 0 ? null : changes.length % 2 ? changes[(changes.length - 1) / 2] : ((changes[changes.length / 2 - 1] as number) + (changes[changes.length / 2] as number)) / 2;
      expect(row?.median_change === null ? null : Number(row?.median_change), grp).toBe(median);
    }
    // The generator must exercise both groups and both answers, or the comparison proves little.
    for (const grp of ['cohort', 'comparison'] as const) {
      expect(expected[grp].filter((w) => w.assessable).length, grp).toBeGreaterThan(3);
      expect(expected[grp].filter((w) => w.responder === true).length, grp).toBeGreaterThan(0);
      expect(expected[grp].filter((w) => w.responder === false).length, grp).toBeGreaterThan(0);
    }
  });
});

describe('small cells', () => {
  const query: CohortQuery = { condition: 'psoriasis', finding: 'h_pylori_positive', instrument: 'pasi' };
  /** n psoriasis patients with a positive H. pylori test, each assessed: PASI 20 → 4 (PASI-75) or 20 → 15. */
  async function psoriasisPatients(n: number, responders: number) {
    for (let i = 0; i < n; i++) {
      const p = await patientWith('L40.0', 'Psoriasis vulgaris');
      await finding(p.id, 'h_pylori', 'abnormal');
      await intervention(p.id, 'medication', '2026-03-01');
      await score(p.id, 'pasi', '2026-02-20', 20);
      await score(p.id, 'pasi', '2026-05-24', i < responders ? 4 : 15);
    }
  }

  it('a 9-patient cell never leaves the database as a number; at 10 it does', async () => {
    await psoriasisPatients(9, 5);
    const raw = await selectCohortAggregates(getDb(), query, DEFAULT_RESPONSE_SETTINGS, TODAY, 10);
    const cohort = raw.find((r) => r.grp === 'cohort');
    expect(cohort).toEqual({ grp: 'cohort', patients: null, assessable: null, judged: null, responders: null, median_change: null, median_pct: null });
    // Nothing in what the driver returned is the number 9 (or any count at all).
    expect(JSON.stringify(raw)).not.toMatch(/\b9\b/);

    await psoriasisPatients(1, 1);
    const ten = (await selectCohortAggregates(getDb(), query, DEFAULT_RESPONSE_SETTINGS, TODAY, 10)).find((r) => r.grp === 'cohort');
    expect(Number(ten?.patients)).toBe(10);
    expect(Number(ten?.assessable)).toBe(10);
    // 6 responders and 4 non-responders: the rate would reveal 4, so it is withheld.
    expect(ten?.responders).toBeNull();
  });

  it('the page result says "fewer than" and gives no rate for a withheld cell', async () => {
    const outcome = await cohortOutcomes(actorOf(derm), query);
    const cohort = outcome.groups.find((g) => g.group === 'cohort');
    expect(outcome.minCell).toBe(10);
    expect(cohort).toMatchObject({ patients: 10, rate: null, withheld: expect.stringMatching(/Fewer than 10 responders or non-responders/) });
    expect(outcome.groups.find((g) => g.group === 'comparison')).toMatchObject({ patients: null, withheld: expect.stringMatching(/Fewer than 10 patients/) });
  });

  it('with 10 responders and 10 non-responders the rate and its Wilson interval are shown', async () => {
    await psoriasisPatients(14, 4); // now 20: 10 responders (5 + 1 + 4), 10 not
    const outcome = await cohortOutcomes(actorOf(derm), query);
    const cohort = outcome.groups.find((g) => g.group === 'cohort');
    expect(cohort).toMatchObject({ patients: 24, assessable: 24, judged: 24, withheld: null });
    expect(cohort?.responders).toBe(10);
    expect(cohort?.rate?.value).toBeCloseTo(10 / 24);
    expect(cohort?.rate?.low).toBeCloseTo(0.2447, 3);
    expect(cohort?.rate?.high).toBeCloseTo(0.6114, 3);
    expect(outcome.criterion?.id).toBe(primaryCriterion('pasi')?.id);
  });
});

describe('access and audit', () => {
  const query: CohortQuery = { condition: 'acne', instrument: 'iga_acne' };
  it('clinicians only; every query is audited with the question and no patient', async () => {
    const patientUser = await makeUser('patient', { patientId: (await makePatient()).id });
    const admin = await makeUser('admin');
    await expect(cohortOutcomes(actorOf(patientUser), query)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(cohortOutcomes(actorOf(admin), query)).rejects.toBeInstanceOf(ForbiddenError);
    await cohortOutcomes(actorOf(derm), query);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.action, 'outcomes.query'));
    const mine = events.filter((e) => e.actorUserId === derm.id && (e.detail as { query?: CohortQuery }).query?.condition === 'acne');
    expect(mine).toHaveLength(1);
    expect(mine[0]?.patientId).toBeNull();
    expect(events.filter((e) => e.outcome === 'denied').length).toBeGreaterThanOrEqual(2);
  });

  it('the drill-down lists only the viewer’s own patients', async () => {
    const mineP = await patientWith('L70.0', 'Acne vulgaris', derm);
    const theirs = await patientWith('L70.0', 'Acne vulgaris', other);
    const list = await cohortDrillDown(actorOf(derm), query);
    const ids = list.rows.map((r) => r.patientId);
    expect(ids).toContain(mineP.id);
    expect(ids).not.toContain(theirs.id);
    const listed = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'patient.list'), eq(auditEvents.patientId, mineP.id)));
    expect(listed).toHaveLength(1);
    expect((await cohortDrillDown(actorOf(other), query)).rows.map((r) => r.patientId)).toEqual([theirs.id]);
  });
});
