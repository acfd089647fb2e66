// Input for one H. pylori test result, as a clinician enters it or an import supplies it.
// Pure (no I/O) so the entry form can validate in the browser with the same rules the server applies.
// Clinical figures come from ../../../shared/DOMAIN.md section 2; each carries its source key.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Methods, results, purposes
// ---------------------------------------------------------------------------------------------

/** DOMAIN.md 2 test list, limited to the methods Axis records (culture/PCR are not entered here). */
export const H_PYLORI_METHOD_IDS = ['urea_breath_test', 'stool_antigen', 'serology', 'histology', 'rapid_urease'] as const;
export type HPyloriMethod = (typeof H_PYLORI_METHOD_IDS)[number];

/** Labels for the entry form and result lists. */
export const H_PYLORI_METHODS: Readonly<Record<HPyloriMethod, string>> = {
  urea_breath_test: 'Urea breath test (¹³C or ¹⁴C UBT)',
  stool_antigen: 'Stool antigen (monoclonal)',
  serology: 'Serology (IgG antibodies)',
  histology: 'Histology (gastric biopsy)',
  rapid_urease: 'Rapid urease test (gastric biopsy)',
};

export const H_PYLORI_RESULTS = ['positive', 'negative', 'indeterminate'] as const;
export type HPyloriResult = (typeof H_PYLORI_RESULTS)[number];

export const H_PYLORI_PURPOSES = ['diagnosis', 'test_of_cure'] as const;
export type HPyloriPurpose = (typeof H_PYLORI_PURPOSES)[number];
export const H_PYLORI_PURPOSE_LABELS: Readonly<Record<HPyloriPurpose, string>> = {
  diagnosis: 'Diagnosis',
  test_of_cure: 'Test of cure (after eradication therapy)',
};

/** Methods that detect active infection, so acid suppression and antimicrobials can make them falsely negative. */
export const ACTIVE_INFECTION_METHODS: readonly HPyloriMethod[] = ['urea_breath_test', 'stool_antigen', 'histology', 'rapid_urease'];

// ---------------------------------------------------------------------------------------------
// UBT kits and cut-offs (DOMAIN.md 2.1). Unit: ‰ delta-over-baseline (DOB) unless `unit` says DPM.
// ---------------------------------------------------------------------------------------------

export type UbtUnit = 'permil_dob' | 'dpm';

export interface UbtKit {
  id: string;
  label: string;
  /** For summaries and the stored criterion. */
  shortLabel: string;
  unit: UbtUnit;
  /** Positive at or above this value. */
  cutoff: number;
  /** Borderline band [from, to): values in it read "indeterminate". `to` equals `cutoff`. Null when the source gives none. */
  greyZone: { from: number; to: number } | null;
  /** DOMAIN.md source key. */
  source: string;
}

// BreathTek adults (2.4‰) and INFAI (4.0‰) are UNVERIFIED in DOMAIN.md 2.1 and could not be confirmed, so they are
// not named kits: enter the cut-off printed on the lab report as a custom cut-off instead.
export const UBT_KITS = [
  {
    id: 'breathid_hp',
    label: 'BreathID Hp (Exalenz/Meridian), 75 mg ¹³C-urea + citric acid',
    shortLabel: 'BreathID Hp',
    unit: 'permil_dob',
    cutoff: 5, // DOB ≥ 5‰ [BID]
    greyZone: null,
    source: 'BID',
  },
  {
    id: 'c13_75mg_citric_15min_children',
    label: '75 mg ¹³C-urea, citric acid, 15-min sample, children (Elitsur 2009)',
    shortLabel: 'Elitsur 2009 paediatric protocol',
    unit: 'permil_dob',
    cutoff: 2.4, // ≥ 2.4‰ [EU13C]
    greyZone: null,
    source: 'EU13C',
  },
  {
    id: 'c13_75mg_citric_30min_adults',
    label: '75 mg ¹³C-urea, 0.1 mol/L citric acid, 30-min sample, adults (Leodolter 1999)',
    shortLabel: 'Leodolter 1999 adult protocol',
    unit: 'permil_dob',
    cutoff: 4, // ≥ 4‰ [EU13C]
    greyZone: null,
    source: 'EU13C',
  },
  {
    id: 'pytest_c14',
    label: '¹⁴C PYtest (scintillation, DPM)',
    shortLabel: 'PYtest ¹⁴C',
    unit: 'dpm',
    cutoff: 200, // ≥ 200 DPM positive [PYTEST] (clinic page; moderate confidence)
    greyZone: { from: 50, to: 200 }, // 50–199 DPM borderline, < 50 negative [PYTEST]
    source: 'PYTEST',
  },
] as const satisfies readonly UbtKit[];

