import type { Executor } from '../client';
import { patientViews, resultReviews, results } from '../schema';
import type { ConditionClinicalStatus, ResultFlag, ResultKind, Specialty } from '../schema/enums';
import type { BreathTestFormInput } from '../../lib/clinical/breath-tests/schema';
import type { FoodPanelInputRaw } from '../../lib/clinical/food-panels/schema';
import type { HPyloriInputRaw } from '../../lib/clinical/h-pylori/schema';
import { derivedColumns } from '../../lib/results/kind-handler';
import { resultHandlers } from '../../lib/results/kinds';
import { getInstrument, type InstrumentId } from '../../lib/clinical/scores/instruments';
import type { ScoreFormInput } from '../../lib/clinical/scores/schema';
import { createRandom, seededUuid } from './random';

// Results for the demo clinic: breath tests, H. pylori tests, food panels and score trends. Every row is
// built the way a clinician's entry is: the input is validated with the kind's zod schema and the title,
// summary, flag and interpretation come from the kind's pure rules (lib/results/kinds.ts), never typed here.
// Deterministic: a fixed seed, fixed absolute dates (none later than DEMO_RESULTS_LAST_DATE) and ids drawn
// from the seeded generator, so two runs produce identical rows. Values follow ../shared/DOMAIN.md §1–4.

export const DEMO_RESULTS_SEED = 20_261_115;
/** Results fall between these dates (inclusive): fixed, never relative to the clock. */
export const DEMO_RESULTS_FIRST_DATE = '2025-06-02';
export const DEMO_RESULTS_LAST_DATE = '2026-11-15';
/** Share of the demo patients who get results. */
export const DEMO_RESULTS_PATIENT_SHARE = 0.8;
/** Maya Chen: the patient the browser tests open; always has a rich set of results. */
export const DEMO_RESULTS_FEATURED_MRN = 'AX-100155';
/** The dermatologist whose caseload the browser tests and screenshots use (Dr. Elena Rivera). */
export const DEMO_RESULTS_FEATURED_CLINICIAN_KEY = 'derm1';
/** How many of that clinician's first caseload patients (most recent activity first) get a rich set too. */
export const DEMO_RESULTS_FEATURED_CASELOAD = 6;
/** Colleagues' results entered before this date were already reviewed by the rest of the team. */
const REVIEWED_BEFORE = '2026-10-01';
const INSERT_CHUNK = 100;

export interface DemoResultsTeamMember {
  /** DEMO_STAFF key, e.g. 'derm1'. */
  key: string;
  userId: string;
  specialty: Specialty | null;
  role: 'lead' | 'member';
}

export interface DemoResultsPatient {
  id: string;
  mrn: string;
  dateOfBirth: string;
  lastActivityAt: Date;
  conditions: { key: string; code: string; status: ConditionClinicalStatus }[];
  team: DemoResultsTeamMember[];
  /** Has a patient portal account: always gets results, so the portal a newcomer signs in to is not empty. */
  hasPortalAccount?: boolean;
}

export interface DemoResultsSummary {
  patientsWithResults: number;
  results: number;
  /** e.g. { 'breath_test/abnormal': 12 } */
  byKindAndFlag: Record<string, number>;
}

type Rand = ReturnType<typeof createRandom>;

