import type { Executor } from '../client';
import { carePlanChanges, carePlanInterventions, careTeamMembers, conditions, patients, results } from '../schema';
import type { AdministrativeSex, InterventionKind } from '../schema/enums';
import { ICD10CM_SYSTEM } from '../../lib/clinical/conditions/catalog';
import { addDays } from '../../lib/clinical/dates';
import { interventionSnapshot } from '../../lib/care-plans/records';
import { derivedColumns } from '../../lib/results/kind-handler';
import { resultHandlers } from '../../lib/results/kinds';
import type { ResultKind } from '../schema/enum-values';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, STREETS } from './names';
import { createRandom, seededUuid } from './random';

// Patients whose care has run its course, so the Outcomes page shows real numbers on a fresh clone:
// rosacea with and without a positive SIBO breath test (DLQI), and atopic dermatitis with and without a
// positive food panel (EASI). Each has one intervention, a baseline score in the weeks before it and a
// follow-up near week 12, plus a few lost to follow-up (not assessable). Responders and non-responders both reach the
// suppression threshold (10) in every group, so no rate is withheld. Invented data, fixed seed and dates.

export const DEMO_OUTCOMES_SEED = 20_261_207;
/** Their MRNs (AX-300001 on) tell them apart from the 40 patients of the clinic's current caseload. */
export const DEMO_OUTCOMES_MRN_PREFIX = 'AX-3';
export const isDemoOutcomesMrn = (mrn: string | undefined) => (mrn ?? '').startsWith(DEMO_OUTCOMES_MRN_PREFIX);

interface GroupPlan {
  condition: { code: string; display: string };
  finding: 'breath_positive' | 'breath_negative' | 'prick_positive' | 'prick_negative';
  intervention: { kind: InterventionKind; title: string; details: Record<string, unknown>; gutTarget?: 'sibo'; ownerKey: 'derm' | 'nutr' };
  instrument: 'dlqi' | 'easi';
  responders: number;
  nonResponders: number;
  lostToFollowUp: number;
}

const ROSACEA = { code: 'L71.9', display: 'Rosacea, unspecified' };
const ATOPIC = { code: 'L20.9', display: 'Atopic dermatitis, unspecified' };
const RIFAXIMIN = { kind: 'medication' as const, title: 'Rifaximin 550 mg for SIBO', details: { drug: 'Rifaximin', dose: '550 mg', frequency: 'three times daily for 14 days' }, gutTarget: 'sibo' as const, ownerKey: 'derm' as const };
const IVERMECTIN = { kind: 'topical' as const, title: 'Ivermectin 1% cream', details: { drug: 'Ivermectin 1% cream', dose: 'pea-sized amount to the face', frequency: 'once daily' }, ownerKey: 'derm' as const };
// Egg stays out until an allergist's supervised challenge: a positive skin prick means no at-home reintroduction (DOMAIN.md §10.4).
const EGG_FREE = { kind: 'diet' as const, title: 'Egg-free until a supervised challenge', details: { phase: 'elimination', foods: ['egg'] }, ownerKey: 'nutr' as const };
const EMOLLIENT = { kind: 'topical' as const, title: 'Emollient and tacrolimus 0.1%', details: { drug: 'Tacrolimus 0.1% ointment', dose: 'thin layer', frequency: 'twice daily' }, ownerKey: 'derm' as const };

export const DEMO_OUTCOME_GROUPS: GroupPlan[] = [
  { condition: ROSACEA, finding: 'breath_positive', intervention: RIFAXIMIN, instrument: 'dlqi', responders: 14, nonResponders: 10, lostToFollowUp: 3 },
  { condition: ROSACEA, finding: 'breath_negative', intervention: IVERMECTIN, instrument: 'dlqi', responders: 11, nonResponders: 11, lostToFollowUp: 2 },
  { condition: ATOPIC, finding: 'prick_positive', intervention: EGG_FREE, instrument: 'easi', responders: 14, nonResponders: 10, lostToFollowUp: 3 },
  { condition: ATOPIC, finding: 'prick_negative', intervention: EMOLLIENT, instrument: 'easi', responders: 10, nonResponders: 11, lostToFollowUp: 2 },
];

export const DEMO_OUTCOMES_PATIENT_COUNT = DEMO_OUTCOME_GROUPS.reduce((n, g) => n + g.responders + g.nonResponders + g.lostToFollowUp, 0);

export interface DemoOutcomesStaff {
  derm: { id: string; specialty: 'dermatology' }[];
  nutr: { id: string; specialty: 'nutrition' }[];
  adminId: string;
}