export type UbtKitId = (typeof UBT_KITS)[number]['id'];
const UBT_KIT_IDS = UBT_KITS.map((k) => k.id) as [UbtKitId, ...UbtKitId[]];

export function findUbtKit(id: string): UbtKit | undefined {
  return UBT_KITS.find((k) => k.id === id);
}

/** Input bounds (entry sanity limits, not clinical thresholds). */
export const UBT_DOB_MAX = 200;
export const UBT_DPM_MAX = 100_000;

/** The criterion a UBT value is read against: a named kit or the lab's own cut-off. */
export interface UbtCriterion {
  kit: UbtKit | null;
  unit: UbtUnit;
  cutoff: number;
  greyZone: { from: number; to: number } | null;
  /** Stored with the result so the reading can be reproduced, e.g. "BreathID Hp: DOB ≥ 5‰". */
  description: string;
  source: string;
}

export function formatUbtValue(value: number, unit: UbtUnit): string {
  return unit === 'dpm' ? `${value} DPM` : `${value}‰`;
}

export function resolveUbtCriterion(input: { ubtKit?: string; ubtCutoff?: number }): UbtCriterion | null {
  if (input.ubtKit !== undefined) {
    const kit = findUbtKit(input.ubtKit);
    if (!kit) return null;
    const rule =
      kit.unit === 'dpm'
        ? `≥ ${kit.cutoff} DPM positive${kit.greyZone ? `, ${kit.greyZone.from}–${kit.greyZone.to - 1} DPM borderline` : ''}`
        : `DOB ≥ ${kit.cutoff}‰`;
    return { kit, unit: kit.unit, cutoff: kit.cutoff, greyZone: kit.greyZone, description: `${kit.shortLabel}: ${rule}`, source: kit.source };
  }
  if (input.ubtCutoff !== undefined) {
    // The lab's printed cut-off is authoritative for its own kit (DOMAIN.md 2.1: store kit and cut-off).
    return { kit: null, unit: 'permil_dob', cutoff: input.ubtCutoff, greyZone: null, description: `Lab-stated cut-off: DOB ≥ ${input.ubtCutoff}‰`, source: 'lab report' };
  }
  return null;
}

/** UBT verdict: positive at or above the cut-off; inside a grey zone indeterminate; otherwise negative. */
export function ubtVerdict(value: number, criterion: Pick<UbtCriterion, 'cutoff' | 'greyZone'>): HPyloriResult {
  if (value >= criterion.cutoff) return 'positive';
  if (criterion.greyZone && value >= criterion.greyZone.from && value < criterion.greyZone.to) return 'indeterminate';
  return 'negative';
}

// ---------------------------------------------------------------------------------------------
// Interfering drugs and timing (DOMAIN.md 2.2)
// ---------------------------------------------------------------------------------------------

/** PPIs: stop ≥ 2 weeks before UBT, stool antigen or biopsy tests; serology is the exception. [MAAS3], [ACG24] */
export const PPI_WINDOW_DAYS = 14;
/** Antibiotics: 4 weeks (Mayo Clinic Laboratories, BreathID kit); the BreathTek label says 2 weeks. [MAYO-UBT], [BTK-HCP] */
export const ANTIBIOTIC_WINDOW_DAYS = 28;
/** Bismuth: 2 weeks (BreathTek label; Mayo Clinic Laboratories). 4 weeks is cited only in secondary sources. [BTK-HCP], [MAYO-UBT] */
export const BISMUTH_WINDOW_DAYS = 14;
/** Bismuth window found only in secondary sources; shown as information, never used to discount a result. [BTK-HCP], [MAYO-UBT] */
export const BISMUTH_SECONDARY_WINDOW_DAYS = 28;
/** H2-receptor antagonists: lab-dependent, 24–48 h to 2 weeks; Axis applies the longest (2 weeks). [MAYO-UBT], [MAYO-UBT2] */
export const H2_BLOCKER_WINDOW_DAYS = 14;
/** Test of cure: ≥ 4 weeks after eradication therapy ends. [ACG24], [BTK-INS] */
export const TEST_OF_CURE_MIN_DAYS_AFTER_THERAPY = 28;