// --- Dates and small helpers ----------------------------------------------------------------------

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const inWindow = (iso: string) => iso >= DEMO_RESULTS_FIRST_DATE && iso <= DEMO_RESULTS_LAST_DATE;
const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
const uniform = (r: Rand, lo: number, hi: number) => lo + r.next() * (hi - lo);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function shuffle<T>(r: Rand, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

/** Visit dates ending at `last`, `count` of them at most, each gap minGap–maxGap days, none before the first date. */
function visitSchedule(r: Rand, last: string, count: number, minGap: number, maxGap: number): string[] {
  const out = [last];
  while (out.length < count) {
    const prev = addDays(out[0] ?? last, -r.int(minGap, maxGap));
    if (prev < DEMO_RESULTS_FIRST_DATE) break;
    out.unshift(prev);
  }
  return out;
}

/**
 * A patient's response over visits as severity fractions (1 = as bad as at the first visit, 0 = the floor):
 * mostly improving, some plateau after an early response, some flare midway and settle again.
 */
function severityPath(r: Rand, n: number, pattern: 'improving' | 'plateau' | 'flare'): number[] {
  const path = [1];
  const flareAt = n >= 4 ? r.int(2, n - 2) : n - 1;
  for (let t = 1; t < n; t++) {
    const prev = path[t - 1] ?? 1;
    let next: number;
    if (pattern === 'plateau' && t >= Math.ceil(n / 2)) next = prev * uniform(r, 0.93, 1.06);
    else if (pattern === 'flare' && t === flareAt) next = prev + uniform(r, 0.3, 0.5);
    else next = prev * uniform(r, 0.5, 0.78);
    path.push(clamp(next, 0, 1));
  }
  return path;
}

function pickPattern(r: Rand): 'improving' | 'plateau' | 'flare' {
  const x = r.next();
  return x < 0.6 ? 'improving' : x < 0.8 ? 'plateau' : 'flare';
}

// --- Planned results --------------------------------------------------------------------------------

interface Planned {
  kind: ResultKind;
  input: unknown;
  /** DEMO_STAFF key of the clinician who enters it; must be on the patient's team. */
  by: string;
  /** Generator self-check: the flag this scenario is meant to produce (the stored flag is always derived). */
  expect?: ResultFlag;
  scenario: string;
}

interface PatientContext {
  p: DemoResultsPatient;
  r: Rand;
  featured: boolean;
  /** The patient's active skin condition group key. */
  skin: string;
  has: (specialty: Specialty) => DemoResultsTeamMember | undefined;
  derm: string;
  nutr: string;
  gastro: string | undefined;
}

// --- Breath tests (DOMAIN.md §1) ---------------------------------------------------------------------

const MINUTES_120 = [0, 15, 30, 45, 60, 75, 90, 105, 120];
const MINUTES_180 = [...MINUTES_120, 135, 150, 165, 180];

type BreathScenario =
  | 'hydrogen' // classic H2-positive SIBO: rise ≥ 20 ppm by 60–90 min (lactulose) [NAC-T4]
  | 'hydrogen-glucose' // glucose: early rise then decline as glucose is absorbed
  | 'methane' // IMO: CH4 ≥ 10 ppm at any reading [NAC-T4]
  | 'mixed' // both hydrogen and methane positive
  | 'sulfide-hydrogen' // trio-smart panel, H2 positive and H2S raised
  | 'sulfide-only' // trio-smart panel, H2S raised (unverified cut-off: for review), H2/CH4 negative
  | 'negative'
  | 'negative-glucose'
  | 'flat' // H2 and CH4 ≤ 5 ppm throughout: possible non-producer
  | 'high-baseline' // fasting H2 ≥ 20 ppm that falls: check preparation [CSIBO]
  | 'antibiotics'; // negative, but antibiotics within 4 weeks [NAC-T1]

const BREATH_EXPECT: Record<BreathScenario, ResultFlag> = {
  hydrogen: 'abnormal',
  'hydrogen-glucose': 'abnormal',
  methane: 'abnormal',
  mixed: 'abnormal',
  'sulfide-hydrogen': 'abnormal',
  'sulfide-only': 'indeterminate',
  negative: 'normal',
  'negative-glucose': 'normal',
  flat: 'indeterminate',
  'high-baseline': 'indeterminate',
  antibiotics: 'indeterminate',
};

/** Hydrogen rise over baseline: under 20 ppm until `riseAt`, then ≥ 20 (lactulose keeps climbing; glucose falls). */
function positiveRises(r: Rand, minutes: number[], riseAt: number, glucose: boolean): number[] {
  const out: number[] = [];
  for (const m of minutes) {
    const prev = out[out.length - 1] ?? 0;
    if (m === 0) out.push(0);
    else if (m < riseAt) out.push(Math.min(17, Math.max(prev, Math.round(19 * (m / riseAt) ** 1.6 * uniform(r, 0.55, 0.95)))));
    else if (m === riseAt) out.push(r.int(22, 34));
    else if (!glucose) out.push(Math.min(140, prev + r.int(5, 16)));
    else out.push(m === riseAt + 15 ? prev + r.int(4, 12) : Math.max(3, Math.round(prev * uniform(r, 0.55, 0.8))));
  }
  return out;
}

/** Hydrogen rise that stays under 20 ppm within 90 min; lactulose may rise later as it reaches the colon. */
function negativeRises(r: Rand, minutes: number[], glucose: boolean): number[] {
  const cap = r.int(5, 13);
  const out: number[] = [];
  for (const m of minutes) {
    const prev = out[out.length - 1] ?? 0;
    if (m === 0) out.push(0);
    else if (m <= 90 || glucose) out.push(Math.min(cap, prev + r.int(0, 3)));
    else out.push(prev + r.int(2, 9));
  }
  return out;
}

function lowMethane(r: Rand, minutes: number[]): number[] {
  const base = r.int(0, 3);
  return minutes.map((m) => (m === 0 ? base : clamp(base + r.int(-1, 3), 0, 7)));
}

/** Methane from a raised fasting level to a peak of 14–45 ppm (≥ 10 ppm is IMO [NAC-T4]). */
function raisedMethane(r: Rand, minutes: number[]): number[] {
  const base = r.int(5, 13);
  const peak = r.int(14, 45);
  const peakAt = r.pick([75, 90, 105, 120]);
  return minutes.map((m) => {
    if (m === 0) return base;
    if (m <= peakAt) return Math.round(base + (peak - base) * (m / peakAt) + r.int(-1, 1));
    return Math.max(base, Math.round(peak - r.int(0, 4)));
  });
}

/** trio-smart hydrogen sulfide: fasting under 1.5 ppm, rising to 3.2–6.5 ppm. */
function raisedSulfide(r: Rand, minutes: number[]): number[] {
  const base = round1(uniform(r, 0.4, 1.2));
  const peak = round1(uniform(r, 3.2, 6.5));
  const peakAt = r.pick([60, 75, 90]);
  return minutes.map((m) => (m === 0 ? base : round1(m <= peakAt ? base + (peak - base) * (m / peakAt) : peak - uniform(r, 0, 0.6))));
}

function breathTest(ctx: PatientContext, date: string, scenario: BreathScenario, note?: string): Planned {
  const { r } = ctx;
  const glucose = scenario === 'hydrogen-glucose' || scenario === 'negative-glucose';
  const sulfide = scenario === 'sulfide-hydrogen' || scenario === 'sulfide-only';
  const minutes = glucose || scenario === 'flat' ? MINUTES_120 : r.chance(0.4) ? MINUTES_180 : MINUTES_120;
  // Fasting hydrogen: 1–3 ppm for a flat line, 28–38 ppm for a high baseline, otherwise 6–12 ppm.
  const h2Base = scenario === 'flat' ? r.int(1, 3) : scenario === 'high-baseline' ? r.int(28, 38) : r.int(6, 12);

  let h2: number[];
  let ch4: number[];
  switch (scenario) {
    case 'hydrogen':
    case 'sulfide-hydrogen':
      h2 = positiveRises(r, minutes, r.pick([60, 75, 90]), false).map((v) => h2Base + v);
      ch4 = lowMethane(r, minutes);
      break;
    case 'hydrogen-glucose':
      h2 = positiveRises(r, minutes, r.pick([30, 45, 60]), true).map((v) => h2Base + v);
      ch4 = lowMethane(r, minutes);
      break;
    case 'methane':
      h2 = negativeRises(r, minutes, false).map((v) => h2Base + v);
      ch4 = raisedMethane(r, minutes);
      break;
    case 'mixed':
      h2 = positiveRises(r, minutes, r.pick([60, 75, 90]), false).map((v) => h2Base + v);
      ch4 = raisedMethane(r, minutes);
      break;
    case 'flat':
      h2 = minutes.map((m) => (m === 0 ? h2Base : r.int(1, 5)));
      ch4 = minutes.map(() => r.int(0, 2));
      break;
    case 'high-baseline': {
      // A high fasting value that falls: poor preparation more likely than overgrowth [CSIBO].
      const floor = r.int(8, 14);
      h2 = minutes.map((m) => (m === 0 ? h2Base : m <= 60 ? Math.round(h2Base - (h2Base - floor) * (m / 60)) : floor + r.int(0, 6)));
      ch4 = lowMethane(r, minutes);
      break;
    }
    default:
      h2 = negativeRises(r, minutes, glucose).map((v) => h2Base + v);
      ch4 = lowMethane(r, minutes);
  }
  const h2s = sulfide ? raisedSulfide(r, minutes) : null;

  const input: BreathTestFormInput = {
    effectiveDate: date,
    substrate: glucose ? { kind: 'glucose', doseGrams: 75 } : { kind: 'lactulose', doseGrams: 10 },
    preparation: {
      antibioticsWithin4Weeks: scenario === 'antibiotics',
      promotilityOrLaxativesWithin1Week: false,
      fermentableFoodsDayBefore: false,
      fasted8to12h: true,
      smokedOnTestDay: false,
      physicalActivityDuringTest: false,
      ppiUse: r.chance(0.15),
      probioticsOrPrebiotics: r.chance(0.3),
    },
    readings: minutes.map((minute, i) => ({ minute, h2: h2[i] ?? 0, ch4: ch4[i] ?? 0, ...(h2s ? { h2s: h2s[i] ?? 0 } : {}) })),
    device: sulfide ? 'trio-smart (Gemelli Biotech), home kit' : r.pick(['QuinTron BreathTracker SC', 'QuinTron BreathTracker SC', 'Bedfont GastroCH4ECK']),
    notes:
      note ??
      (scenario === 'antibiotics'
        ? `Finished ${ctx.skin === 'acne' || ctx.skin === 'rosacea' ? 'a 6-week doxycycline course' : 'a 7-day amoxicillin course for a chest infection'} 2 weeks before the test; not rebooked.`
        : scenario === 'high-baseline'
          ? 'Patient reports a late pasta dinner the evening before.'
          : undefined),
  };
  const by = ctx.gastro && ctx.r.chance(0.6) ? ctx.gastro : ctx.nutr;
  return { kind: 'breath_test', input, by, expect: BREATH_EXPECT[scenario], scenario: `breath:${scenario}` };
}

// --- H. pylori (DOMAIN.md §2) -----------------------------------------------------------------------

type HPyloriScenario = 'ubt-positive' | 'ubt-negative' | 'stool-positive' | 'stool-negative-on-ppi' | 'serology-positive';

/** Drug history outside every window (PPI 2 weeks, antibiotics 4 weeks, bismuth 2 weeks, H2 blockers 2 weeks). */
function cleanDrugHistory(r: Rand): Pick<HPyloriInputRaw, 'ppiLastTakenDaysAgo' | 'ppiWithin2Weeks' | 'antibioticsLastTakenDaysAgo' | 'bismuthWithin2Weeks' | 'h2BlockerWithin2Weeks'> {
  return {
    ...(r.chance(0.5) ? { ppiLastTakenDaysAgo: r.int(16, 120) } : { ppiWithin2Weeks: false }),
    antibioticsLastTakenDaysAgo: r.int(45, 700),
    bismuthWithin2Weeks: false,
    h2BlockerWithin2Weeks: false,
  };
}

function hPyloriTest(ctx: PatientContext, date: string, scenario: HPyloriScenario): Planned {
  const { r } = ctx;
  const kit = r.pick(['breathid_hp', 'c13_75mg_citric_30min_adults'] as const);
  let input: HPyloriInputRaw;
  let expect: ResultFlag;
  switch (scenario) {
    case 'ubt-positive':
      input = { effectiveDate: date, method: 'urea_breath_test', purpose: 'diagnosis', ubtKit: kit, deltaOverBaseline: round1(uniform(r, 9, 38)), ...cleanDrugHistory(r) };
      expect = 'abnormal';
      break;
    case 'ubt-negative':
      input = { effectiveDate: date, method: 'urea_breath_test', purpose: 'diagnosis', ubtKit: kit, deltaOverBaseline: round1(uniform(r, 0.2, 1.6)), ...cleanDrugHistory(r) };
      expect = 'normal';
      break;
    case 'stool-positive':
      input = { effectiveDate: date, method: 'stool_antigen', purpose: 'diagnosis', result: 'positive', ...cleanDrugHistory(r) };
      expect = 'abnormal';
      break;
    case 'stool-negative-on-ppi':
      // A negative on a PPI may be a false negative: repeat 2 weeks after stopping [BTK-HCP].
      input = {
        effectiveDate: date,
        method: 'stool_antigen',
        purpose: 'diagnosis',
        result: 'negative',
        ppiLastTakenDaysAgo: r.int(1, 5),
        antibioticsLastTakenDaysAgo: r.int(60, 400),
        bismuthWithin2Weeks: false,
        notes: 'Omeprazole 20 mg daily for reflux, not stopped before the test.',
      };
      expect = 'indeterminate';
      break;
    case 'serology-positive':
      // Serology cannot tell active from past infection [BTK-HCP], [ACG24].
      input = { effectiveDate: date, method: 'serology', purpose: 'diagnosis', result: 'positive', notes: 'Ordered by the GP before referral.' };
      expect = 'abnormal';
      break;
  }
  return { kind: 'h_pylori', input, by: ctx.gastro ?? ctx.nutr, expect, scenario: `h_pylori:${scenario}` };
}

/** Test of cure ≥ 4 weeks after eradication therapy, PPI stopped ≥ 2 weeks before [ACG24], [BTK-INS]. */
function hPyloriTestOfCure(ctx: PatientContext, therapyEnd: string, cured: boolean): Planned {
  const { r } = ctx;
  const date = addDays(therapyEnd, r.int(35, 56));
  const since = daysBetween(therapyEnd, date);
  const stool = cured && r.chance(0.35);
  const common = {
    effectiveDate: date,
    purpose: 'test_of_cure' as const,
    eradicationTherapyEndDate: therapyEnd,
    ppiLastTakenDaysAgo: r.int(15, Math.min(28, since)),
    antibioticsLastTakenDaysAgo: since,
    bismuthLastTakenDaysAgo: since,
    notes: 'Bismuth quadruple therapy for 14 days.',
  };
  const input: HPyloriInputRaw = stool
    ? { ...common, method: 'stool_antigen', result: 'negative' }
    : { ...common, method: 'urea_breath_test', ubtKit: 'breathid_hp', deltaOverBaseline: cured ? round1(uniform(r, 0.2, 1.5)) : round1(uniform(r, 8, 21)), h2BlockerWithin2Weeks: false };
  return { kind: 'h_pylori', input, by: ctx.gastro ?? ctx.nutr, expect: cured ? 'normal' : 'abnormal', scenario: `h_pylori:test-of-cure-${cured ? 'negative' : 'positive'}` };
}

// --- Food panels (DOMAIN.md §3) -----------------------------------------------------------------------

type FoodScenario = 'sige-sensitised' | 'sige-negative' | 'prick-positive' | 'prick-negative' | 'igg' | 'elimination-reaction' | 'elimination-none' | 'elimination-inconclusive';

const IGE_FOODS = ['Cow’s milk', 'Egg white', 'Peanut', 'Hazelnut', 'Wheat', 'Soy', 'Cod', 'Shrimp', 'Sesame', 'Cashew'];
const IGG_FOODS = ['Cow’s milk', 'Casein', 'Egg white', 'Egg yolk', 'Wheat', 'Gluten', 'Almond', 'Banana', 'Yeast', 'Tomato', 'Rice', 'Oats', 'Soy', 'Chicken', 'Beef', 'Garlic'];
const ELIMINATION_FOODS = ['Cow’s milk', 'Wheat', 'Egg', 'Soy', 'Whey protein supplement', 'Chocolate'];
const IGE_LAB = 'Springfield Clinical Laboratory (ImmunoCAP)';

/** One sIgE value per class band of the Mayo table [MAYO-IGE]: class 1, 2, 3, 4. */
function sensitisedValue(r: Rand, cls: 1 | 2 | 3 | 4): number {
  const band = { 1: [0.36, 0.68], 2: [0.72, 3.4], 3: [3.6, 17], 4: [17.6, 48] }[cls];
  return round2(uniform(r, band[0] ?? 0.36, band[1] ?? 0.68));
}

function foodPanel(ctx: PatientContext, date: string, scenario: FoodScenario): Planned {
  const { r } = ctx;
  let input: FoodPanelInputRaw;
  let expect: ResultFlag;
  let by = ctx.nutr;
  switch (scenario) {
    case 'sige-sensitised':
    case 'sige-negative': {
      const foods = shuffle(r, IGE_FOODS).slice(0, r.int(5, 8));
      const sensitised = scenario === 'sige-sensitised' ? r.int(2, 3) : 0;
      // At least one at class 2 or above (what Mayo flags abnormal [MAYO-IGE2]); others across classes.
      const classes: (1 | 2 | 3 | 4)[] = [r.pick([2, 3, 4] as const), r.pick([1, 2, 3] as const), r.pick([1, 2] as const)];
      input = {
        effectiveDate: date,
        method: 'specific_ige',
        laboratory: IGE_LAB,
        items: foods.map((food, i) => ({
          food,
          value: i < sensitised ? sensitisedValue(r, classes[i] ?? 2) : r.chance(0.2) ? round2(uniform(r, 0.1, 0.3)) : round2(uniform(r, 0.01, 0.09)),
        })),
      };
      expect = sensitised > 0 ? 'abnormal' : 'normal';
      by = r.chance(0.5) ? ctx.derm : ctx.nutr;
      break;
    }
    case 'prick-positive':
    case 'prick-negative': {
      const foods = shuffle(r, IGE_FOODS).slice(0, r.int(5, 7));
      const positive = scenario === 'prick-positive' ? r.int(1, 2) : 0;
      input = {
        effectiveDate: date,
        method: 'skin_prick',
        laboratory: 'Axis allergy clinic',
        items: foods.map((food, i) => ({ food, value: i < positive ? r.int(4, 9) : r.int(0, 2) })),
        notes: 'Histamine control 6 mm, saline control 0 mm; read at 15 minutes.',
      };
      expect = positive > 0 ? 'abnormal' : 'normal';
      by = ctx.derm;
      break;
    }
    case 'igg': {
      const foods = shuffle(r, IGG_FOODS).slice(0, r.int(10, 16));
      input = {
        effectiveDate: date,
        method: 'igg',
        laboratory: 'Direct-to-consumer laboratory (patient-supplied)',
        cutoff: 7.5,
        items: foods.map((food) => ({ food, value: r.chance(0.3) ? round1(uniform(r, 7.5, 38)) : round1(uniform(r, 0.5, 7.4)), unit: 'U/mL' })),
        notes: 'Brought in by the patient; not used for diet advice.',
      };
      expect = 'info';
      break;
    }
    case 'elimination-reaction':
    case 'elimination-none':
    case 'elimination-inconclusive': {
      const foods = shuffle(r, ELIMINATION_FOODS).slice(0, r.int(2, 4));
      input = {
        effectiveDate: date,
        method: 'elimination_rechallenge',
        items: foods.map((food, i) => ({
          food,
          outcome: i === 0 && scenario === 'elimination-reaction' ? 'reaction' : i === 0 && scenario === 'elimination-inconclusive' ? 'inconclusive' : 'no_reaction',
        })),
        notes: '4-week elimination, then open rechallenge of one food at a time, 3 days apart, with a symptom and skin diary.',
      };
      expect = scenario === 'elimination-reaction' ? 'abnormal' : scenario === 'elimination-inconclusive' ? 'indeterminate' : 'normal';
      break;
    }
  }
  return { kind: 'food_panel', input, by, expect, scenario: `food_panel:${scenario}` };
}

// --- Scores (DOMAIN.md §4) ------------------------------------------------------------------------------

/** Typical values at the first visit (scaled by the patient's severity) and at the floor of a good response. */
const SCORE_PROFILE: Partial<Record<InstrumentId, { start: [number, number]; floor: [number, number] }>> = {
  easi: { start: [13, 34], floor: [0.6, 4] },
  scorad: { start: [36, 62], floor: [8, 20] },
  poem: { start: [11, 22], floor: [2, 6] },
  iga_ad: { start: [3, 4], floor: [1, 2] },
  pasi: { start: [8, 19], floor: [0.8, 4] },
  dlqi: { start: [8, 19], floor: [1, 4] },
  iga_acne: { start: [3, 4], floor: [0.6, 1.4] },
  uas7: { start: [17, 34], floor: [0, 6] },
  gsrs: { start: [3.4, 5.3], floor: [1.5, 2.4] },
};

function scoreValue(id: InstrumentId, raw: number): number {
  const { min, max, integerOnly } = getInstrument(id);
  const v = clamp(raw, min, max);
  return integerOnly ? Math.round(v) : round1(v);
}

function scoreSeries(
  ctx: PatientContext,
  id: InstrumentId,
  dates: string[],
  path: number[],
  severity: number,
  by: string,
  reportedBy: 'clinician' | 'patient' = 'clinician',
): Planned[] {
  const { r } = ctx;
  const profile = SCORE_PROFILE[id];
  if (!profile) throw new Error(`no score profile for ${id}`);
  const start = profile.start[0] + severity * (profile.start[1] - profile.start[0]);
  const floor = uniform(r, profile.floor[0], profile.floor[1]);
  return dates.map((date, i) => {
    const p = path[i] ?? 0;
    const noise = (start - floor) * uniform(r, -0.05, 0.05);
    const input: ScoreFormInput = { effectiveDate: date, instrument: id, value: scoreValue(id, floor + (start - floor) * p + (i === 0 ? 0 : noise)), reportedBy };
    return { kind: 'score', input, by, scenario: `score:${id}` };
  });
}

/** Bristol stool type moving from the patient's starting type towards type 4 as gut symptoms settle. */
function bristolSeries(ctx: PatientContext, dates: string[], path: number[], startType: number): Planned[] {
  return dates.map((date, i) => {
    const input: ScoreFormInput = { effectiveDate: date, instrument: 'bristol', value: scoreValue('bristol', 4 + (startType - 4) * (path[i] ?? 0)), reportedBy: 'patient' };
    return { kind: 'score', input, by: ctx.nutr, scenario: 'score:bristol' };
  });
}

// --- Per-patient plan ----------------------------------------------------------------------------------

interface Quotas {
  /** Special breath scenarios every demo must show, handed to patients without a SIBO diagnosis. */
  breathSpecials: BreathScenario[];
  hPyloriActive: HPyloriScenario[];
  hPyloriScreen: HPyloriScenario[];
  foodAtopic: FoodScenario[];
  foodOther: FoodScenario[];
  /** Stool test stories, each told once: an eczema patient's calprotectin over time, a rosacea patient's own microbiome report. */
  stool: StoolScenario[];
}

type StoolScenario = 'calprotectin-series' | 'microbiome-report';

/**
 * Calprotectin falling over four visits (same lab and assay, so comparable [MLABS]): raised, raised, borderline,
 * within the lab's interval; the lab's interval is stored with each result (DOMAIN.md §8.1).
 */
function calprotectinSeries(ctx: PatientContext, first: string): Planned[] {
  const by = ctx.gastro ?? ctx.nutr;
  const values = [236, 162, 88, 41];
  return values.map((value, i) => ({
    kind: 'stool_test' as const,
    by,
    scenario: 'calprotectin-series',
    expect: value > 120 ? ('abnormal' as const) : value >= 50 ? ('indeterminate' as const) : ('normal' as const),
    input: {
      effectiveDate: addDays(first, 20 + i * 84),
      calprotectin: { value, unit: 'ug/g', labInterval: { normalBelow: 50, indeterminateUpTo: 120 }, assay: 'Bühlmann fCAL turbo', laboratory: 'Springfield Regional Pathology', nsaidsWithinTwoWeeks: false },
      ...(i === 0 ? { notes: 'Ordered for loose stools and urgency; to separate IBD from IBS.' } : {}),
    },
  }));
}

/** A direct-to-consumer microbiome report the patient brought in: research-grade, stored as the lab printed it. */
function microbiomeReport(ctx: PatientContext, date: string): Planned {
  return {
    kind: 'stool_test',
    by: ctx.nutr,
    scenario: 'microbiome-report',
    expect: 'info',
    input: {
      effectiveDate: date,
      microbiome: {
        method: '16s',
        laboratory: 'GutMap Direct (consumer test)',
        orderedBy: 'Self (direct to consumer)',
        alphaDiversity: [{ metric: 'Shannon', value: 3.1 }],
        taxa: [
          { name: 'Bacteroides', relativeAbundance: 21.4 },
          { name: 'Faecalibacterium prausnitzii', relativeAbundance: 5.2 },
          { name: 'Bifidobacterium', relativeAbundance: 1.1 },
          { name: 'Akkermansia muciniphila', relativeAbundance: 0.3 },
        ],
        labIndex: { name: 'GutMap balance score', value: 58, labRange: { low: 60, high: 100 } },
        scfa: [{ name: 'Butyrate', value: 11.8, unit: 'µmol/g', labRange: { low: 12, high: 30 } }],
      },
      notes: 'Brought in by the patient, who asked whether to change diet because of it.',
    },
  };
}

const SKIN_KEYS = ['acne', 'rosacea', 'atopic-dermatitis', 'psoriasis', 'urticaria'];

function planPatient(ctx: PatientContext, quotas: Quotas): Planned[] {
  const { p, r, featured } = ctx;
  const planned: Planned[] = [];
  const skin = ctx.skin;
  const sibo = p.conditions.find((c) => c.key === 'sibo');
  const hp = p.conditions.find((c) => c.key === 'h-pylori');
  const gut = sibo !== undefined || hp !== undefined;

  // Dermatology visits: most patients were seen recently; featured ones within the last month.
  const last = featured ? addDays('2026-10-20', r.int(0, 25)) : r.chance(0.75) ? addDays('2026-08-15', r.int(0, 92)) : addDays('2026-02-01', r.int(0, 180));
  const dermVisits = visitSchedule(r, last, featured ? r.int(6, 8) : r.int(3, 7), 35, 63);
  const first = dermVisits[0] ?? last;
  const severity = r.next();
  const skinPath = severityPath(r, dermVisits.length, pickPattern(r));
  const skinScores = (id: InstrumentId, by = ctx.derm, reportedBy: 'clinician' | 'patient' = 'clinician') =>
    planned.push(...scoreSeries(ctx, id, dermVisits, skinPath, severity, by, reportedBy));
  // DLQI is often collected at the nutrition visit too: a colleague's entry for the dermatologist to see.
  const dlqiBy = () => (r.chance(0.35) ? ctx.nutr : ctx.derm);

  switch (skin) {
    case 'atopic-dermatitis':
      skinScores('easi');
      skinScores('poem', ctx.derm, 'patient');
      if (featured || r.chance(0.5)) skinScores('iga_ad');
      if (!featured && r.chance(0.35)) skinScores('scorad');
      if (featured || r.chance(0.4)) skinScores('dlqi', dlqiBy());
      break;
    case 'psoriasis':
      skinScores('pasi');
      skinScores('dlqi', dlqiBy());
      break;
    case 'acne':
      skinScores('iga_acne');
      if (featured || r.chance(0.6)) skinScores('dlqi', dlqiBy());
      break;
    case 'urticaria':
      skinScores('uas7', ctx.derm, 'patient');
      if (featured || r.chance(0.7)) skinScores('dlqi', dlqiBy());
      break;
    default: // rosacea: Axis charts no rosacea instrument yet, so quality of life only
      skinScores('dlqi', dlqiBy());
  }

  // Nutrition visits for gut patients: GSRS and Bristol, entered by the nutritionist.
  if (gut) {
    const nutrLast = minDate(DEMO_RESULTS_LAST_DATE, addDays(last, featured ? r.int(3, 14) : r.int(-20, 10)));
    const nutrVisits = visitSchedule(r, nutrLast, r.int(3, 6), 28, 56);
    const gutPath = severityPath(r, nutrVisits.length, pickPattern(r));
    planned.push(...scoreSeries(ctx, 'gsrs', nutrVisits, gutPath, r.next(), ctx.nutr, 'patient'));
    if (featured || r.chance(0.7)) {
      const code = sibo?.code;
      const startType = code === 'K63.8219' ? r.int(1, 2) : code === 'K63.8211' ? r.int(6, 7) : r.pick([2, 5, 6]);
      planned.push(...bristolSeries(ctx, nutrVisits, gutPath, startType));
    }
  }

  // Breath tests: SIBO patients by subtype (ICD-10-CM K63.8211 hydrogen, K63.8212 hydrogen sulfide,
  // K63.8219 unspecified); rosacea and acne patients are often screened too.
  const breathDate = addDays(first, r.int(7, 21));
  if (sibo) {
    const scenario: BreathScenario =
      sibo.code === 'K63.8211'
        ? r.chance(0.7) ? 'hydrogen' : 'hydrogen-glucose'
        : sibo.code === 'K63.8212'
          ? featured || r.chance(0.6) ? 'sulfide-hydrogen' : 'sulfide-only'
          : r.chance(0.5) ? 'methane' : 'mixed';
    planned.push(breathTest(ctx, breathDate, scenario));
    const retest = addDays(breathDate, r.int(70, 110));
    if (sibo.status === 'resolved' && retest <= DEMO_RESULTS_LAST_DATE) {
      planned.push(breathTest(ctx, retest, 'negative', 'Retest after a 14-day rifaximin course and a low-fermentation diet.'));
    } else if (sibo.status === 'active' && r.chance(0.45) && retest <= DEMO_RESULTS_LAST_DATE) {
      // After rifaximin: some respond, some stay positive (condition still active pending review).
      planned.push(
        r.chance(0.5)
          ? breathTest(ctx, retest, scenario === 'sulfide-only' ? 'sulfide-hydrogen' : scenario, 'Retest after a 14-day rifaximin course: still positive.')
          : breathTest(ctx, retest, 'negative', 'Retest after a 14-day rifaximin course.'),
      );
    }
  } else if (featured || ((skin === 'rosacea' || skin === 'acne') && r.chance(0.75)) || r.chance(0.15)) {
    const special = quotas.breathSpecials.shift();
    planned.push(breathTest(ctx, breathDate, special ?? (r.chance(0.75) ? 'negative' : 'negative-glucose')));
  }

  // H. pylori: diagnosed patients get the diagnostic test and, once treated, a test of cure.
  const hpDate = addDays(first, r.int(10, 35));
  if (hp) {
    const scenario = quotas.hPyloriActive.shift() ?? r.pick(['ubt-positive', 'ubt-positive', 'stool-positive'] as const);
    planned.push(hPyloriTest(ctx, hpDate, scenario));
    const therapyEnd = addDays(hpDate, r.int(10, 24));
    if (hp.status === 'resolved') planned.push(hPyloriTestOfCure(ctx, therapyEnd, true));
    else if (r.chance(0.25)) planned.push(hPyloriTestOfCure(ctx, therapyEnd, false)); // eradication failed
  } else if (featured || (ctx.gastro && r.chance(0.6)) || ((skin === 'rosacea' || skin === 'urticaria') && r.chance(0.35))) {
    planned.push(hPyloriTest(ctx, hpDate, quotas.hPyloriScreen.shift() ?? 'ubt-negative'));
  }

  // Food panels: allergy work-up for atopic dermatitis; diet trials for acne, rosacea and the rest.
  const foodDate = addDays(first, r.int(20, 120));
  if (skin === 'atopic-dermatitis' && (featured || r.chance(0.8))) {
    const scenario: FoodScenario = featured ? 'sige-sensitised' : (quotas.foodAtopic.shift() ?? r.pick(['sige-sensitised', 'sige-sensitised', 'sige-negative', 'prick-positive'] as const));
    planned.push(foodPanel(ctx, foodDate, scenario));
  } else if (skin === 'urticaria' && (featured || r.chance(0.4))) {
    planned.push(foodPanel(ctx, foodDate, 'sige-negative'));
  } else if (featured || (skin === 'acne' && r.chance(0.5)) || (skin === 'rosacea' && r.chance(0.35)) || r.chance(0.15)) {
    const scenario = quotas.foodOther.shift() ?? r.pick(['elimination-reaction', 'elimination-none', 'igg'] as const);
    planned.push(foodPanel(ctx, foodDate, scenario));
  }

  // Stool tests: each story once, for the first patient it fits (no random draw, so no other result moves).
  if (skin === 'atopic-dermatitis' && gut && !featured && quotas.stool.includes('calprotectin-series') && addDays(first, 20 + 3 * 84) <= DEMO_RESULTS_LAST_DATE) {
    quotas.stool.splice(quotas.stool.indexOf('calprotectin-series'), 1);
    planned.push(...calprotectinSeries(ctx, first));
  }
  if (skin === 'rosacea' && quotas.stool.includes('microbiome-report')) {
    quotas.stool.splice(quotas.stool.indexOf('microbiome-report'), 1);
    planned.push(microbiomeReport(ctx, minDate(DEMO_RESULTS_LAST_DATE, addDays(first, 30))));
  }
  return planned.filter((x) => inWindow(effectiveDateOf(x)));
}

function effectiveDateOf(planned: Planned): string {
  const date = (planned.input as { effectiveDate?: unknown }).effectiveDate;
  if (typeof date !== 'string') throw new Error(`planned ${planned.scenario} has no effective date`);
  return date;
}

// --- Seeding -------------------------------------------------------------------------------------------

type ResultRow = typeof results.$inferInsert;

/** Patients who get a rich set: Maya Chen and the first patients of Dr. Rivera's caseload (most recent activity first). */
export function featuredDemoPatients(patients: readonly DemoResultsPatient[]): DemoResultsPatient[] {
  const caseload = patients
    .filter((p) => p.team.some((m) => m.key === DEMO_RESULTS_FEATURED_CLINICIAN_KEY))
    .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || a.mrn.localeCompare(b.mrn))
    .slice(0, DEMO_RESULTS_FEATURED_CASELOAD);
  const chen = patients.find((p) => p.mrn === DEMO_RESULTS_FEATURED_MRN);
  return [...(chen ? [chen] : []), ...caseload.filter((p) => p !== chen)];
}

