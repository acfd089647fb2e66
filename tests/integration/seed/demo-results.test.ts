import { createHash } from 'node:crypto';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, openDatabase, type Database, type DatabaseHandle } from '../../../db/client';
import { migrateDatabase } from '../../../db/migrate';
import { careTeamMembers, conditions, eliminationProtocols, patients, patientViews, resultReviews, results, users } from '../../../db/schema';
import { RESULT_KINDS } from '../../../db/schema/enum-values';
import { DEMO_PATIENT_COUNT, DEMO_STAFF, seedDemoClinic } from '../../../db/seed/demo-clinic';
import { isDemoOutcomesMrn } from '../../../db/seed/demo-outcomes';
import { DEMO_RESULTS_FEATURED_CASELOAD, DEMO_RESULTS_FEATURED_MRN, DEMO_RESULTS_FIRST_DATE, DEMO_RESULTS_LAST_DATE } from '../../../db/seed/demo-results';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { countAwaitingReview } from '../../../lib/results/queries';
import { resultHandlers } from '../../../lib/results/kinds';
import { INSTRUMENT_IDS, getInstrument, scoreValueProblem } from '../../../lib/clinical/scores/instruments';

// A fixed clock for the clinic part of the seed; results use fixed absolute dates of their own.
const NOW = new Date('2026-11-23T09:00:00.000Z');

type ResultRow = typeof results.$inferSelect;

let rows: ResultRow[];
/** Patients whose finished demo protocol adds skin scores over its dates (demo-reintroduction.ts, tested there). */
let protocolScorePatients: Set<string>;
/** Every result in the clinic, the outcome-history patients' too. */
let allResults = 0;
let mrnOf: Map<string, string>;
let dobOf: Map<string, string>;

/** What the seed decided for each result, without database-generated patient/user ids, as one stable text. */
async function describeResults(db: Database): Promise<string> {
  const ps = await db.select({ id: patients.id, mrn: patients.mrn }).from(patients);
  const us = await db.select({ id: users.id, email: users.email }).from(users);
  const mrn = new Map(ps.map((p) => [p.id, p.mrn]));
  const email = new Map(us.map((u) => [u.id, u.email]));
  const rs = await db.select().from(results).orderBy(asc(results.id));
  return rs
    .map((r) =>
      [mrn.get(r.patientId), r.kind, r.effectiveDate, r.summary, r.flag, r.title, r.instrument, r.value, r.id, r.seriesId, email.get(r.enteredBy), r.enteredAt.toISOString()].join(' | '),
    )
    .sort()
    .join('\n');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  const summary = await seedDemoClinic(getDb(), NOW);
  expect(summary.seeded).toBe(true);
  const ps = await getDb().select({ id: patients.id, mrn: patients.mrn, dateOfBirth: patients.dateOfBirth }).from(patients);
  mrnOf = new Map(ps.map((p) => [p.id, p.mrn]));
  dobOf = new Map(ps.map((p) => [p.id, p.dateOfBirth]));
  // The outcome-history patients have their own seed and tests (demo-outcomes.ts).
  const every = await getDb().select().from(results);
  allResults = every.length;
  rows = every.filter((r) => !isDemoOutcomesMrn(mrnOf.get(r.patientId)));
  const finished = await getDb().select({ patientId: eliminationProtocols.patientId }).from(eliminationProtocols).where(eq(eliminationProtocols.status, 'finished'));
  protocolScorePatients = new Set(finished.map((f) => f.patientId));
});

