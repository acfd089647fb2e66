// Validated severity and quality-of-life instruments Axis charts, with ranges and bands from
// ../shared/DOMAIN.md §4 (source key beside every band set). Pure: the chart, the forms, the schema and
// the interpretation rules all read this one registry.
//
// Band edges: every band is an interval with explicit inclusive/exclusive ends, and each band starts where
// the previous one stops, so every real value in [min, max] falls in exactly one band (tested). DOMAIN.md
// lists decimal bands at one-decimal resolution ("1.1–7.0 mild", "7.1–21.0 moderate"); the edge it writes
// as a round number is the inclusive one, so 7.0 is mild, 7.05 and 7.1 are moderate. Integer bands are
// stored the same way ("1–6" is > 0 and ≤ 6) so the chart can draw them as contiguous background strips.
//
// LOINC: DOMAIN.md §5.2 gives no code for any of these instruments, so every `loinc` is null until one is
// confirmed (never invent codes).

export const INSTRUMENT_IDS = ['pasi', 'easi', 'scorad', 'iga_ad', 'iga_acne', 'uas7', 'dlqi', 'poem', 'bristol', 'gsrs'] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export type InstrumentDomain = 'skin' | 'gut' | 'quality_of_life';

/**
 * 'unbanded' is for instruments DOMAIN.md gives no validated bands for (GSRS): the UI must not colour them
 * as normal or abnormal.
 */
export type BandSeverity = 'clear' | 'mild' | 'moderate' | 'severe' | 'very_severe' | 'normal' | 'abnormal' | 'unbanded';

export interface Band {
  /** Lower edge; a value equal to it belongs to this band only when fromInclusive. */
  from: number;
  fromInclusive: boolean;
  /** Upper edge; a value equal to it belongs to this band only when toInclusive. */
  to: number;
  toInclusive: boolean;
  /** The range as DOMAIN.md lists it, e.g. "7.1–21.0", "<25", "1–6". */
  display: string;
  label: string;
  severity: BandSeverity;
}

export interface BandSet {
  bands: readonly Band[];
  /** DOMAIN.md source key(s) for these bands, comma-separated, e.g. "SCORAD-F, SCORAD-B". */
  source: string;
  /** The band rule in words, for finding text, e.g. "Leshem 2015 EASI bands". */
  rule: string;
}

export interface Instrument extends BandSet {
  id: InstrumentId;
  /** Short label used in messages and summaries, e.g. "EASI". */
  label: string;
  fullName: string;
  domain: InstrumentDomain;
  min: number;
  max: number;
  /** Only whole numbers are valid totals (item sums); decimal instruments accept any value in range. */
  integerOnly: boolean;
  /** Suggested input step for forms (1 for whole-number instruments). */
  step: number;
  unit?: string;
  /**
   * true: a higher score is worse; null: not ordered by severity — both ends are abnormal (Bristol), so
   * improvement means moving towards the 'normal' band.
   */
  higherIsWorse: boolean | null;
  /** A second published band set, shown alongside the primary one (SCORAD). */
  alternativeBands?: BandSet;
  loinc: string | null;
  /** Caveats the interpretation repeats, e.g. UNVERIFIED items in DOMAIN.md. */
  caveats?: readonly Caveat[];
}

export interface Caveat {
  rule: string;
  text: string;
  source: string;
  /** Only for values in this inclusive range; always when absent. */
  when?: { from: number; to: number };
}

// Builders keep the band tables readable: each band says how it starts relative to the previous one.
type BandSpec = Omit<Band, 'from' | 'fromInclusive'>;

/** Bands that tile [min, max]: each starts exactly where the previous one ends, at the other side of the edge. */
function tile(min: number, specs: readonly BandSpec[]): Band[] {
  const bands: Band[] = [];
  let from = min;
  let fromInclusive = true;
  for (const spec of specs) {
    bands.push({ from, fromInclusive, ...spec });
    from = spec.to;
    fromInclusive = !spec.toInclusive;
  }
  return bands;
}