/** Upper bound for "days before the test" fields (entry sanity limit). */
export const DAYS_AGO_MAX = 36_500;

export type InterferingDrug = 'ppi' | 'antibiotics' | 'bismuth' | 'h2_blocker';

export interface InterferingDrugRule {
  drug: InterferingDrug;
  /** Noun phrase for messages. */
  name: string;
  daysField: 'ppiLastTakenDaysAgo' | 'antibioticsLastTakenDaysAgo' | 'bismuthLastTakenDaysAgo' | 'h2BlockerLastTakenDaysAgo';
  withinField: 'ppiWithin2Weeks' | 'antibioticsWithin4Weeks' | 'bismuthWithin2Weeks' | 'h2BlockerWithin2Weeks';
  windowDays: number;
  /** "2 weeks" */
  windowText: string;
  /** "2-week" */
  windowAdj: string;
  /** What to tell the clinician about stopping the drug before a repeat test. */
  stopText: string;
  /** Methods whose negative result the drug can make falsely negative. */
  methods: readonly HPyloriMethod[];
  source: string;
}

export const INTERFERING_DRUG_RULES: readonly InterferingDrugRule[] = [
  {
    drug: 'ppi',
    name: 'a proton pump inhibitor (PPI)',
    daysField: 'ppiLastTakenDaysAgo',
    withinField: 'ppiWithin2Weeks',
    windowDays: PPI_WINDOW_DAYS,
    windowText: '2 weeks',
    windowAdj: '2-week',
    stopText: 'PPI: stop ≥ 2 weeks before',
    methods: ACTIVE_INFECTION_METHODS, // UBT, stool antigen or biopsy tests; not serology [MAAS3], [ACG24]
    source: 'MAAS3, ACG24',
  },
  {
    drug: 'antibiotics',
    name: 'an antibiotic',
    daysField: 'antibioticsLastTakenDaysAgo',
    withinField: 'antibioticsWithin4Weeks',
    windowDays: ANTIBIOTIC_WINDOW_DAYS,
    windowText: '4 weeks',
    windowAdj: '4-week',
    stopText: 'antibiotics: stop ≥ 4 weeks before',
    methods: ACTIVE_INFECTION_METHODS, // suppresses bacterial load for every active-infection test [MAYO-UBT]
    source: 'MAYO-UBT',
  },
  {
    drug: 'bismuth',
    name: 'bismuth',
    daysField: 'bismuthLastTakenDaysAgo',
    withinField: 'bismuthWithin2Weeks',
    windowDays: BISMUTH_WINDOW_DAYS,
    windowText: '2 weeks',
    windowAdj: '2-week',
    stopText: 'bismuth: stop ≥ 2 weeks before',
    methods: ACTIVE_INFECTION_METHODS,
    source: 'BTK-HCP, MAYO-UBT',
  },
  {
    drug: 'h2_blocker',
    name: 'an H2-receptor antagonist (H2 blocker)',
    daysField: 'h2BlockerLastTakenDaysAgo',
    withinField: 'h2BlockerWithin2Weeks',
    windowDays: H2_BLOCKER_WINDOW_DAYS,
    windowText: '2 weeks',
    windowAdj: '2-week',
    stopText: 'H2 blockers: stop 24–48 hours to 2 weeks before, depending on the lab',
    methods: ['urea_breath_test'], // the sources are UBT requirements [MAYO-UBT], [MAYO-UBT2]
    source: 'MAYO-UBT, MAYO-UBT2',
  },
];