describe('demo results seed', () => {
  it('gives results to about 80% of the patients (at least 30)', () => {
    const withResults = new Set(rows.map((r) => r.patientId)).size;
    expect(withResults).toBeGreaterThanOrEqual(30);
    expect(withResults).toBeGreaterThanOrEqual(Math.ceil(DEMO_PATIENT_COUNT * 0.75));
    expect(withResults).toBeLessThanOrEqual(Math.floor(DEMO_PATIENT_COUNT * 0.85));
  });

  it('tells the two stool test stories: an eczema patient’s calprotectin over time, a rosacea patient’s own microbiome report', async () => {
    const stool = rows.filter((r) => r.kind === 'stool_test');
    const codesOf = async (patientId: string) => (await getDb().select({ code: conditions.code }).from(conditions).where(eq(conditions.patientId, patientId))).map((c) => c.code);
    const calprotectin = stool.filter((r) => (r.data as { calprotectin?: unknown }).calprotectin);
    const series = new Set(calprotectin.map((r) => r.patientId));
    expect(series.size).toBe(1);
    const [eczema] = [...series];
    expect((await codesOf(eczema ?? '')).some((c) => c.startsWith('L20'))).toBe(true);
    // Falling over time, all from one lab and assay (comparable), each with the lab's interval stored.
    const values = calprotectin.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate)).map((r) => r.value);
    expect(values).toEqual([236, 162, 88, 41]);
    expect(calprotectin.map((r) => r.flag)).toEqual(['abnormal', 'abnormal', 'indeterminate', 'normal']);
    expect(new Set(calprotectin.map((r) => JSON.stringify((r.data as { calprotectin: { assay: string; laboratory: string } }).calprotectin.assay))).size).toBe(1);
    const microbiome = stool.filter((r) => (r.data as { microbiome?: unknown }).microbiome);
    expect(microbiome).toHaveLength(1);
    expect((await codesOf(microbiome[0]?.patientId ?? '')).some((c) => c.startsWith('L71'))).toBe(true);
    expect(microbiome[0]?.flag).toBe('info');
    expect(microbiome[0]?.summary).toMatch(/research-grade, not diagnostic/);
  });

  it('has an abnormal and a non-abnormal result of every kind', () => {
    for (const kind of RESULT_KINDS) {
      const ofKind = rows.filter((r) => r.kind === kind);
      expect(ofKind.some((r) => r.flag === 'abnormal'), `${kind} abnormal`).toBe(true);
      expect(ofKind.some((r) => r.flag !== 'abnormal'), `${kind} not abnormal`).toBe(true);
    }
  });

  it('stores exactly what the kind rules derive from the stored input (nothing hand-typed)', () => {
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const handler = resultHandlers[r.kind];
      const derived = handler.derive(handler.schema.parse(r.data), { dateOfBirth: dobOf.get(r.patientId) ?? '' });
      const where = `${mrnOf.get(r.patientId)} ${r.kind} ${r.effectiveDate}`;
      expect(r.interpretation, where).toEqual(JSON.parse(JSON.stringify(derived.interpretation)));
      expect(
        { effectiveDate: r.effectiveDate, title: r.title, summary: r.summary, flag: r.flag, criteriaSet: r.criteriaSet, loincCode: r.loincCode, instrument: r.instrument, value: r.value },
        where,
      ).toEqual({
        effectiveDate: derived.effectiveDate,
        title: derived.title,
        summary: derived.summary,
        flag: derived.flag,
        criteriaSet: derived.criteriaSet,
        loincCode: derived.loincCode,
        instrument: derived.instrument ?? null,
        value: derived.value ?? null,
      });
    }
  });

  it('has every result entered by a clinician on that patient’s care team', async () => {
    const team = await getDb()
      .select({ patientId: careTeamMembers.patientId, userId: careTeamMembers.userId, role: users.role })
      .from(careTeamMembers)
      .innerJoin(users, eq(users.id, careTeamMembers.userId))
      .where(isNull(careTeamMembers.removedAt));
    const onTeam = new Set(team.filter((m) => m.role === 'clinician').map((m) => `${m.patientId} ${m.userId}`));
    for (const r of rows) expect(onTeam.has(`${r.patientId} ${r.enteredBy}`), `${mrnOf.get(r.patientId)} ${r.kind} ${r.effectiveDate}`).toBe(true);
  });

  it('uses fixed past dates, version 1 and an entry time a few hours into the effective date', () => {
    for (const r of rows) {
      expect(r.effectiveDate >= DEMO_RESULTS_FIRST_DATE && r.effectiveDate <= DEMO_RESULTS_LAST_DATE, r.effectiveDate).toBe(true);
      expect(r.version).toBe(1);
      expect(r.isCurrent).toBe(true);
      expect(r.correctionReason).toBeNull();
      expect(r.enteredAt.toISOString().slice(0, 10)).toBe(r.effectiveDate);
      expect(r.enteredAt.getUTCHours()).toBeGreaterThanOrEqual(8);
    }
    expect(new Set(rows.map((r) => r.seriesId)).size).toBe(rows.length);
  });

  it('charts score trends of 3–8 valid points per instrument, mostly improving', () => {
    const series = new Map<string, ResultRow[]>();
    for (const r of rows.filter((x) => x.kind === 'score' && !protocolScorePatients.has(x.patientId))) {
      const key = `${r.patientId} ${r.instrument}`;
      series.set(key, [...(series.get(key) ?? []), r]);
    }
    let improving = 0;
    for (const [key, points] of series) {
      const id = INSTRUMENT_IDS.find((i) => i === points[0]?.instrument);
      expect(id, key).toBeDefined();
      if (!id) continue;
      expect(points.length, key).toBeGreaterThanOrEqual(3);
      expect(points.length, key).toBeLessThanOrEqual(8);
      for (const p of points) expect(scoreValueProblem(id, p.value ?? Number.NaN), key).toBeNull();
      const sorted = [...points].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
      const first = sorted[0]?.value ?? 0;
      const last = sorted[sorted.length - 1]?.value ?? 0;
      const better = getInstrument(id).higherIsWorse === null ? Math.abs(last - 4) < Math.abs(first - 4) : last < first;
      if (better) improving++;
    }
    expect(improving / series.size).toBeGreaterThan(0.7);
    const instruments = new Set(rows.map((r) => r.instrument).filter(Boolean));
    for (const id of ['easi', 'poem', 'iga_ad', 'scorad', 'pasi', 'dlqi', 'iga_acne', 'uas7', 'bristol', 'gsrs']) expect(instruments.has(id), id).toBe(true);
  });

  it('covers the breath test, H. pylori and food panel cases the demo needs', () => {
    const has = (kind: ResultRow['kind'], flag: ResultRow['flag'] | null, text: RegExp) => rows.some((r) => r.kind === kind && (flag === null || r.flag === flag) && text.test(r.summary));
    expect(has('breath_test', 'abnormal', /^Hydrogen rise consistent with SIBO/)).toBe(true);
    expect(has('breath_test', 'abnormal', /Methane level consistent with IMO/)).toBe(true);
    expect(has('breath_test', 'abnormal', /Hydrogen rise consistent with SIBO.*methane level consistent with IMO/)).toBe(true);
    expect(has('breath_test', null, /hydrogen sulfide/)).toBe(true);
    expect(has('breath_test', 'normal', /Hydrogen criterion not met/)).toBe(true);
    expect(has('breath_test', 'indeterminate', /flat line/)).toBe(true);
    expect(has('breath_test', 'indeterminate', /high hydrogen baseline/)).toBe(true);
    expect(rows.some((r) => r.kind === 'breath_test' && r.flag === 'indeterminate' && (r.data.preparation as { antibioticsWithin4Weeks?: boolean }).antibioticsWithin4Weeks)).toBe(true);
    expect(rows.some((r) => r.kind === 'breath_test' && (r.data.readings as unknown[]).length > 9)).toBe(true);

    expect(has('h_pylori', 'abnormal', /UBT positive/)).toBe(true);
    expect(has('h_pylori', 'normal', /^H\. pylori UBT negative/)).toBe(true);
    expect(has('h_pylori', 'indeterminate', /stool antigen negative.*PPI/)).toBe(true);
    expect(has('h_pylori', 'abnormal', /serology positive/)).toBe(true);
    expect(has('h_pylori', 'normal', /^Test of cure: .* negative/)).toBe(true);

    const methods = new Set(rows.filter((r) => r.kind === 'food_panel').map((r) => r.data.method));
    expect([...methods].sort()).toEqual(['elimination_rechallenge', 'igg', 'skin_prick', 'specific_ige']);
    expect(has('food_panel', 'abnormal', /^Specific IgE: \d+ of/)).toBe(true);
    expect(has('food_panel', 'abnormal', /^Skin prick/)).toBe(true);
    expect(has('food_panel', 'info', /IgG panel \(not validated/)).toBe(true);
    expect(has('food_panel', 'abnormal', /^Elimination–rechallenge: reaction/)).toBe(true);
  });

  it('gives Maya Chen and the first patients of Dr. Rivera’s caseload a rich set, with colleagues’ results to review', async () => {
    const [chen] = await getDb().select().from(patients).where(eq(patients.mrn, DEMO_RESULTS_FEATURED_MRN));
    expect(`${chen?.familyName}, ${chen?.givenName}`).toBe('Chen, Maya');
    const chenRows = rows.filter((r) => r.patientId === chen?.id);
    expect(new Set(chenRows.map((r) => r.kind)).size).toBeGreaterThanOrEqual(3);
    expect(chenRows.some((r) => r.kind === 'breath_test' && r.flag === 'abnormal')).toBe(true);
    const easi = chenRows.filter((r) => r.instrument === 'easi').sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
    expect(easi.length).toBeGreaterThanOrEqual(5);
    expect(easi[easi.length - 1]?.value ?? 99).toBeLessThan(easi[0]?.value ?? 0);

    const riveraEmail = DEMO_STAFF.find((s) => s.key === 'derm1')?.email ?? '';
    const [rivera] = await getDb().select().from(users).where(eq(users.email, riveraEmail));
    if (!rivera) throw new Error('no Dr. Rivera');
    const caseload = await getDb()
      .select({ id: patients.id, mrn: patients.mrn })
      .from(patients)
      .innerJoin(careTeamMembers, and(eq(careTeamMembers.patientId, patients.id), eq(careTeamMembers.userId, rivera.id), isNull(careTeamMembers.removedAt)))
      .orderBy(asc(patients.lastActivityAt));
    const first = caseload.reverse().slice(0, DEMO_RESULTS_FEATURED_CASELOAD);
    for (const p of first) {
      const mine = rows.filter((r) => r.patientId === p.id);
      expect(new Set(mine.map((r) => r.kind)).size, p.mrn).toBeGreaterThanOrEqual(3);
    }
    expect(rows.some((r) => first.some((p) => p.id === r.patientId) && r.kind === 'breath_test' && r.flag === 'abnormal')).toBe(true);
    expect(rows.some((r) => first.some((p) => p.id === r.patientId) && r.instrument === 'easi')).toBe(true);

    // "To review": colleagues' results Rivera has not marked reviewed, on Chen and on her first caseload page.
    const actor: Actor = { userId: rivera.id, role: 'clinician', name: rivera.name, email: rivera.email, specialty: rivera.specialty, patientId: null, sessionId: '00000000-0000-4000-8000-000000000000', requestAddress: '203.0.113.7' };
    const awaiting = await countAwaitingReview(getDb(), actor, [...first.map((p) => p.id), chen?.id ?? '']);
    expect(awaiting.get(chen?.id ?? '') ?? 0).toBeGreaterThan(0);
    expect([...awaiting.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.patientId === chen?.id && r.enteredBy !== rivera.id)).toBe(true);

    // "New": a colleague's result entered after Rivera last opened Chen's record.
    const [view] = await getDb().select().from(patientViews).where(and(eq(patientViews.userId, rivera.id), eq(patientViews.patientId, chen?.id ?? '')));
    expect(chenRows.some((r) => r.enteredBy !== rivera.id && (!view || r.enteredAt > view.lastViewedAt))).toBe(true);
    // Older colleagues' results were reviewed, so not everything is waiting.
    const [reviews] = await getDb().select({ n: count() }).from(resultReviews).where(eq(resultReviews.userId, rivera.id));
    expect(reviews?.n ?? 0).toBeGreaterThan(0);
  });

  it('is skipped, like the rest of the seed, on a database that already has users', async () => {
    const again = await seedDemoClinic(getDb(), NOW);
    expect(again.seeded).toBe(false);
    const [after] = await getDb().select({ n: count() }).from(results);
    expect(after?.n).toBe(allResults);
  });

  describe('determinism', () => {
    let second: DatabaseHandle | undefined;
    afterAll(async () => {
      await second?.close();
    });

    it('produces the same results in a second fresh PGlite database, even on another day', async () => {
      second = openDatabase({ kind: 'pglite', dataDir: 'memory://' });
      await migrateDatabase(second);
      // A different clock: results use fixed dates, so they must not move.
      const summary = await seedDemoClinic(second.db, new Date(NOW.getTime() + 9 * 86_400_000));
      expect(summary.seeded).toBe(true);

      const here = await describeResults(getDb());
      const there = await describeResults(second.db);
      expect(here.split('\n')).toHaveLength(allResults);
      expect(digest(there)).toBe(digest(here));
      expect(there).toBe(here);
    });
  });
});