/** A band whose listed upper edge is inclusive ("≤ to"). */
const upTo = (to: number, display: string, label: string, severity: BandSeverity): BandSpec => ({ to, toInclusive: true, display, label, severity });
/** A band whose upper edge is exclusive ("< to"). */
const below = (to: number, display: string, label: string, severity: BandSeverity): BandSpec => ({ to, toInclusive: false, display, label, severity });

// Keyed by id, so the compiler refuses a missing instrument.
export const INSTRUMENTS: Readonly<Record<InstrumentId, Instrument>> = {
  pasi: {
    id: 'pasi',
    label: 'PASI',
    fullName: 'Psoriasis Area and Severity Index',
    domain: 'skin',
    // 0–72; ≤10 mild, >10 moderate–severe [PASI-CDS], [PASI-AU]. DOMAIN.md gives no separate "clear" band.
    min: 0,
    max: 72,
    integerOnly: false,
    step: 0.1,
    higherIsWorse: true,
    bands: tile(0, [upTo(10, '≤10', 'mild', 'mild'), upTo(72, '>10', 'moderate–severe', 'moderate')]),
    source: 'PASI-CDS, PASI-AU',
    rule: 'PASI ≤10 mild, >10 moderate–severe',
    loinc: null,
  },
  easi: {
    id: 'easi',
    label: 'EASI',
    fullName: 'Eczema Area and Severity Index',
    domain: 'skin',
    // 0–72; Leshem 2015 bands [EASI]. Listed upper edges are inclusive: 1.0 almost clear, 1.05 mild.
    min: 0,
    max: 72,
    integerOnly: false,
    step: 0.1,
    higherIsWorse: true,
    bands: tile(0, [
      upTo(0, '0', 'clear', 'clear'),
      // "Almost clear" reads as clear: POEM lumps clear/almost clear and IGA trials count both as success [VIGA].
      upTo(1, '0.1–1.0', 'almost clear', 'clear'),
      upTo(7, '1.1–7.0', 'mild', 'mild'),
      upTo(21, '7.1–21.0', 'moderate', 'moderate'),
      upTo(50, '21.1–50.0', 'severe', 'severe'),
      upTo(72, '50.1–72', 'very severe', 'very_severe'),
    ]),
    source: 'EASI',
    rule: 'Leshem 2015 EASI bands, upper edges inclusive',
    loinc: null,
  },
  scorad: {
    id: 'scorad',
    label: 'SCORAD',
    fullName: 'SCORing Atopic Dermatitis',
    domain: 'skin',
    // 0–103 = A/5 + 7B/2 + C [SCORAD-F]; the formula gives decimals (B = 1 adds 3.5), so not integer-only.
    // Objective SCORAD (without C) tops out at 83 and is not this instrument.
    min: 0,
    max: 103,
    integerOnly: false,
    step: 0.1,
    higherIsWorse: true,
    // Widely used bands: <25 mild, 25–50 moderate, >50 severe [SCORAD-B].
    bands: tile(0, [below(25, '<25', 'mild', 'mild'), upTo(50, '25–50', 'moderate', 'moderate'), upTo(103, '>50', 'severe', 'severe')]),
    source: 'SCORAD-F, SCORAD-B',
    rule: 'SCORAD <25 mild, 25–50 moderate, >50 severe',
    // Alternative bands [AD-TAB], listed at one decimal with round lower edges: lower edge inclusive,
    // upper exclusive (9.95 is clear, 10 is mild).
    alternativeBands: {
      bands: tile(0, [
        below(10, '0–9.9', 'clear', 'clear'),
        below(29, '10–28.9', 'mild', 'mild'),
        below(49, '29–48.9', 'moderate', 'moderate'),
        upTo(103, '49–103', 'severe', 'severe'),
      ]),
      source: 'AD-TAB',
      rule: 'alternative SCORAD bands 0–9.9 clear, 10–28.9 mild, 29–48.9 moderate, 49–103 severe',
    },
    loinc: null,
  },
  iga_ad: {
    id: 'iga_ad',
    label: 'vIGA-AD',
    fullName: 'Validated Investigator Global Assessment for Atopic Dermatitis',
    domain: 'skin',
    // 0–4: 0 clear, 1 almost clear, 2 mild, 3 moderate, 4 severe [VIGA], [USDERM].
    min: 0,
    max: 4,
    integerOnly: true,
    step: 1,
    higherIsWorse: true,
    bands: tile(0, [
      upTo(0, '0', 'clear', 'clear'),
      upTo(1, '1', 'almost clear', 'clear'),
      upTo(2, '2', 'mild', 'mild'),
      upTo(3, '3', 'moderate', 'moderate'),
      upTo(4, '4', 'severe', 'severe'),
    ]),
    source: 'VIGA, USDERM',
    rule: 'vIGA-AD grades 0 clear, 1 almost clear, 2 mild, 3 moderate, 4 severe',
    loinc: null,
  },
  iga_acne: {
    id: 'iga_acne',
    label: 'Acne IGA',
    fullName: 'Investigator Global Assessment for acne (FDA 2018 guidance)',
    domain: 'skin',
    // 0–4 with the same labels as vIGA-AD [ACNE].
    min: 0,
    max: 4,
    integerOnly: true,
    step: 1,
    higherIsWorse: true,
    bands: tile(0, [
      upTo(0, '0', 'clear', 'clear'),
      upTo(1, '1', 'almost clear', 'clear'),
      upTo(2, '2', 'mild', 'mild'),
      upTo(3, '3', 'moderate', 'moderate'),
      upTo(4, '4', 'severe', 'severe'),
    ]),
    source: 'ACNE',
    rule: 'acne IGA grades 0 clear, 1 almost clear, 2 mild, 3 moderate, 4 severe (FDA 2018)',
    loinc: null,
  },
  uas7: {
    id: 'uas7',
    label: 'UAS7',
    fullName: 'Urticaria Activity Score over 7 days',
    domain: 'skin',
    // 0–42 (daily wheals 0–3 + itch 0–3, 7 days) [UAS-GP], [UAS-CALC], [NOV].
    min: 0,
    max: 42,
    integerOnly: true,
    step: 1,
    higherIsWorse: true,
    bands: tile(0, [
      upTo(0, '0', 'urticaria-free', 'clear'),
      // Well-controlled still means symptoms, so it reads as mild (info), not normal.
      upTo(6, '1–6', 'well-controlled', 'mild'),
      upTo(15, '7–15', 'mild', 'mild'),
      upTo(27, '16–27', 'moderate', 'moderate'),
      upTo(42, '28–42', 'severe', 'severe'),
    ]),
    source: 'UAS-GP, UAS-CALC, NOV',
    rule: 'UAS7 0 urticaria-free, 1–6 well-controlled, 7–15 mild, 16–27 moderate, 28–42 severe',
    loinc: null,
    caveats: [
      {
        rule: 'uas7-band-source',
        text: 'The 1–6, 7–15 and 16–27 UAS7 bands come from a calculator site; the primary paper (Stull 2017) is unverified. Only 28–42 severe is confirmed by two sources.',
        source: 'UAS-CALC',
        when: { from: 1, to: 27 },
      },
    ],
  },
  dlqi: {
    id: 'dlqi',
    label: 'DLQI',
    fullName: 'Dermatology Life Quality Index',
    domain: 'quality_of_life',
    // 0–30 (10 items × 0–3) [DLQI].
    min: 0,
    max: 30,
    integerOnly: true,
    step: 1,
    higherIsWorse: true,
    bands: tile(0, [
      upTo(1, '0–1', 'no effect on the patient’s life', 'normal'),
      upTo(5, '2–5', 'small effect', 'mild'),
      upTo(10, '6–10', 'moderate effect', 'moderate'),
      upTo(20, '11–20', 'very large effect', 'severe'),
      upTo(30, '21–30', 'extremely large effect', 'very_severe'),
    ]),
    source: 'DLQI',
    rule: 'DLQI 0–1 no effect, 2–5 small, 6–10 moderate, 11–20 very large, 21–30 extremely large',
    loinc: null,
  },
  poem: {
    id: 'poem',
    label: 'POEM',
    fullName: 'Patient-Oriented Eczema Measure',
    domain: 'skin',
    // 0–28 (7 items × 0–4); Charman 2013 bands [POEM].
    min: 0,
    max: 28,
    integerOnly: true,
    step: 1,
    higherIsWorse: true,
    bands: tile(0, [
      upTo(2, '0–2', 'clear or almost clear', 'clear'),
      upTo(7, '3–7', 'mild', 'mild'),
      upTo(16, '8–16', 'moderate', 'moderate'),
      upTo(24, '17–24', 'severe', 'severe'),
      upTo(28, '25–28', 'very severe', 'very_severe'),
    ]),
    source: 'POEM',
    rule: 'Charman 2013 POEM bands',
    loinc: null,
  },
  bristol: {
    id: 'bristol',
    label: 'BSFS',
    fullName: 'Bristol Stool Form Scale',
    domain: 'gut',
    // Types 1–7; Lewis & Heaton 1997 [BSFS]. Not a severity score: both ends are abnormal.
    min: 1,
    max: 7,
    integerOnly: true,
    step: 1,
    unit: 'type',
    higherIsWorse: null,
    bands: tile(1, [
      upTo(2, '1–2', 'constipation', 'abnormal'),
      upTo(4, '3–4', 'normal', 'normal'),
      // "Tending to diarrhoea" is neither normal nor diarrhoea: mild reads as info, not abnormal.
      upTo(5, '5', 'tending to diarrhoea', 'mild'),
      upTo(7, '6–7', 'diarrhoea', 'abnormal'),
    ]),
    source: 'BSFS',
    rule: 'Bristol types 1–2 constipation, 3–4 normal, 5 tending to diarrhoea, 6–7 diarrhoea (Lewis & Heaton 1997)',
    loinc: null,
  },
  gsrs: {
    id: 'gsrs',
    label: 'GSRS',
    fullName: 'Gastrointestinal Symptom Rating Scale',
    domain: 'gut',
    // 15 items, each on a 7-point Likert scale, higher = more severe [GSRS-ORIG], [GSRS-R], [GSRS-V].
    // DOMAIN.md marks score conventions UNVERIFIED; Axis stores the mean item score (1–7) so the total and
    // the five syndrome scores share one scale. DOMAIN.md gives no bands: one 'unbanded' band.
    min: 1,
    max: 7,
    integerOnly: false,
    step: 0.01,
    unit: 'mean item score',
    higherIsWorse: true,
    bands: tile(1, [upTo(7, '1–7', 'no validated severity bands', 'unbanded')]),
    source: 'GSRS-ORIG, GSRS-R, GSRS-V',
    rule: 'GSRS mean of 15 items on a 7-point scale; no validated severity bands',
    loinc: null,
    caveats: [
      {
        rule: 'gsrs-convention',
        text: 'GSRS score conventions vary by version (unverified); Axis records the mean of the 15 item ratings (1–7). Compare only scores recorded the same way.',
        source: 'GSRS-V',
      },
    ],
  },
};

