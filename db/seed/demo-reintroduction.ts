import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { carePlanChanges, challengeReactions, clinicianTasks, diaryEntries, eliminationProtocols, results, users, type StoredChallenge, type StoredVerdict } from '../schema';
import { atHomeRefusalFor, challengeSafetyFacts } from '../../lib/care-plans/reintroduction-safety';
import { addDays } from '../../lib/clinical/dates';
import { nutritionPrompts } from '../../lib/clinical/reintroduction/safety';
import { scheduleProtocol } from '../../lib/clinical/reintroduction/schedule';
import { protocolTitle } from '../../lib/reintroduction/schema';
import { resultRow } from './demo-outcomes';
import { createRandom, seededUuid } from './random';
import type { DemoResultsPatient } from './demo-results';

// Elimination → reintroduction protocols for the demo clinic (DOMAIN.md §10), one patient in each phase,
// dated from the day the clinic is seeded so the phases are live on a fresh clone:
// - Maya Chen, eliminating dairy and wheat: her positive cow's milk sIgE makes Axis refuse an at-home dairy
//   challenge (kept out, referral task), wheat comes back at home after 4 weeks;
// - a portal patient mid-challenge (dairy, day 2 today) with a week of diary and a mild "I reacted";
// - a portal patient who finished (from 3 Aug 2026): dairy tolerated, wheat reacted (review date), egg inconclusive (missed days),
//   with skin scores over the same dates.
// Invented data, fixed seed.

// Its own seed: ids from createRandom must never collide with another seed module's (demo-outcomes uses 20_261_207 and +1).
const SEED = 16_100_016;
/** The finished protocol's first day (a Monday). */
const FINISHED_START = '2026-08-03';
const DAIRY = 'Dairy (cow’s milk)';
const WHEAT = 'Wheat / gluten';
const EGG = 'Egg';
const MILK_PORTIONS = ['¼ cup milk', '½ cup milk', '1 cup milk'];
const WHEAT_PORTIONS = ['1 slice of bread', '2 slices of bread', '2 slices of bread and a bowl of pasta'];
const EGG_PORTIONS = ['¼ egg, well cooked', '½ egg', '1 whole egg'];

export interface DemoReintroductionSummary {
  protocols: number;
  /** The portal patients whose protocols are running or finished (the browser test avoids them). */
  patientIds: string[];
}

type Patient = DemoResultsPatient;

