// H. pylori methods, purposes, UBT kits and criteria, interfering-drug rules: plain data and pure
// helpers with no validation library, so the entry form can use them without loading the schema
// (./schema re-exports all of it). Clinical figures come from ../../../shared/DOMAIN.md section 2.

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
export const UBT_KIT_IDS = UBT_KITS.map((k) => k.id) as [UbtKitId, ...UbtKitId[]];

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