const MINUTES = [0, 15, 30, 45, 60, 90, 120];
const round1 = (n: number) => Math.round(n * 10) / 10;

function findingInput(finding: GroupPlan['finding'], date: string, r: ReturnType<typeof createRandom>): { kind: ResultKind; input: Record<string, unknown>; flag: string } {
  if (finding === 'breath_positive' || finding === 'breath_negative') {
    const base = r.int(5, 10);
    // Glucose 75 g; a rise of ≥ 20 ppm by 90 minutes is positive [NAC-BT].
    const rise = finding === 'breath_positive' ? [0, 2, 6, 14, 24, 30, 28] : [0, 1, 2, 3, 4, 5, 4];
    return {
      kind: 'breath_test',
      flag: finding === 'breath_positive' ? 'abnormal' : 'normal',
      input: {
        effectiveDate: date,
        substrate: { kind: 'glucose', doseGrams: 75 },
        preparation: { antibioticsWithin4Weeks: false, promotilityOrLaxativesWithin1Week: false, fermentableFoodsDayBefore: false, fasted8to12h: true, smokedOnTestDay: false, physicalActivityDuringTest: false, ppiUse: false, probioticsOrPrebiotics: false },
        readings: MINUTES.map((minute, i) => ({ minute, h2: base + (rise[i] ?? 0), ch4: r.int(0, 2) })),
        device: 'QuinTron BreathTracker SC',
      },
    };
  }
  const positive = finding === 'prick_positive';
  return {
    kind: 'food_panel',
    flag: positive ? 'abnormal' : 'normal',
    input: {
      effectiveDate: date,
      method: 'skin_prick',
      laboratory: 'Axis allergy clinic',
      items: [
        { food: 'Egg', value: positive ? r.int(4, 8) : r.int(0, 2) },
        { food: 'Cow’s milk', value: r.int(0, 2) },
        { food: 'Peanut', value: r.int(0, 1) },
      ],
      notes: 'Histamine control 6 mm, saline control 0 mm; read at 15 minutes.',
    },
  };
}

/** Baseline and follow-up values: responders reach the rule (DLQI ≥ 4 points, EASI-50); others do not. */
function scorePair(instrument: 'dlqi' | 'easi', responder: boolean, r: ReturnType<typeof createRandom>): [number, number] {
  if (instrument === 'dlqi') {
    const b = r.int(9, 17);
    return [b, responder ? Math.max(0, b - r.int(4, 9)) : Math.max(0, b - r.int(0, 2) + r.int(0, 2))];
  }
  const b = round1(10 + r.next() * 20);
  return [b, round1(responder ? b * (0.15 + r.next() * 0.33) : b * (0.62 + r.next() * 0.45))];
}

export function resultRow(kind: ResultKind, input: Record<string, unknown>, patient: { id: string; dateOfBirth: string }, enteredBy: string, ids: ReturnType<typeof createRandom>, expectFlag?: string): typeof results.$inferInsert {
  const handler = resultHandlers[kind];
  const parsed = handler.schema.parse(input);
  const derived = handler.derive(parsed, patient);
  if (expectFlag && derived.flag !== expectFlag) throw new Error(`demo outcomes: ${kind} came out ${derived.flag}, not ${expectFlag}: ${derived.summary}`);
  return {
    id: seededUuid(ids),
    patientId: patient.id,
    kind,
    seriesId: seededUuid(ids),
    version: 1,
    ...derivedColumns(derived),
    data: parsed as Record<string, unknown>,
    enteredBy,
    enteredAt: new Date(`${derived.effectiveDate}T10:00:00.000Z`),
  };
}