export async function seedDemoReintroduction(db: Executor, patients: readonly Patient[], featuredMrn: string, today: string): Promise<DemoReintroductionSummary> {
  const ids = createRandom(SEED);
  const nutritionistOf = (p: Patient) => p.team.find((m) => m.specialty === 'nutrition')?.userId;
  const portal = patients.filter((p) => p.hasPortalAccount && p.mrn !== featuredMrn && nutritionistOf(p)).sort((a, b) => a.mrn.localeCompare(b.mrn));
  // From the last portal patients: the browser tests sign in as the first ones and start protocols of their own.
  // Only patients every demo food may come back at home for (no sIgE to them, not a child with eczema).
  const safe: Patient[] = [];
  for (const p of [...portal].reverse()) {
    const facts = await challengeSafetyFacts(db, p.id);
    if (facts && [DAIRY, WHEAT, EGG].every((f) => !atHomeRefusalFor(facts, f))) safe.push(p);
    if (safe.length === 2) break;
  }
  const [midChallenge, finished] = safe;
  const maya = patients.find((p) => p.mrn === featuredMrn);
  const made: string[] = [];

  async function insertProtocol(p: Patient, values: { foods: string[]; reasonKind: 'food_panel' | 'diary_pattern' | 'clinical_suspicion'; reasonText: string | null; reasonResultId?: string | null; startDate: string; challenges: StoredChallenge[]; status: 'active' | 'finished'; verdicts?: Record<string, StoredVerdict> }) {
    const supervisorId = nutritionistOf(p);
    if (!supervisorId) throw new Error(`demo protocol: ${p.mrn} has no nutritionist`);
    const facts = await challengeSafetyFacts(db, p.id);
    if (!facts) throw new Error(`demo protocol: ${p.mrn} vanished`);
    const supervisedOnly = values.foods.flatMap((food) => {
      const refusal = atHomeRefusalFor(facts, food);
      return refusal ? [{ food, reasons: refusal.reasons }] : [];
    });
    // The demo must show what the rule does: a challenge Axis would refuse is a seed error.
    for (const c of values.challenges) if (supervisedOnly.some((s) => s.food === c.food)) throw new Error(`demo protocol: ${c.food} may not be challenged at home for ${p.mrn}`);
    const schedule = scheduleProtocol(values.startDate, { eliminationWeeks: 4, challenges: values.challenges });
    const at = new Date(`${values.startDate}T10:00:00.000Z`);
    const [row] = await db
      .insert(eliminationProtocols)
      .values({
        id: seededUuid(ids),
        patientId: p.id,
        foods: values.foods,
        reasonKind: values.reasonKind,
        reasonResultId: values.reasonResultId ?? null,
        reasonText: values.reasonText,
        startDate: values.startDate,
        eliminationWeeks: 4,
        challenges: values.challenges,
        supervisedOnly,
        eliminationEndsOn: schedule.eliminationTo,
        endsOn: schedule.endsOn,
        supervisorId,
        ownerSpecialty: 'nutrition',
        status: values.status,
        verdicts: values.verdicts ?? {},
        version: values.verdicts ? 1 + Object.keys(values.verdicts).length : 1,
        createdBy: supervisorId,
        createdAt: at,
        updatedBy: supervisorId,
        updatedAt: at,
      })
      .returning();
    if (!row) throw new Error('protocol insert returned no row');
    await db.insert(carePlanChanges).values({
      patientId: p.id,
      entityType: 'protocol',
      entityId: row.id,
      version: row.version,
      change: values.verdicts ? 'verdict' : 'propose',
      snapshot: { title: protocolTitle(row.foods), foods: row.foods, startDate: row.startDate, challenges: row.challenges, status: row.status, verdicts: row.verdicts, version: row.version },
      changedBy: supervisorId,
      // A finished protocol's last change is its last verdict.
      changedAt: values.verdicts ? new Date(Object.values(values.verdicts).map((v) => v.confirmedAt).sort().at(-1) ?? at) : at,
    });
    const tasks = [
      ...supervisedOnly.map((s) => `Refer to an allergist for a supervised oral food challenge to ${s.food} (an at-home challenge was refused: ${s.reasons.join(' ')})`),
      ...nutritionPrompts(values.foods, facts.ageYears).map((x) => `${x.text} (${protocolTitle(values.foods)}; ${x.source})`),
    ];
    if (tasks.length) await db.insert(clinicianTasks).values(tasks.map((description) => ({ patientId: p.id, kind: 'task' as const, assigneeId: supervisorId, description, createdBy: supervisorId, createdAt: at, protocolId: row.id })));
    made.push(p.id);
    return { row, schedule };
  }

  async function diary(p: Patient, from: string, to: string, scoreOn: (date: string) => number | null) {
    const [account] = await db.select({ id: users.id }).from(users).where(and(eq(users.patientId, p.id), eq(users.role, 'patient')));
    if (!account) throw new Error(`demo diary: ${p.mrn} has no portal account`);
    const rows: (typeof diaryEntries.$inferInsert)[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const score = scoreOn(d);
      if (score === null) continue;
      rows.push({ patientId: p.id, entryDate: d, meals: [{ time: '08:00', description: 'Oats with banana' }, { time: '13:00', description: 'Rice, chicken and vegetables' }], itch: score, flare: Math.max(0, score - 1), submittedBy: account.id, submittedAt: new Date(`${d}T20:00:00.000Z`) });
    }
    if (rows.length) await db.insert(diaryEntries).values(rows);
    return account.id;
  }

  if (maya) {
    // Maya's cow's milk sIgE (demo-results) makes dairy supervised-only; wheat comes back at home.
    const [panel] = await db.select({ id: results.id }).from(results).where(and(eq(results.patientId, maya.id), eq(results.kind, 'food_panel'), eq(results.isCurrent, true))).limit(1);
    await insertProtocol(maya, {
      foods: [DAIRY, WHEAT],
      reasonKind: panel ? 'food_panel' : 'clinical_suspicion',
      reasonResultId: panel?.id ?? null,
      reasonText: 'Eczema flares after dairy-heavy meals; trial elimination while SIBO is treated.',
      startDate: addDays(today, -10),
      challenges: [{ food: WHEAT, portions: WHEAT_PORTIONS, washoutDays: 3 }],
      status: 'active',
    });
  }

  if (midChallenge) {
    // Day 2 of the dairy challenge today: 4 weeks of elimination ended two days ago.
    const start = addDays(today, -29);
    await insertProtocol(midChallenge, {
      foods: [DAIRY, WHEAT],
      reasonKind: 'diary_pattern',
      reasonText: 'Itch rises on days with milk or bread in the diary.',
      startDate: start,
      challenges: [
        { food: DAIRY, portions: MILK_PORTIONS, washoutDays: 3 },
        { food: WHEAT, portions: WHEAT_PORTIONS, washoutDays: 3 },
      ],
      status: 'active',
    });
    const accountId = await diary(midChallenge, addDays(today, -9), addDays(today, -1), () => 2);
    const [protocol] = await db.select({ id: eliminationProtocols.id }).from(eliminationProtocols).where(eq(eliminationProtocols.patientId, midChallenge.id));
    if (protocol) {
      await db.insert(challengeReactions).values({ patientId: midChallenge.id, protocolId: protocol.id, occurredOn: addDays(today, -1), occurredTime: '21:15', symptom: 'Some bloating after the milk', severity: 'mild', gutOnly: true, reportedBy: accountId });
    }
  }

  if (finished) {
    // Fixed dates (a finished protocol does not move with the clock), so its EASI results are the same on any day.
    const start = FINISHED_START;
    const supervisorId = nutritionistOf(finished) ?? '';
    const schedule = scheduleProtocol(start, {
      eliminationWeeks: 4,
      challenges: [
        { food: DAIRY, portions: MILK_PORTIONS, washoutDays: 3 },
        { food: WHEAT, portions: WHEAT_PORTIONS, washoutDays: 3 },
        { food: EGG, portions: EGG_PORTIONS, washoutDays: 3 },
      ],
    });
    const [dairy, wheat, egg] = schedule.challenges;
    if (!dairy || !wheat || !egg) throw new Error('demo protocol: schedule lost a challenge');
    const wheatDays = new Set(wheat.days.slice(1).map((d) => d.date).concat([addDays(wheat.days[2]?.date ?? '', 1)]));
    const eggMissed = new Set(egg.days.map((d) => d.date).slice(0, 2));
    const confirmedAt = (date: string) => `${date}T15:00:00.000Z`;
    const verdict = (v: StoredVerdict['verdict'], date: string, extra: Partial<StoredVerdict> = {}): StoredVerdict => ({ verdict: v, suggested: v, reason: null, reviewDate: null, confirmedBy: supervisorId, confirmedAt: confirmedAt(date), ...extra });
    await insertProtocol(finished, {
      foods: [DAIRY, WHEAT, EGG],
      reasonKind: 'clinical_suspicion',
      reasonText: 'Skin flares the patient links to dairy, bread and eggs.',
      startDate: start,
      challenges: [
        { food: DAIRY, portions: MILK_PORTIONS, washoutDays: 3 },
        { food: WHEAT, portions: WHEAT_PORTIONS, washoutDays: 3 },
        { food: EGG, portions: EGG_PORTIONS, washoutDays: 3 },
      ],
      status: 'finished',
      verdicts: {
        [DAIRY]: verdict('tolerated', addDays(dairy.days[2]?.date ?? start, 3)),
        [WHEAT]: verdict('reacted', addDays(wheat.days[2]?.date ?? start, 3), { reviewDate: addDays(schedule.endsOn, 180) }),
        [EGG]: verdict('inconclusive', addDays(egg.days[2]?.date ?? start, 3), { reviewDate: addDays(schedule.endsOn, 120) }),
      },
    });
    await diary(finished, addDays(schedule.eliminationTo, -6), schedule.endsOn, (d) => (eggMissed.has(d) ? null : wheatDays.has(d) ? 6 : 2));
    // The skin score over the same dates (EASI for eczema, DLQI otherwise): falling through the elimination,
    // a bump on the wheat challenge.
    const derm = finished.team.find((m) => m.role === 'lead')?.userId ?? supervisorId;
    const eczema = finished.conditions.some((c) => c.code.startsWith('L20'));
    const values = eczema ? [18.4, 11.2, 14.6, 9.8] : [14, 9, 12, 6];
    const dates = [addDays(start, -7), addDays(start, 27), addDays(wheat.days[2]?.date ?? start, 1), addDays(schedule.endsOn, 5)];
    await db.insert(results).values(dates.map((effectiveDate, i) => resultRow('score', { effectiveDate, instrument: eczema ? 'easi' : 'dlqi', value: values[i] }, finished, derm, ids)));
  }
  return { protocols: made.length, patientIds: made };
}