/**
 * Seeds results for about 80% of the demo patients, inside the demo clinic's transaction. Runs as the
 * system (no access checks, no audit events), like the rest of the seed; each row is entered by a
 * clinician on the patient's care team.
 */
export async function seedDemoResults(db: Executor, patients: readonly DemoResultsPatient[]): Promise<DemoResultsSummary> {
  const pick = createRandom(DEMO_RESULTS_SEED);
  const ids = createRandom(DEMO_RESULTS_SEED + 1);
  const featured = featuredDemoPatients(patients);
  const target = Math.round(patients.length * DEMO_RESULTS_PATIENT_SHARE);
  const others = shuffle(pick, patients.filter((p) => !featured.includes(p))).slice(0, Math.max(0, target - featured.length));
  // Portal patients the draw left out come last, so adding them shifts nobody else's results.
  const portalLeftOut = patients.filter((p) => p.hasPortalAccount && !featured.includes(p) && !others.includes(p));
  const chosen = [...featured, ...others.sort((a, b) => a.mrn.localeCompare(b.mrn)), ...portalLeftOut];

  const quotas: Quotas = {
    breathSpecials: ['antibiotics', 'flat', 'high-baseline', 'negative-glucose'],
    hPyloriActive: ['serology-positive', 'ubt-positive', 'stool-positive'],
    hPyloriScreen: ['ubt-negative', 'stool-negative-on-ppi'],
    foodAtopic: ['prick-positive', 'prick-negative'],
    foodOther: ['elimination-reaction', 'igg', 'elimination-none', 'elimination-inconclusive'],
    stool: ['calprotectin-series', 'microbiome-report'],
  };

  const rows: ResultRow[] = [];
  const teamOf = new Map<string, DemoResultsTeamMember[]>();
  for (const p of chosen) {
    const index = patients.indexOf(p);
    const r = createRandom(DEMO_RESULTS_SEED + 7_919 * (index + 1));
    const has = (specialty: Specialty) => p.team.find((m) => m.specialty === specialty);
    const lead = p.team.find((m) => m.role === 'lead') ?? p.team[0];
    const nutr = has('nutrition') ?? lead;
    if (!lead || !nutr) throw new Error(`patient ${p.mrn} has no care team`);
    const skin = p.conditions.find((c) => SKIN_KEYS.includes(c.key) && c.status === 'active')?.key ?? 'acne';
    const ctx: PatientContext = { p, r, featured: featured.includes(p), skin, has, derm: (has('dermatology') ?? lead).key, nutr: nutr.key, gastro: has('gastroenterology')?.key };
    teamOf.set(p.id, p.team);

    for (const planned of planPatient(ctx, quotas)) {
      const handler = resultHandlers[planned.kind];
      const parsed = handler.schema.parse(planned.input);
      const derived = handler.derive(parsed, p);
      if (planned.expect && derived.flag !== planned.expect) {
        throw new Error(`demo result ${planned.scenario} for ${p.mrn} came out ${derived.flag}, not ${planned.expect}: ${derived.summary}`);
      }
      const member = p.team.find((m) => m.key === planned.by);
      if (!member) throw new Error(`${planned.by} is not on ${p.mrn}'s care team`);
      const enteredAt = new Date(`${derived.effectiveDate}T${String(r.int(8, 17)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`);
      const seriesId = seededUuid(ids);
      rows.push({
        id: seededUuid(ids),
        patientId: p.id,
        kind: planned.kind,
        seriesId,
        version: 1,
        isCurrent: true,
        ...derivedColumns(derived),
        data: parsed as Record<string, unknown>,
        enteredBy: member.userId,
        enteredAt,
      });
    }
  }
  const unused = Object.entries(quotas).filter(([, left]) => (left as unknown[]).length > 0);
  if (unused.length > 0) throw new Error(`demo results: scenarios not placed: ${unused.map(([k, v]) => `${k}=${(v as unknown[]).join(',')}`).join('; ')}`);

  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insert(results).values(rows.slice(i, i + INSERT_CHUNK));

  // The team has read colleagues' older results; recent ones still await review ("To review").
  const reviews: (typeof resultReviews.$inferInsert)[] = [];
  const views: (typeof patientViews.$inferInsert)[] = [];
  const review = createRandom(DEMO_RESULTS_SEED + 2);
  for (const row of rows) {
    if (!row.id || !row.enteredAt || row.effectiveDate >= REVIEWED_BEFORE) continue;
    for (const m of teamOf.get(row.patientId) ?? []) {
      if (m.userId === row.enteredBy) continue;
      reviews.push({ resultId: row.id, userId: m.userId, reviewedAt: new Date(row.enteredAt.getTime() + review.int(20, 120) * 3_600_000) });
    }
  }
  // Each clinician last opened the record when they last entered or reviewed something there, so
  // colleagues' later results show as "New".
  const lastLook = new Map<string, { userId: string; patientId: string; at: number }>();
  const looked = (userId: string, patientId: string, at: number) => {
    const key = `${userId} ${patientId}`;
    const seen = lastLook.get(key);
    if (!seen || seen.at < at) lastLook.set(key, { userId, patientId, at });
  };
  for (const row of rows) looked(row.enteredBy, row.patientId, (row.enteredAt?.getTime() ?? 0) + 30 * 60_000);
  const patientOfResult = new Map(rows.map((row) => [row.id, row.patientId]));
  for (const rv of reviews) looked(rv.userId, patientOfResult.get(rv.resultId) ?? '', rv.reviewedAt?.getTime() ?? 0);
  for (const { userId, patientId, at } of lastLook.values()) views.push({ userId, patientId, lastViewedAt: new Date(at) });
  for (let i = 0; i < reviews.length; i += INSERT_CHUNK * 5) await db.insert(resultReviews).values(reviews.slice(i, i + INSERT_CHUNK * 5));
  if (views.length > 0) await db.insert(patientViews).values(views);

  const byKindAndFlag: Record<string, number> = {};
  for (const row of rows) byKindAndFlag[`${row.kind}/${row.flag}`] = (byKindAndFlag[`${row.kind}/${row.flag}`] ?? 0) + 1;
  return { patientsWithResults: chosen.length, results: rows.length, byKindAndFlag };
}