/** Adds the outcome-history patients; returns how many. `usedNames` keeps names unique across the clinic. */
export async function seedDemoOutcomes(db: Executor, staff: DemoOutcomesStaff, usedNames: Set<string>, now: Date): Promise<number> {
  const r = createRandom(DEMO_OUTCOMES_SEED);
  const ids = createRandom(DEMO_OUTCOMES_SEED + 1);
  const resultRows: (typeof results.$inferInsert)[] = [];
  let n = 0;
  for (const plan of DEMO_OUTCOME_GROUPS) {
    const total = plan.responders + plan.nonResponders + plan.lostToFollowUp;
    for (let j = 0; j < total; j++, n++) {
      const sex: AdministrativeSex = r.chance(0.6) ? 'female' : 'male';
      let givenName: string;
      let familyName: string;
      do {
        givenName = r.pick(sex === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
        familyName = r.pick(FAMILY);
      } while (usedNames.has(`${givenName} ${familyName}`));
      usedNames.add(`${givenName} ${familyName}`);
      const derm = staff.derm[n % staff.derm.length];
      const nutr = staff.nutr[n % staff.nutr.length];
      if (!derm || !nutr) throw new Error('demo outcomes need a dermatologist and a nutritionist');
      // The last few have no follow-up score: lost to follow-up, so "not assessable" (and counted as such).
      const lost = j >= plan.responders + plan.nonResponders;
      // Starts spread over ten months that end well before the demo's current caseload (all active within the
      // last 60 days), so these records never crowd a clinician's first caseload page.
      const start = addDays('2025-07-07', r.int(0, 300));
      const dateOfBirth = `${r.int(1960, 2004)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const [patient] = await db
        .insert(patients)
        .values({
          mrn: `AX-${String(300_001 + n).padStart(6, '0')}`,
          givenName,
          familyName,
          dateOfBirth,
          sex,
          email: `${givenName}.${familyName}`.toLowerCase().replace(/[^a-z.]/g, '') + `.${n}@example.com`,
          addressLine: `${r.int(2, 240)} ${r.pick(STREETS)}, Springfield`,
          createdAt: new Date(`${addDays(start, -60)}T09:00:00.000Z`),
          lastActivityAt: new Date(`${addDays(start, lost ? 1 : 95)}T12:00:00.000Z`),
        })
        .returning({ id: patients.id, dateOfBirth: patients.dateOfBirth });
      if (!patient) throw new Error('patient insert returned no row');
      await db.insert(conditions).values({ patientId: patient.id, codeSystem: ICD10CM_SYSTEM, code: plan.condition.code, display: plan.condition.display, onsetDate: addDays(start, -r.int(200, 2000)), clinicalStatus: 'active', recordedAt: now });
      await db.insert(careTeamMembers).values([
        { patientId: patient.id, userId: derm.id, role: 'lead', addedBy: staff.adminId, addedAt: now },
        { patientId: patient.id, userId: nutr.id, role: 'member', addedBy: staff.adminId, addedAt: now },
      ]);

      const found = findingInput(plan.finding, addDays(start, -r.int(14, 40)), r);
      resultRows.push(resultRow(found.kind, found.input, patient, found.kind === 'breath_test' ? nutr.id : derm.id, ids, found.flag));

      const owner = plan.intervention.ownerKey === 'derm' ? derm : nutr;
      const finished = plan.intervention.kind === 'medication';
      const [row] = await db
        .insert(carePlanInterventions)
        .values({
          id: seededUuid(ids),
          patientId: patient.id,
          kind: plan.intervention.kind,
          title: plan.intervention.title,
          details: plan.intervention.details,
          ownerSpecialty: owner.specialty,
          ownerUserId: owner.id,
          status: finished ? 'completed' : 'active',
          startDate: start,
          endDate: finished ? addDays(start, 13) : null,
          gutTarget: plan.intervention.gutTarget ?? null,
          proposedBy: derm.id,
          proposedAt: new Date(`${addDays(start, -3)}T11:00:00.000Z`),
          acceptedBy: owner.id,
          acceptedAt: new Date(`${addDays(start, -2)}T11:00:00.000Z`),
          updatedBy: owner.id,
          updatedAt: new Date(`${addDays(start, finished ? 13 : -2)}T11:00:00.000Z`),
          version: 2,
        })
        .returning();
      if (!row) throw new Error('intervention insert returned no row');
      await db.insert(carePlanChanges).values({ patientId: patient.id, entityType: 'intervention', entityId: row.id, version: 2, change: finished ? 'status:completed' : 'accept', snapshot: interventionSnapshot(row), changedBy: owner.id, changedAt: row.updatedAt });

      const [baseline, followUp] = scorePair(plan.instrument, j < plan.responders, r);
      resultRows.push(resultRow('score', { effectiveDate: addDays(start, -r.int(0, 21)), instrument: plan.instrument, value: baseline }, patient, derm.id, ids));
      if (!lost) resultRows.push(resultRow('score', { effectiveDate: addDays(start, 84 + r.int(-7, 10)), instrument: plan.instrument, value: followUp }, patient, derm.id, ids));
    }
  }
  for (let i = 0; i < resultRows.length; i += 100) await db.insert(results).values(resultRows.slice(i, i + 100));
  return n;
}
