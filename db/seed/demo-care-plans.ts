import type { Executor } from '../client';
import { carePlanChanges, carePlanGoals, carePlanInterventions, clinicianTasks } from '../schema';
import { testOfCureSchedule } from '../../lib/clinical/outcomes/test-of-cure';
import { formatDate } from '../../lib/ui/format';
import type { InterventionKind, InterventionStatus } from '../schema/enums';
import type { DemoResultsPatient } from './demo-results';
import { createRandom, seededUuid } from './random';

// Joint care plans for the demo clinic: Maya Chen and several of Dr. Elena Rivera's patients get a few
// interventions whose dates line up with the score trends and test results seeded by demo-results.ts
// (e.g. rifaximin starts a few days after a positive breath test, and the H. pylori therapy ends on the
// date the test of cure names). Each intervention gets the change history lib/care-plans writes:
// propose, then accept (or decline), then any status change. Written straight to the tables as the
// system seed. Deterministic: fixed dates and ids from a seeded generator.

export const DEMO_CARE_PLANS_SEED = 20_261_201;

type StaffKey = 'derm1' | 'derm2' | 'nutr1' | 'nutr2' | 'gastro';

interface InterventionSpec {
  title: string;
  kind: InterventionKind;
  owner: StaffKey;
  proposedOn: string;
  /** Who accepted (or declined) it and when; absent while still proposed. */
  decidedBy?: StaffKey;
  decidedOn?: string;
  startDate?: string;
  endDate?: string;
  /** Final status; the history is derived from it. */
  status: InterventionStatus;
  statusReason?: string;
  /** When the final status change (completed, stopped, paused) was recorded; defaults to endDate. */
  statusOn?: string;
  /** In the shape lib/care-plans/schema.ts expects for the kind. */
  details: Record<string, unknown>;
  /** H. pylori therapy: the date of the valid test of cure that closed its follow-up task, if done. */
  testOfCureOn?: string;
  /** The gut finding it treats (drives the test of cure and retests). */
  gutTarget?: 'h_pylori' | 'sibo' | 'imo';
}

interface GoalSpec {
  description: string;
  targetInstrument: string;
  targetValue: string;
  targetDate: string;
  by: StaffKey;
  on: string;
}

interface PatientPlan {
  mrn: string;
  interventions: InterventionSpec[];
  goals?: GoalSpec[];
}

// Details in the shapes lib/care-plans/schema.ts validates for each kind.
const RIFAXIMIN = { drug: 'rifaximin', dose: '550 mg', frequency: 'three times daily for 14 days' };