/** Whether a drug was taken inside its window: from days when recorded, else from the yes/no answer; null = not recorded. */
export function drugWithinWindow(days: number | undefined, within: boolean | undefined, windowDays: number): boolean | null {
  if (days !== undefined) return days < windowDays; // stopped exactly `windowDays` before = compliant
  if (within !== undefined) return within;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1900;

/** Why a string is not an acceptable YYYY-MM-DD date, or null when it is. */
export function isoDateProblem(s: string): string | null {
  const m = ISO_DATE.exec(s);
  if (!m) return 'Use the format YYYY-MM-DD.';
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR) return `Enter a date from ${MIN_YEAR} onwards.`;
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return `${s} is not a real calendar date.`;
  return null;
}

function isoDateSchema(what: string) {
  return z
    .string({ error: `Enter the ${what} (YYYY-MM-DD).` })
    .trim()
    .superRefine((s, ctx) => {
      const problem = isoDateProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: `The ${what} is not valid: ${problem}` });
    });
}

function toUtcMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return new Date(toUtcMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

const daysAgo = (what: string) =>
  z
    .number({ error: `Enter how many days before the test ${what} was last taken, as a whole number.` })
    .int(`Enter how many days before the test ${what} was last taken, as a whole number.`)
    .min(0, `Days since ${what} was last taken cannot be negative.`)
    .max(DAYS_AGO_MAX, `Days since ${what} was last taken must be at most ${DAYS_AGO_MAX}.`)
    .optional();

const baseSchema = z.object({
  effectiveDate: isoDateSchema('test date'),
  method: z.enum(H_PYLORI_METHOD_IDS, { error: 'Choose the test method.' }),
  result: z.enum(H_PYLORI_RESULTS, { error: 'Choose positive, negative or indeterminate.' }).optional(),
  purpose: z.enum(H_PYLORI_PURPOSES, { error: 'Choose whether this test is for diagnosis or a test of cure.' }).default('diagnosis'),

  // UBT only.
  ubtKit: z.enum(UBT_KIT_IDS, { error: 'Choose a UBT kit from the list, or enter the lab’s cut-off instead.' }).optional(),
  /** Lab-stated cut-off in ‰ DOB, when the kit is not in UBT_KITS. */
  ubtCutoff: z
    .number({ error: 'Enter the lab’s UBT cut-off as a number (‰ DOB).' })
    .gt(0, 'The UBT cut-off must be above 0‰.')
    .max(UBT_DOB_MAX, `The UBT cut-off must be at most ${UBT_DOB_MAX}‰.`)
    .optional(),
  /** ‰ delta-over-baseline (¹³C kits and custom cut-offs). */
  deltaOverBaseline: z
    .number({ error: 'Enter the delta-over-baseline (DOB) as a number in ‰.' })
    .min(0, 'Enter the delta-over-baseline (DOB) from 0 to 200‰.')
    .max(UBT_DOB_MAX, `Enter the delta-over-baseline (DOB) from 0 to ${UBT_DOB_MAX}‰.`)
    .optional(),
  /** Disintegrations per minute (¹⁴C PYtest only). */
  dpm: z
    .number({ error: 'Enter the ¹⁴C count as a number (DPM).' })
    .min(0, 'The ¹⁴C count (DPM) cannot be negative.')
    .max(UBT_DPM_MAX, `The ¹⁴C count must be at most ${UBT_DPM_MAX} DPM.`)
    .optional(),

  // Drugs before the test: days before the test date (preferred) or a yes/no answer for the window.
  ppiLastTakenDaysAgo: daysAgo('a PPI'),
  ppiWithin2Weeks: z.boolean().optional(),
  antibioticsLastTakenDaysAgo: daysAgo('an antibiotic'),
  antibioticsWithin4Weeks: z.boolean().optional(),
  bismuthLastTakenDaysAgo: daysAgo('bismuth'),
  bismuthWithin2Weeks: z.boolean().optional(),
  h2BlockerLastTakenDaysAgo: daysAgo('an H2 blocker'),
  h2BlockerWithin2Weeks: z.boolean().optional(),

  /** Last day of eradication therapy; test of cure only. */
  eradicationTherapyEndDate: isoDateSchema('eradication therapy end date').optional(),

  notes: z.string().trim().max(2000, 'Keep notes to 2000 characters.').optional(),
});

type BaseInput = z.output<typeof baseSchema>;

const UBT_ONLY_FIELDS = [
  ['ubtKit', 'A UBT kit'],
  ['ubtCutoff', 'A UBT cut-off'],
  ['deltaOverBaseline', 'A delta-over-baseline (DOB) value'],
  ['dpm', 'A ¹⁴C count (DPM)'],
] as const;

function check(v: BaseInput, ctx: z.RefinementCtx): void {
  const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const methodLabel = H_PYLORI_METHODS[v.method];

  if (v.method === 'urea_breath_test') {
    if (v.ubtKit === undefined && v.ubtCutoff === undefined) add('ubtKit', 'Choose the UBT kit, or enter the cut-off printed on the lab report.');
    if (v.ubtKit !== undefined && v.ubtCutoff !== undefined) add('ubtCutoff', 'Choose a named kit or enter a custom cut-off, not both.');
    const criterion = resolveUbtCriterion(v);
    if (criterion) {
      const valueField = criterion.unit === 'dpm' ? 'dpm' : 'deltaOverBaseline';
      const otherField = criterion.unit === 'dpm' ? 'deltaOverBaseline' : 'dpm';
      const value = criterion.unit === 'dpm' ? v.dpm : v.deltaOverBaseline;
      if (value === undefined) {
        add(valueField, criterion.unit === 'dpm' ? 'Enter the ¹⁴C count (DPM) for the PYtest.' : 'Enter the delta-over-baseline (DOB, ‰).');
      } else {
        const derived = ubtVerdict(value, criterion);
        if (v.result !== undefined && v.result !== derived) {
          add(
            'result',
            `The entered result (${v.result}) contradicts the reading: ${formatUbtValue(value, criterion.unit)} against ${criterion.description} is ${derived}. Check the value, the kit or the result.`,
          );
        }
      }
      if (v[otherField] !== undefined) {
        add(otherField, criterion.unit === 'dpm' ? 'The ¹⁴C PYtest is read in DPM, not ‰ DOB: clear the DOB.' : 'A ¹⁴C count (DPM) applies only to the ¹⁴C PYtest: clear it or choose that kit.');
      }
    }
  } else {
    for (const [field, what] of UBT_ONLY_FIELDS) {
      if (v[field] !== undefined) add(field, `${what} applies only to urea breath tests, not ${methodLabel.toLowerCase()}.`);
    }
    if (v.result === undefined) add('result', 'Enter the result: positive, negative or indeterminate.');
  }

  // A day count and a yes/no answer for the same drug must agree.
  for (const rule of INTERFERING_DRUG_RULES) {
    const days = v[rule.daysField];
    const within = v[rule.withinField];
    if (days !== undefined && within !== undefined && days < rule.windowDays !== within) {
      add(
        rule.withinField,
        `Last taken ${days} days before the test is ${days < rule.windowDays ? 'within' : 'outside'} the ${rule.windowAdj} window, but the answer says ${within ? 'within' : 'not within'}: correct one of them.`,
      );
    }
  }

  if (v.eradicationTherapyEndDate !== undefined) {
    if (v.purpose !== 'test_of_cure') {
      add('eradicationTherapyEndDate', 'The therapy end date is used for a test of cure: choose "Test of cure" as the purpose, or clear the date.');
    } else if (isoDateProblem(v.eradicationTherapyEndDate) === null && isoDateProblem(v.effectiveDate) === null && v.eradicationTherapyEndDate > v.effectiveDate) {
      add('eradicationTherapyEndDate', `The therapy end date (${v.eradicationTherapyEndDate}) is after the test date (${v.effectiveDate}): a test of cure comes after therapy.`);
    }
  }
}

export const hPyloriInputSchema = baseSchema.superRefine(check);

/** A validated H. pylori result entry. For UBT, `result` may be omitted: it is derived from the value and cut-off. */
export type HPyloriInput = z.output<typeof hPyloriInputSchema>;
/** What a form or import may submit (purpose may be omitted: it defaults to diagnosis). */
export type HPyloriInputRaw = z.input<typeof hPyloriInputSchema>;