export function isInstrumentId(value: string): value is InstrumentId {
  return (INSTRUMENT_IDS as readonly string[]).includes(value);
}

export function getInstrument(id: InstrumentId): Instrument {
  return INSTRUMENTS[id];
}

export function inBand(band: Band, value: number): boolean {
  const aboveFrom = band.fromInclusive ? value >= band.from : value > band.from;
  const belowTo = band.toInclusive ? value <= band.to : value < band.to;
  return aboveFrom && belowTo;
}

/**
 * Why a value is not a valid total for the instrument, as a sentence for forms, or null when it is valid.
 * e.g. "EASI must be between 0 and 72 (got 80)." / "vIGA-AD is a whole number from 0 to 4."
 */
export function scoreValueProblem(id: InstrumentId, value: number): string | null {
  const { label, min, max, integerOnly } = getInstrument(id);
  if (!Number.isFinite(value)) return `${label} must be a number between ${min} and ${max}.`;
  if (value < min || value > max) return `${label} must be between ${min} and ${max} (got ${value}).`;
  if (integerOnly && !Number.isInteger(value)) return `${label} is a whole number from ${min} to ${max}.`;
  return null;
}

/** The band a valid value falls in (primary band set, or the given one), or null for an invalid value. */
export function bandFor(id: InstrumentId, value: number, bandSet: BandSet = getInstrument(id)): Band | null {
  if (scoreValueProblem(id, value) !== null) return null;
  return bandSet.bands.find((b) => inBand(b, value)) ?? null;
}