export const DEMO_CARE_PLANS: PatientPlan[] = [
  {
    // Maya Chen: atopic dermatitis (EASI 31.2 on 20 Nov 2025), hydrogen-positive SIBO on 29 Nov 2025.
    mrn: 'AX-100155',
    goals: [{ description: 'EASI below 7 by March 2026', targetInstrument: 'easi', targetValue: '7', targetDate: '2026-03-31', by: 'derm1', on: '2025-11-20' }],
    interventions: [
      {
        title: 'Topical tacrolimus 0.1% ointment twice daily',
        kind: 'topical',
        owner: 'derm1',
        proposedOn: '2025-11-20',
        decidedBy: 'nutr1',
        decidedOn: '2025-11-24',
        startDate: '2025-11-25',
        status: 'active',
        details: { drug: 'tacrolimus 0.1% ointment', dose: 'thin layer to flexures and neck', frequency: 'twice daily' },
      },
      {
        title: 'Rifaximin 550 mg tid 14 days',
        kind: 'medication',
        owner: 'derm1',
        proposedOn: '2025-12-01',
        decidedBy: 'nutr1',
        decidedOn: '2025-12-02',
        startDate: '2025-12-05',
        endDate: '2025-12-19',
        status: 'completed',
        details: RIFAXIMIN,
      },
      {
        title: 'Low-FODMAP elimination phase',
        kind: 'diet',
        owner: 'nutr1',
        proposedOn: '2026-01-12',
        decidedBy: 'derm1',
        decidedOn: '2026-01-14',
        startDate: '2026-01-15',
        status: 'active',
        // No cow's milk: her positive milk sIgE keeps dairy out until a supervised challenge (her elimination protocol).
        details: { phase: 'elimination', foods: ['wheat', 'onion', 'garlic', 'apple'], reintroductionDate: '2026-12-01' },
      },
      {
        title: 'Probiotic: Lactobacillus rhamnosus GG 10¹⁰ CFU daily',
        kind: 'probiotic',
        owner: 'nutr1',
        proposedOn: '2026-11-02',
        status: 'proposed',
        details: { genus: 'Lactobacillus', species: 'rhamnosus', strain: 'GG', doseCfu: 10_000_000_000, frequency: 'daily' },
      },
    ],
  },
  {
    // Elif García: plaque psoriasis (PASI 15.9 on 4 Mar 2026), reaction to soy on rechallenge (27 Mar 2026).
    mrn: 'AX-100197',
    interventions: [
      {
        title: 'Calcipotriol/betamethasone foam once daily',
        kind: 'topical',
        owner: 'derm1',
        proposedOn: '2026-03-04',
        decidedBy: 'nutr1',
        decidedOn: '2026-03-05',
        startDate: '2026-03-05',
        endDate: '2026-05-28',
        status: 'completed',
        details: { drug: 'calcipotriol/betamethasone dipropionate foam', dose: 'thin layer to plaques', frequency: 'once daily' },
      },
      { title: 'Soy exclusion', kind: 'diet', owner: 'nutr1', proposedOn: '2026-03-30', decidedBy: 'derm1', decidedOn: '2026-04-01', startDate: '2026-04-01', status: 'active', details: { phase: 'other', foods: ['soy'] } },
      {
        title: 'Omega-3 supplement 2 g EPA/DHA daily',
        kind: 'supplement',
        owner: 'nutr1',
        proposedOn: '2026-06-10',
        decidedBy: 'derm1',
        decidedOn: '2026-06-12',
        status: 'declined',
        statusReason: 'Patient prefers dietary sources; revisit at the next visit',
        details: { name: 'Omega-3 (EPA/DHA)', dose: '2 g', frequency: 'daily' },
      },
    ],
  },
  {
    // Hugo Schmidt: atopic dermatitis (EASI 30.2 on 8 Mar 2026), H. pylori serology positive 22 Mar 2026
    // (test of cure 24 May 2026 names 8 Apr 2026 as the end of therapy), SIBO positive 21 Mar 2026.
    mrn: 'AX-100260',
    interventions: [
      { title: 'Mometasone furoate 0.1% ointment', kind: 'topical', owner: 'derm1', proposedOn: '2026-03-08', decidedBy: 'nutr2', decidedOn: '2026-03-09', startDate: '2026-03-09', endDate: '2026-04-13', status: 'completed', details: { drug: 'mometasone furoate 0.1% ointment', dose: 'thin layer, not on the face', frequency: 'once daily' } },
      {
        title: 'Bismuth quadruple therapy 14 days',
        kind: 'medication',
        gutTarget: 'h_pylori',
        owner: 'gastro',
        proposedOn: '2026-03-24',
        decidedBy: 'derm1',
        decidedOn: '2026-03-25',
        startDate: '2026-03-26',
        endDate: '2026-04-08',
        status: 'completed',
        testOfCureOn: '2026-05-24',
        details: { drug: 'bismuth subcitrate, metronidazole, tetracycline and omeprazole', dose: 'standard adult doses', frequency: 'four times daily for 14 days' },
      },
      { title: 'Rifaximin 550 mg tid 14 days', kind: 'medication', owner: 'gastro', proposedOn: '2026-04-15', decidedBy: 'derm1', decidedOn: '2026-04-16', startDate: '2026-04-20', endDate: '2026-05-03', status: 'completed', details: RIFAXIMIN, gutTarget: 'sibo' },
      {
        title: 'Wheat and cow’s milk kept out pending a supervised challenge',
        kind: 'diet',
        owner: 'nutr2',
        proposedOn: '2026-04-17',
        decidedBy: 'derm1',
        decidedOn: '2026-04-19',
        startDate: '2026-04-20',
        endDate: '2026-05-18',
        status: 'stopped',
        // Positive sIgE to wheat and milk: never brought back at home (DOMAIN.md §10.4), so no reintroduction date.
        statusReason: 'Handed over to the allergy clinic for supervised oral food challenges (positive sIgE to wheat and milk)',
        details: { phase: 'other', foods: ['wheat', 'cow’s milk'] },
      },
      { title: 'Dupilumab 300 mg every 2 weeks', kind: 'medication', owner: 'derm1', proposedOn: '2026-11-10', status: 'proposed', details: { drug: 'dupilumab', dose: '300 mg subcutaneously', frequency: 'every 2 weeks' } },
    ],
  },
  {
    // Fatima Petrov: atopic dermatitis (EASI 18 on 25 Oct 2025), methane-positive IMO 6 Nov 2025.
    mrn: 'AX-100085',
    interventions: [
      {
        title: 'Topical tacrolimus 0.1% ointment',
        kind: 'topical',
        owner: 'derm1',
        proposedOn: '2025-10-25',
        decidedBy: 'nutr1',
        decidedOn: '2025-10-27',
        startDate: '2025-10-27',
        endDate: '2025-11-12',
        status: 'stopped',
        statusReason: 'Burning on application',
        details: { drug: 'tacrolimus 0.1% ointment', dose: 'thin layer', frequency: 'twice daily' },
      },
      { title: 'Pimecrolimus 1% cream twice daily', kind: 'topical', owner: 'derm1', proposedOn: '2025-11-12', decidedBy: 'nutr1', decidedOn: '2025-11-13', startDate: '2025-11-13', status: 'active', details: { drug: 'pimecrolimus 1% cream', dose: 'thin layer', frequency: 'twice daily' } },
      {
        title: 'Rifaximin 550 mg tid + neomycin 500 mg bid 14 days',
        kind: 'medication',
        owner: 'gastro',
        proposedOn: '2025-11-17',
        decidedBy: 'derm1',
        decidedOn: '2025-11-18',
        startDate: '2025-11-20',
        endDate: '2025-12-03',
        status: 'completed',
        details: { drug: 'rifaximin and neomycin', dose: '550 mg and 500 mg', frequency: 'rifaximin three times daily, neomycin twice daily, for 14 days' },
      },
      {
        title: 'Partially hydrolysed guar gum 5 g daily',
        kind: 'supplement',
        owner: 'nutr1',
        proposedOn: '2026-01-22',
        decidedBy: 'derm1',
        decidedOn: '2026-01-23',
        startDate: '2026-01-23',
        status: 'paused',
        statusReason: 'Bloating; paused until the next GSRS review',
        statusOn: '2026-04-02',
        details: { name: 'Partially hydrolysed guar gum', dose: '5 g', frequency: 'daily' },
      },
    ],
  },
  {
    // Omar O'Brien: atopic dermatitis (EASI 33.5 on 6 Feb 2026) plateauing around 14; cashew and wheat sIgE.
    mrn: 'AX-100190',
    interventions: [
      { title: 'Mometasone 0.1% ointment, 4-week taper', kind: 'topical', owner: 'derm1', proposedOn: '2026-02-06', decidedBy: 'nutr2', decidedOn: '2026-02-06', startDate: '2026-02-07', endDate: '2026-03-06', status: 'completed', details: { drug: 'mometasone furoate 0.1% ointment', dose: 'thin layer', frequency: 'once daily, tapered over 4 weeks' } },
      { title: 'Cashew and wheat avoidance', kind: 'diet', owner: 'nutr2', proposedOn: '2026-04-08', decidedBy: 'derm1', decidedOn: '2026-04-09', startDate: '2026-04-10', status: 'active', details: { phase: 'other', foods: ['cashew', 'wheat'] } },
      { title: 'Narrowband UVB phototherapy 3× weekly', kind: 'procedure', owner: 'derm1', proposedOn: '2026-11-12', status: 'proposed', details: { description: 'Narrowband UVB three times weekly for 12 weeks' } },
    ],
  },
  {
    // Keiko Nakamura: chronic urticaria (UAS7 21 on 25 Nov 2025), hydrogen-positive SIBO 5 Dec 2025.
    mrn: 'AX-100029',
    interventions: [
      { title: 'Cetirizine 10 mg daily', kind: 'medication', owner: 'derm1', proposedOn: '2025-11-25', decidedBy: 'nutr1', decidedOn: '2025-11-25', startDate: '2025-11-26', status: 'active', details: { drug: 'cetirizine', dose: '10 mg', frequency: 'once daily' } },
      { title: 'Rifaximin 550 mg tid 14 days', kind: 'medication', owner: 'derm1', proposedOn: '2025-12-10', decidedBy: 'nutr1', decidedOn: '2025-12-11', startDate: '2025-12-15', endDate: '2025-12-28', status: 'completed', details: RIFAXIMIN, gutTarget: 'sibo' },
      { title: 'Low-histamine diet trial', kind: 'diet', owner: 'nutr1', proposedOn: '2026-01-05', decidedBy: 'derm1', decidedOn: '2026-01-06', startDate: '2026-01-07', endDate: '2026-03-07', status: 'completed', details: { phase: 'elimination', foods: ['aged cheese', 'cured meats', 'fermented foods', 'wine'], reintroductionDate: '2026-03-07' } },
    ],
  },
  {
    // Priya Varga: acne (IGA 4 on 28 Dec 2025), glucose breath test positive 12 Jan 2026, negative 26 Mar 2026.
    mrn: 'AX-100211',
    interventions: [
      { title: 'Adapalene 0.3% / benzoyl peroxide 2.5% gel nightly', kind: 'topical', owner: 'derm1', proposedOn: '2025-12-28', decidedBy: 'nutr1', decidedOn: '2025-12-29', startDate: '2025-12-29', status: 'active', details: { drug: 'adapalene 0.3% / benzoyl peroxide 2.5% gel', dose: 'pea-sized amount to the face', frequency: 'nightly' } },
      { title: 'Rifaximin 550 mg tid 14 days', kind: 'medication', owner: 'derm1', proposedOn: '2026-01-16', decidedBy: 'nutr1', decidedOn: '2026-01-17', startDate: '2026-01-20', endDate: '2026-02-02', status: 'completed', details: RIFAXIMIN, gutTarget: 'sibo' },
      { title: 'Low-glycaemic-load diet', kind: 'diet', owner: 'nutr1', proposedOn: '2026-02-15', decidedBy: 'derm1', decidedOn: '2026-02-16', startDate: '2026-02-16', status: 'active', details: { phase: 'other', foods: ['sugary drinks', 'white bread', 'sweets'] } },
    ],
  },
  // The patient portal accounts (the first eight demo patients, AX-100001 to AX-100050, of which the start
  // script prints three): each has a current plan, so a newcomer signing in as a patient sees the portal
  // as patients will. AX-100029 (Keiko Nakamura) is above. Teams follow demo-clinic.ts (derm2 leads every
  // third patient, nutr1 every other); skin conditions cycle acne, rosacea, atopic dermatitis, psoriasis, urticaria.
  {
    mrn: 'AX-100001', // acne; Dr. Rivera leads, Nina Patel co-manages. A 4-week elimination: reintroduction is planned.
    interventions: [
      { title: 'Adapalene 0.1% gel nightly', kind: 'topical', owner: 'derm1', proposedOn: '2026-09-14', decidedBy: 'nutr1', decidedOn: '2026-09-15', startDate: '2026-09-15', status: 'active', details: { drug: 'adapalene 0.1% gel', dose: 'pea-sized amount to the face', frequency: 'nightly' } },
      { title: 'Dairy-free trial', kind: 'diet', owner: 'nutr1', proposedOn: '2026-11-12', decidedBy: 'derm1', decidedOn: '2026-11-13', startDate: '2026-11-15', status: 'active', details: { phase: 'elimination', foods: ['cow’s milk', 'yoghurt', 'whey protein'], reintroductionDate: '2026-12-13' } },
    ],
  },
  {
    mrn: 'AX-100008', // rosacea
    interventions: [
      { title: 'Ivermectin 1% cream once daily', kind: 'topical', owner: 'derm1', proposedOn: '2026-08-03', decidedBy: 'nutr2', decidedOn: '2026-08-04', startDate: '2026-08-05', status: 'active', details: { drug: 'ivermectin 1% cream', dose: 'thin layer to the cheeks, nose and chin', frequency: 'once daily' } },
      { title: 'Food-and-flushing diary for four weeks', kind: 'lifestyle', owner: 'nutr2', proposedOn: '2026-10-12', decidedBy: 'derm1', decidedOn: '2026-10-13', startDate: '2026-10-14', endDate: '2027-01-11', status: 'active', details: { description: 'Note hot drinks, alcohol, spicy food and flushing episodes each day in the portal diary.' } },
    ],
  },
  {
    mrn: 'AX-100015', // atopic dermatitis; Dr. Okafor (derm2) leads
    interventions: [
      { title: 'Emollient twice daily and after bathing', kind: 'topical', owner: 'derm2', proposedOn: '2026-07-20', decidedBy: 'nutr1', decidedOn: '2026-07-21', startDate: '2026-07-21', status: 'active', details: { drug: 'paraffin-based emollient', dose: 'generous layer to all dry skin', frequency: 'twice daily and after bathing' } },
      { title: 'Vitamin D3 1000 IU daily', kind: 'supplement', owner: 'nutr1', proposedOn: '2026-09-08', decidedBy: 'derm2', decidedOn: '2026-09-09', startDate: '2026-09-10', endDate: '2026-12-10', status: 'active', details: { name: 'vitamin D3 (cholecalciferol)', dose: '1000 IU', frequency: 'daily with a meal' } },
    ],
  },
  {
    mrn: 'AX-100022', // psoriasis
    interventions: [
      { title: 'Calcipotriol/betamethasone gel once daily', kind: 'topical', owner: 'derm1', proposedOn: '2026-06-22', decidedBy: 'nutr2', decidedOn: '2026-06-23', startDate: '2026-06-23', status: 'active', details: { drug: 'calcipotriol 50 µg/g / betamethasone 0.5 mg/g gel', dose: 'to plaques, not the face', frequency: 'once daily' } },
      { title: 'Mediterranean-style eating pattern', kind: 'diet', owner: 'nutr2', proposedOn: '2026-09-01', decidedBy: 'derm1', decidedOn: '2026-09-02', startDate: '2026-09-02', status: 'active', details: { phase: 'other', foods: ['olive oil', 'oily fish twice weekly', 'vegetables and legumes'] } },
    ],
  },
  {
    mrn: 'AX-100036', // acne; Dr. Okafor (derm2) leads
    interventions: [
      { title: 'Azelaic acid 15% gel twice daily', kind: 'topical', owner: 'derm2', proposedOn: '2026-08-17', decidedBy: 'nutr2', decidedOn: '2026-08-18', startDate: '2026-08-18', status: 'active', details: { drug: 'azelaic acid 15% gel', dose: 'thin layer to the face', frequency: 'twice daily' } },
      { title: 'Low-glycaemic-load diet', kind: 'diet', owner: 'nutr2', proposedOn: '2026-10-05', decidedBy: 'derm2', decidedOn: '2026-10-06', startDate: '2026-10-06', status: 'active', details: { phase: 'other', foods: ['sugary drinks', 'white bread', 'sweets'] } },
    ],
  },
  {
    mrn: 'AX-100043', // rosacea
    interventions: [
      { title: 'Metronidazole 0.75% gel twice daily', kind: 'topical', owner: 'derm1', proposedOn: '2026-09-21', decidedBy: 'nutr1', decidedOn: '2026-09-22', startDate: '2026-09-22', status: 'active', details: { drug: 'metronidazole 0.75% gel', dose: 'thin layer to affected areas', frequency: 'twice daily' } },
      { title: 'Alcohol-free trial', kind: 'diet', owner: 'nutr1', proposedOn: '2026-11-09', decidedBy: 'derm1', decidedOn: '2026-11-10', startDate: '2026-11-10', status: 'active', details: { phase: 'elimination', foods: ['wine', 'beer', 'spirits'], reintroductionDate: '2026-12-22' } },
    ],
  },
  {
    mrn: 'AX-100050', // atopic dermatitis
    interventions: [
      { title: 'Hydrocortisone 1% cream for flares', kind: 'topical', owner: 'derm1', proposedOn: '2026-07-06', decidedBy: 'nutr2', decidedOn: '2026-07-07', startDate: '2026-07-07', status: 'active', details: { drug: 'hydrocortisone 1% cream', dose: 'thin layer to flaring areas', frequency: 'once or twice daily for up to 7 days per flare' } },
      { title: 'Emollient twice daily', kind: 'topical', owner: 'derm1', proposedOn: '2026-07-06', decidedBy: 'nutr2', decidedOn: '2026-07-07', startDate: '2026-07-07', status: 'paused', statusOn: '2026-11-02', statusReason: 'Stinging on broken skin; switching product', details: { drug: 'ceramide emollient', dose: 'generous layer', frequency: 'twice daily' } },
    ],
  },
];

export interface DemoCarePlansSummary {
  patients: number;
  interventions: number;
  goals: number;
  changes: number;
}

const at = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);

/**
 * Seeds the care plans above inside the demo clinic's transaction (after the results). Refuses, loudly,
 * a plan whose patient or owner is missing from the clinic, so a change to the clinic seed cannot
 * silently drop the demo's plans.
 */
export async function seedDemoCarePlans(db: Executor, patients: readonly DemoResultsPatient[]): Promise<DemoCarePlansSummary> {
  const ids = createRandom(DEMO_CARE_PLANS_SEED);
  const goalRows: (typeof carePlanGoals.$inferInsert)[] = [];
  const interventionRows: (typeof carePlanInterventions.$inferInsert)[] = [];
  const changeRows: (typeof carePlanChanges.$inferInsert)[] = [];
  const taskRows: (typeof clinicianTasks.$inferInsert)[] = [];

  for (const plan of DEMO_CARE_PLANS) {
    const patient = patients.find((p) => p.mrn === plan.mrn);
    if (!patient) throw new Error(`demo care plans: no patient ${plan.mrn}`);
    const member = (key: StaffKey) => {
      const m = patient.team.find((t) => t.key === key);
      if (!m || !m.specialty) throw new Error(`demo care plans: ${key} is not a clinician on ${plan.mrn}'s care team`);
      return { userId: m.userId, specialty: m.specialty };
    };

    for (const g of plan.goals ?? []) {
      const by = member(g.by).userId;
      const id = seededUuid(ids);
      const when = at(g.on, '10:05');
      goalRows.push({
        id,
        patientId: patient.id,
        description: g.description,
        targetInstrument: g.targetInstrument,
        targetValue: g.targetValue,
        targetDate: g.targetDate,
        status: 'active',
        version: 1,
        createdBy: by,
        createdAt: when,
        updatedBy: by,
        updatedAt: when,
      });
      changeRows.push({
        patientId: patient.id,
        entityType: 'goal',
        entityId: id,
        version: 1,
        change: 'create',
        // The shape lib/care-plans writes (records.ts goalSnapshot).
        snapshot: { id, description: g.description, targetInstrument: g.targetInstrument, targetValue: g.targetValue, targetDate: g.targetDate, status: 'active', version: 1, updatedBy: by, updatedAt: when.toISOString() },
        changedBy: by,
        changedAt: when,
      });
    }

    for (const spec of plan.interventions) {
      const owner = member(spec.owner);
      const id = seededUuid(ids);
      const proposedAt = at(spec.proposedOn, '09:30');
      const base = { title: spec.title, kind: spec.kind, ownerSpecialty: owner.specialty, details: spec.details ?? {}, gutTarget: spec.gutTarget ?? null, responseWeeks: null, ppiLastDoseDate: null, retestDate: null };
      // The history, oldest first: [change, status after it, when, by whom].
      const steps: { change: string; status: InterventionStatus; when: Date; by: string; reason?: string }[] = [
        { change: 'propose', status: 'proposed', when: proposedAt, by: owner.userId },
      ];
      if (spec.status !== 'proposed') {
        if (!spec.decidedBy || !spec.decidedOn) throw new Error(`demo care plans: ${spec.title} needs decidedBy/decidedOn`);
        const decider = member(spec.decidedBy).userId;
        const decidedAt = at(spec.decidedOn, '14:10');
        if (spec.status === 'declined') steps.push({ change: 'decline', status: 'declined', when: decidedAt, by: decider, reason: spec.statusReason });
        else {
          steps.push({ change: 'accept', status: 'active', when: decidedAt, by: decider });
          if (spec.status !== 'active') {
            const on = spec.statusOn ?? spec.endDate;
            if (!on) throw new Error(`demo care plans: ${spec.title} needs an end date or statusOn`);
            steps.push({ change: `status:${spec.status}`, status: spec.status, when: at(on, '16:45'), by: owner.userId, reason: spec.statusReason });
          }
        }
      }
      const plannedEnd = spec.status === 'active' || spec.status === 'paused';
      const accepted = steps.find((s) => s.change === 'accept');
      const last = steps[steps.length - 1] ?? steps[0];
      if (!last) throw new Error('unreachable: no steps');
      steps.forEach((s, i) => {
        const acceptedSoFar = steps.slice(0, i + 1).find((x) => x.change === 'accept');
        changeRows.push({
          patientId: patient.id,
          entityType: 'intervention',
          entityId: id,
          version: i + 1,
          change: s.change,
          // The shape lib/care-plans writes (records.ts interventionSnapshot), as the row stood after this change.
          snapshot: {
            id,
            ...base,
            goalId: null,
            ownerUserId: owner.userId,
            status: s.status,
            statusReason: s.reason ?? null,
            startDate: s.status === 'proposed' || s.status === 'declined' ? null : (spec.startDate ?? null),
            // A running item's end date is planned from the start; a finished one's is when it ended.
            endDate: s.status === 'completed' || s.status === 'stopped' || (plannedEnd && s.status !== 'proposed') ? (spec.endDate ?? null) : null,
            acknowledgedCautions: [],
            proposedBy: owner.userId,
            proposedAt: proposedAt.toISOString(),
            acceptedBy: acceptedSoFar?.by ?? null,
            acceptedAt: acceptedSoFar ? acceptedSoFar.when.toISOString() : null,
            version: i + 1,
            updatedBy: s.by,
            updatedAt: s.when.toISOString(),
          },
          changedBy: s.by,
          changedAt: s.when,
        });
      });
      interventionRows.push({
        id,
        patientId: patient.id,
        goalId: null,
        ...base,
        ownerUserId: owner.userId,
        status: spec.status,
        statusReason: spec.statusReason ?? null,
        startDate: spec.status === 'proposed' || spec.status === 'declined' ? null : (spec.startDate ?? null),
        endDate: spec.endDate ?? null,
        acknowledgedCautions: [],
        proposedBy: owner.userId,
        proposedAt,
        acceptedBy: accepted?.by ?? null,
        acceptedAt: accepted?.when ?? null,
        version: steps.length,
        updatedBy: last.by,
        updatedAt: last.when,
      });
      // As lib/outcomes/follow-ups.ts does when an H. pylori therapy ends: the test of cure, for its owner.
      if (spec.gutTarget === 'h_pylori' && spec.endDate && (spec.status === 'completed' || spec.status === 'stopped')) {
        const schedule = testOfCureSchedule(spec.endDate, null, formatDate);
        const doneOn = spec.testOfCureOn;
        taskRows.push({
          patientId: patient.id,
          kind: 'task',
          assigneeId: owner.userId,
          description: `H. pylori test of cure (urea breath test or stool antigen) after "${spec.title}": due from ${formatDate(schedule.dueFrom)}, ${schedule.explanation}`,
          createdBy: last.by,
          createdAt: last.when,
          followUp: 'h_pylori_test_of_cure',
          interventionId: id,
          dueDate: schedule.dueFrom,
          doneAt: doneOn ? at(doneOn, '15:00') : null,
          doneBy: doneOn ? owner.userId : null,
        });
      }
    }
  }

  if (goalRows.length > 0) await db.insert(carePlanGoals).values(goalRows);
  if (interventionRows.length > 0) await db.insert(carePlanInterventions).values(interventionRows);
  if (changeRows.length > 0) await db.insert(carePlanChanges).values(changeRows);
  if (taskRows.length > 0) await db.insert(clinicianTasks).values(taskRows);
  return { patients: DEMO_CARE_PLANS.length, interventions: interventionRows.length, goals: goalRows.length, changes: changeRows.length };
}
