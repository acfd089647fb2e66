// Pure rules for reading a SIBO/IMO breath test. Thresholds come from ../shared/DOMAIN.md §1 with the
// source key beside each; anything DOMAIN.md marks UNVERIFIED or leaves without a number is a review
// flag here, never a diagnosis.
import type { Finding, Interpretation, InterpretationFlag } from '@/lib/clinical/interpretation';
import { PREPARATION_ITEMS, SUBSTRATE_DEFAULT_DOSE_G, type BreathTestInput, type BreathTestReading, type PreparationItemId } from './schema';

// --- Thresholds ----------------------------------------------------------------------------------

export const H2_RISE_THRESHOLD_PPM = 20; // NAC-T4, ACG-SIBO: rise of ≥20 ppm above baseline by 90 min
export const H2_WINDOW_MINUTES = 90; // NAC-T4, ACG-SIBO: the rise counts only by 90 min
export const CH4_THRESHOLD_PPM = 10; // NAC-T4: absolute level ≥10 ppm at any point (not a rise)
// TRIO: trio-smart H2S cut-off. DOMAIN.md §1.3 marks "≥3 ppm" UNVERIFIED (not confirmed on the
// manufacturer's pages, nor by our own search), so by default it raises a review flag, not a diagnosis.
export const H2S_THRESHOLD_PPM = 3;
// CSIBO: one lab does not report a baseline ≥20 ppm H2 / ≥10 ppm CH4 as positive. No consensus cut-off
// (UNVERIFIED in DOMAIN.md), so a high baseline is a review flag ("check preparation"), never positive.
export const HIGH_BASELINE_H2_PPM = 20;
export const HIGH_BASELINE_CH4_PPM = 10; // CSIBO, as above
// AXIS-REVIEW: DOMAIN.md gives no flat-line cut-off. Axis flags a curve whose hydrogen and methane both
// stay ≤5 ppm at every reading: low enough that a real producer is rarely caught, and a flag only
// ("possible non-producer / flat line, for review"), so a negative is reported as indeterminate.
export const FLAT_LINE_MAX_PPM = 5;

/** Source key for rules DOMAIN.md does not cover; the constant's comment says what was chosen and why. */
export const AXIS_REVIEW_SOURCE = 'AXIS-REVIEW';

// --- Criteria set (stored with each result) ------------------------------------------------------

/**
 * DOMAIN.md: labs differ on the reference point and window (e.g. lowest preceding value, 100 or 120 min),
 * so both are configurable; the default is NAC 2017. Stored with the result so a reader knows what applied.
 */
export interface BreathTestCriteria {
  id: string;
  /** Rise needed, inclusive (≥). */
  h2RisePpm: number;
  /** Readings at or before this minute count for the hydrogen rise. */
  h2WindowMinutes: number;
  /** 'baseline': the 0-min fasting sample; 'lowest-preceding': the lowest earlier sample [CSIBO], [NUNM]. */
  h2Reference: 'baseline' | 'lowest-preceding';
  /** Methane level needed at any reading, inclusive (≥). */
  ch4Ppm: number;
  h2sPpm: number;
  /** false (default): an H2S value at or above h2sPpm is flagged for review, because the cut-off is UNVERIFIED. */
  h2sDiagnostic: boolean;
  /** Source key(s) for the H2 and CH4 rules, shown in findings. */
  source: string;
}

export const NAC_2017_CRITERIA: BreathTestCriteria = {
  id: 'NAC-2017',
  h2RisePpm: H2_RISE_THRESHOLD_PPM,
  h2WindowMinutes: H2_WINDOW_MINUTES,
  h2Reference: 'baseline',
  ch4Ppm: CH4_THRESHOLD_PPM,
  h2sPpm: H2S_THRESHOLD_PPM,
  h2sDiagnostic: false,
  source: 'NAC-T4',
};

// --- LOINC ---------------------------------------------------------------------------------------

/**
 * Breath H2/CH4 LOINC codes that DOMAIN.md §5.2 gives [CHLAB]. They are for the LACTOSE challenge only;
 * lactulose/glucose-specific codes and any H2S code are UNVERIFIED (HL7 Switzerland found none, [CHLAB-74]),
 * so none are listed for them. Keys are minutes after the dose (0 = pre-dose). Unit `[ppm]`.
 */
export const BREATH_TEST_LOINC = {
  unit: '[ppm]',
  lactoseChallenge: {
    hydrogenByMinute: { 0: '33490-4', 30: '33491-2', 60: '33492-0', 90: '33493-8', 120: '33494-6', 150: '33495-3', 180: '33496-1' }, // CHLAB
    methaneByMinute: { 0: '33497-9', 30: '33498-7', 60: '33499-5', 90: '33500-0', 120: '33480-5', 150: '33481-3', 180: '33482-1' }, // CHLAB
    panel: '50584-2', // CHLAB: lactose challenge (H2 breath test) panel
  },
  panels: { hydrogen: '105751-2', methane: '105750-4' }, // CHLAB
  snomedHydrogenBreathTestProcedure: '252233000', // CHLAB: "Hydrogen breath test (procedure)"
} as const;

/** The lactose-challenge LOINC code for one time point, or null when DOMAIN.md lists none for it. */
export function lactoseChallengeLoinc(gas: 'h2' | 'ch4', minute: number): string | null {
  const table: Record<number, string> =
    gas === 'h2' ? BREATH_TEST_LOINC.lactoseChallenge.hydrogenByMinute : BREATH_TEST_LOINC.lactoseChallenge.methaneByMinute;
  return table[minute] ?? null;
}

// --- Chart ---------------------------------------------------------------------------------------

export interface BreathTestChartThresholds {
  /** Rise over baseline that counts (20 ppm). */
  h2RisePpm: number;
  /** Horizontal H2 line = baseline + rise; null without a baseline reading. */
  h2LinePpm: number | null;
  ch4Ppm: number;
  h2sPpm: number;
  /** Vertical line: readings after this minute do not count for hydrogen. */
  h2WindowMinutes: number;
}

/** Lines the breath-test chart draws; pass the readings to get the baseline-relative H2 line. */
export function breathTestChartThresholds(readings?: readonly BreathTestReading[], criteria: BreathTestCriteria = NAC_2017_CRITERIA): BreathTestChartThresholds {
  const baseline = readings ? baselineReading(readings) : undefined;
  return {
    h2RisePpm: criteria.h2RisePpm,
    h2LinePpm: baseline && criteria.h2Reference === 'baseline' ? round(baseline.h2 + criteria.h2RisePpm) : null,
    ch4Ppm: criteria.ch4Ppm,
    h2sPpm: criteria.h2sPpm,
    h2WindowMinutes: criteria.h2WindowMinutes,
  };
}

// --- Output --------------------------------------------------------------------------------------

export interface HydrogenResult {
  baselinePpm: number;
  peakPpm: number;
  minuteOfPeak: number;
  /** Largest rise over the reference at a reading within the window (after 0 min); null if no such reading. */
  maxRiseWithinWindowPpm: number | null;
  minuteOfMaxRiseWithinWindow: number | null;
  /** First reading within the window whose rise meets the threshold; null when none does. */
  minuteOfPositiveRise: number | null;
  /** Rise at minuteOfPositiveRise. */
  positiveRisePpm: number | null;
  /** Largest rise after the window (does not count); null when no reading is after the window. */
  maxRiseAfterWindowPpm: number | null;
  minuteOfMaxRiseAfterWindow: number | null;
  /** Some reading is at or after the end of the window, so the whole window was observed. */
  windowCovered: boolean;
  positive: boolean;
}

export interface MethaneResult {
  baselinePpm: number;
  maxPpm: number;
  minuteOfMax: number;
  /** First reading at or above the threshold; null when none. */
  minuteFirstAtThreshold: number | null;
  positive: boolean;
}

export type HydrogenSulfideResult =
  | { measured: false; positive: false }
  | {
      measured: true;
      /** Readings with an H2S value (partial panels are allowed). */
      samples: number;
      maxPpm: number;
      minuteOfMax: number;
      atOrAboveThreshold: boolean;
      /** Only true when the criteria treat the H2S cut-off as diagnostic (not the default). */
      positive: boolean;
    };

export type BreathTestRuleId =
  | 'h2-rise'
  | 'h2-rise-after-window'
  | 'h2-window-not-covered'
  | 'ch4-level'
  | 'h2s-level'
  | 'h2s-not-measured'
  | 'h2-high-baseline'
  | 'ch4-high-baseline'
  | 'flat-line'
  | 'substrate-not-nac'
  | 'substrate-dose'
  | `preparation-${PreparationItemId}`;

export interface BreathTestFinding extends Finding {
  rule: BreathTestRuleId;
}

export interface BreathTestInterpretation extends Interpretation {
  findings: BreathTestFinding[];
  criteria: BreathTestCriteria;
  hydrogen: HydrogenResult;
  methane: MethaneResult;
  hydrogenSulfide: HydrogenSulfideResult;
  highBaseline: boolean;
  highBaselineGases: { hydrogen: boolean; methane: boolean };
  flatLine: boolean;
  /** Preparation checklist items answered against NAC Table 1 (ids of PREPARATION_ITEMS). */
  preparationIssues: PreparationItemId[];
}

// --- Helpers -------------------------------------------------------------------------------------

/** Rounds away float noise (25.1 − 5.1 = 20.000000000000004) so comparisons and display agree. */
function round(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/** Plain number for text: "20", "19.9", "−5". */
function fmt(x: number): string {
  const r = round(x);
  return r < 0 ? `−${String(-r)}` : String(r);
}

const lowerFirst = (t: string): string => t.charAt(0).toLowerCase() + t.slice(1);

const signed = (x: number): string => (round(x) >= 0 ? `+${fmt(x)}` : fmt(x));

function baselineReading(readings: readonly BreathTestReading[]): BreathTestReading | undefined {
  return readings.find((r) => r.minute === 0) ?? readings[0];
}

function maxBy<T>(items: readonly T[], value: (t: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || value(item) > value(best)) best = item;
  return best;
}

// --- Rules ---------------------------------------------------------------------------------------

interface Rise {
  minute: number;
  fromPpm: number;
  toPpm: number;
  risePpm: number;
}

/** Rise at each reading after the first, relative to the criteria's reference point. */
function hydrogenRises(readings: readonly BreathTestReading[], baseline: BreathTestReading, criteria: BreathTestCriteria): Rise[] {
  const rises: Rise[] = [];
  let lowest = baseline.h2;
  for (const r of readings) {
    if (r === baseline) continue;
    const from = criteria.h2Reference === 'baseline' ? baseline.h2 : lowest;
    rises.push({ minute: r.minute, fromPpm: from, toPpm: r.h2, risePpm: round(r.h2 - from) });
    lowest = Math.min(lowest, r.h2);
  }
  return rises;
}

function hydrogenResult(readings: readonly BreathTestReading[], baseline: BreathTestReading, criteria: BreathTestCriteria) {
  const rises = hydrogenRises(readings, baseline, criteria);
  const within = rises.filter((r) => r.minute <= criteria.h2WindowMinutes);
  const after = rises.filter((r) => r.minute > criteria.h2WindowMinutes);
  const maxWithin = maxBy(within, (r) => r.risePpm);
  const firstPositive = within.find((r) => r.risePpm >= criteria.h2RisePpm);
  const maxAfter = maxBy(after, (r) => r.risePpm);
  const peak = maxBy(readings, (r) => r.h2) ?? baseline;
  const result: HydrogenResult = {
    baselinePpm: baseline.h2,
    peakPpm: peak.h2,
    minuteOfPeak: peak.minute,
    maxRiseWithinWindowPpm: maxWithin?.risePpm ?? null,
    minuteOfMaxRiseWithinWindow: maxWithin?.minute ?? null,
    minuteOfPositiveRise: firstPositive?.minute ?? null,
    positiveRisePpm: firstPositive?.risePpm ?? null,
    maxRiseAfterWindowPpm: maxAfter?.risePpm ?? null,
    minuteOfMaxRiseAfterWindow: maxAfter?.minute ?? null,
    windowCovered: readings.some((r) => r.minute >= criteria.h2WindowMinutes),
    positive: firstPositive !== undefined,
  };
  return { result, firstPositive, maxWithin, maxAfter };
}

function referenceWords(criteria: BreathTestCriteria): string {
  return criteria.h2Reference === 'baseline' ? 'over baseline' : 'over the lowest preceding value';
}

function hydrogenFindings(h: ReturnType<typeof hydrogenResult>, criteria: BreathTestCriteria): BreathTestFinding[] {
  const findings: BreathTestFinding[] = [];
  const rule = `a rise of ≥ ${fmt(criteria.h2RisePpm)} ppm ${referenceWords(criteria)} within ${criteria.h2WindowMinutes} min meets the consensus criterion`;
  const { firstPositive, maxWithin, maxAfter } = h;
  if (firstPositive) {
    findings.push({
      rule: 'h2-rise',
      status: 'positive',
      text: `Hydrogen rose ${fmt(firstPositive.risePpm)} ppm ${referenceWords(criteria)} (${fmt(firstPositive.fromPpm)} → ${fmt(firstPositive.toPpm)} ppm) by ${firstPositive.minute} min: ${rule}.`,
      source: criteria.source,
    });
  } else if (maxWithin) {
    const seen = `${fmt(maxWithin.fromPpm)} → ${fmt(maxWithin.toPpm)} ppm at ${maxWithin.minute} min`;
    const change =
      maxWithin.risePpm > 0
        ? `Hydrogen's largest rise ${referenceWords(criteria)} within ${criteria.h2WindowMinutes} min was ${fmt(maxWithin.risePpm)} ppm (${seen})`
        : `Hydrogen did not rise ${referenceWords(criteria)} within ${criteria.h2WindowMinutes} min (largest change ${fmt(maxWithin.risePpm)} ppm: ${seen})`;
    findings.push({
      rule: 'h2-rise',
      status: 'negative',
      text: `${change}: below the ${fmt(criteria.h2RisePpm)} ppm needed, so the hydrogen criterion is not met (${rule}).`,
      source: criteria.source,
    });
  } else {
    findings.push({
      rule: 'h2-rise',
      status: 'caution',
      text: `No reading after the baseline falls within ${criteria.h2WindowMinutes} min, so the hydrogen criterion (${rule}) could not be met.`,
      source: criteria.source,
    });
  }
  if (!firstPositive && maxAfter && maxAfter.risePpm >= criteria.h2RisePpm) {
    findings.push({
      rule: 'h2-rise-after-window',
      status: 'info',
      text: `Hydrogen rose ${fmt(maxAfter.risePpm)} ppm ${referenceWords(criteria)} (${fmt(maxAfter.fromPpm)} → ${fmt(maxAfter.toPpm)} ppm) at ${maxAfter.minute} min, but only after ${criteria.h2WindowMinutes} min: a rise after the window does not count, so it does not meet the hydrogen criterion (some labs use a 100–120 min window instead).`,
      source: `${criteria.source}; CSIBO; NUNM`,
    });
  }
  return findings;
}

function windowFinding(readings: readonly BreathTestReading[], criteria: BreathTestCriteria): BreathTestFinding {
  const lastMinute = readings.reduce((m, r) => Math.max(m, r.minute), 0);
  return {
    rule: 'h2-window-not-covered',
    status: 'caution',
    text: `Readings stop at ${lastMinute} min, before the end of the ${criteria.h2WindowMinutes}-min hydrogen window: a rise later in the window would have been missed, so a negative hydrogen result is incomplete.`,
    source: criteria.source,
  };
}

function methaneResult(readings: readonly BreathTestReading[], baseline: BreathTestReading, criteria: BreathTestCriteria): MethaneResult {
  const max = maxBy(readings, (r) => r.ch4) ?? baseline;
  const first = readings.find((r) => r.ch4 >= criteria.ch4Ppm);
  return {
    baselinePpm: baseline.ch4,
    maxPpm: max.ch4,
    minuteOfMax: max.minute,
    minuteFirstAtThreshold: first?.minute ?? null,
    positive: first !== undefined,
  };
}

function methaneFinding(m: MethaneResult, criteria: BreathTestCriteria): BreathTestFinding {
  const rule = `a methane level of ≥ ${fmt(criteria.ch4Ppm)} ppm at any reading meets the consensus criterion for intestinal methanogen overgrowth (IMO)`;
  if (m.positive) {
    const first = m.minuteFirstAtThreshold !== null && m.minuteFirstAtThreshold !== m.minuteOfMax ? ` (first ≥ ${fmt(criteria.ch4Ppm)} ppm at ${m.minuteFirstAtThreshold} min)` : '';
    return {
      rule: 'ch4-level',
      status: 'positive',
      text: `Methane reached ${fmt(m.maxPpm)} ppm at ${m.minuteOfMax} min${first}: ${rule}.`,
      source: `${criteria.source}; ACG-SIBO`,
    };
  }
  return {
    rule: 'ch4-level',
    status: 'negative',
    text: `Methane peaked at ${fmt(m.maxPpm)} ppm at ${m.minuteOfMax} min: below ${fmt(criteria.ch4Ppm)} ppm, so the methane criterion is not met; ${rule}.`,
    source: criteria.source,
  };
}

function hydrogenSulfideResult(readings: readonly BreathTestReading[], criteria: BreathTestCriteria): HydrogenSulfideResult {
  const measured = readings.flatMap((r) => (typeof r.h2s === 'number' ? [{ minute: r.minute, ppm: r.h2s }] : []));
  const max = maxBy(measured, (r) => r.ppm);
  if (!max) return { measured: false, positive: false };
  const atOrAbove = max.ppm >= criteria.h2sPpm;
  return {
    measured: true,
    samples: measured.length,
    maxPpm: max.ppm,
    minuteOfMax: max.minute,
    atOrAboveThreshold: atOrAbove,
    positive: atOrAbove && criteria.h2sDiagnostic,
  };
}

function hydrogenSulfideFinding(s: HydrogenSulfideResult, total: number, criteria: BreathTestCriteria): BreathTestFinding {
  if (!s.measured) {
    return {
      rule: 'h2s-not-measured',
      status: 'info',
      text: 'Hydrogen sulfide was not measured, so hydrogen-sulfide overgrowth cannot be assessed from this test (it needs a three-gas test such as trio-smart).',
      source: 'TRIO',
    };
  }
  const partial = s.samples < total ? ` (measured at ${s.samples} of ${total} readings)` : '';
  const threshold = `${fmt(criteria.h2sPpm)} ppm`;
  if (!s.atOrAboveThreshold) {
    return {
      rule: 'h2s-level',
      status: 'negative',
      text: `Hydrogen sulfide peaked at ${fmt(s.maxPpm)} ppm (at ${s.minuteOfMax} min)${partial}: below the ${threshold} threshold described for trio-smart, so it is not raised.`,
      source: 'TRIO',
    };
  }
  if (s.positive) {
    return {
      rule: 'h2s-level',
      status: 'positive',
      text: `Hydrogen sulfide reached ${fmt(s.maxPpm)} ppm at ${s.minuteOfMax} min${partial}: ≥ ${threshold} meets the criteria applied, which treat the (unverified) cut-off as diagnostic.`,
      source: 'TRIO',
    };
  }
  return {
    rule: 'h2s-level',
    status: 'flag',
    text: `Hydrogen sulfide reached ${fmt(s.maxPpm)} ppm at ${s.minuteOfMax} min${partial}: at or above the ${threshold} threshold described for trio-smart. That cut-off is unverified, so this is flagged for review against the lab's own reference range rather than called positive.`,
    source: 'TRIO',
  };
}

function highBaselineFindings(readings: readonly BreathTestReading[], baseline: BreathTestReading): BreathTestFinding[] {
  const findings: BreathTestFinding[] = [];
  const later = readings.filter((r) => r !== baseline);
  const lowestLaterH2 = maxBy(later, (r) => -r.h2);
  if (baseline.h2 >= HIGH_BASELINE_H2_PPM) {
    const fell =
      lowestLaterH2 && lowestLaterH2.h2 < baseline.h2
        ? ` It then fell to ${fmt(lowestLaterH2.h2)} ppm by ${lowestLaterH2.minute} min, which usually means poor preparation.`
        : '';
    findings.push({
      rule: 'h2-high-baseline',
      status: 'flag',
      text: `Fasting hydrogen was ${fmt(baseline.h2)} ppm, at or above ${HIGH_BASELINE_H2_PPM} ppm: a high baseline is not read as positive and can hide a rise; check preparation (fasting, diet the day before) and consider repeating.${fell} There is no consensus cut-off, so this is for review.`,
      source: 'CSIBO; SEA',
    });
  }
  if (baseline.ch4 >= HIGH_BASELINE_CH4_PPM) {
    findings.push({
      rule: 'ch4-high-baseline',
      status: 'flag',
      text: `Fasting methane was ${fmt(baseline.ch4)} ppm, at or above ${HIGH_BASELINE_CH4_PPM} ppm: it meets the methane level rule, but some labs do not report a high baseline as positive and poor preparation can raise it; review preparation. There is no consensus cut-off, so this is for review.`,
      source: 'CSIBO; NAC-T4',
    });
  }
  return findings;
}

function isFlatLine(readings: readonly BreathTestReading[]): boolean {
  return readings.every((r) => r.h2 <= FLAT_LINE_MAX_PPM && r.ch4 <= FLAT_LINE_MAX_PPM);
}

function flatLineFinding(h: HydrogenResult, m: MethaneResult): BreathTestFinding {
  return {
    rule: 'flat-line',
    status: 'flag',
    text: `Hydrogen (peak ${fmt(h.peakPpm)} ppm) and methane (peak ${fmt(m.maxPpm)} ppm) stayed at or below ${FLAT_LINE_MAX_PPM} ppm throughout ("flat line"): possible low gas producer, so a negative result may be falsely reassuring; for review. Axis review threshold, no consensus value.`,
    source: AXIS_REVIEW_SOURCE,
  };
}

function substrateFindings(input: BreathTestInput): BreathTestFinding[] {
  const { kind, doseGrams, name } = input.substrate;
  if (kind === 'other') {
    return [
      {
        rule: 'substrate-not-nac',
        status: 'caution',
        text: `Substrate "${name ?? 'other'}" ${fmt(doseGrams)} g: the SIBO criteria apply to glucose (75 g) or lactulose (10 g); fructose and lactose tests are for malabsorption, so these criteria may not apply.`,
        source: 'NAC',
      },
    ];
  }
  const standard = SUBSTRATE_DEFAULT_DOSE_G[kind];
  if (round(doseGrams) === standard) return [];
  return [
    {
      rule: 'substrate-dose',
      status: 'caution',
      text: `${kind === 'lactulose' ? 'Lactulose' : 'Glucose'} dose was ${fmt(doseGrams)} g, not the standard ${standard} g: dose changes how often tests are positive (e.g. 10 g vs 16 g lactulose: 42% vs 53%; 75 g vs 50 g glucose: 36% vs 22%), so compare with care.`,
      source: 'NAC; PITCHER',
    },
  ];
}

function preparationFindings(input: BreathTestInput): { findings: BreathTestFinding[]; issues: PreparationItemId[] } {
  const findings: BreathTestFinding[] = [];
  const issues: PreparationItemId[] = [];
  for (const item of PREPARATION_ITEMS) {
    const answer = input.preparation[item.id];
    if (item.deviationWhen !== null && answer === item.deviationWhen) {
      issues.push(item.id);
      findings.push({
        rule: `preparation-${item.id}`,
        status: 'caution',
        text: `Preparation: ${lowerFirst(item.deviationLabel ?? item.label)}. NAC ${item.strength}s: ${lowerFirst(item.expected)} The result may be unreliable: ${item.whyItMatters}.`,
        source: item.source,
      });
    } else if (item.id === 'ppiUse' && answer === true) {
      findings.push({
        rule: 'preparation-ppiUse',
        status: 'info',
        text: 'Takes a PPI: NAC does not require stopping PPIs for a SIBO breath test, so this does not limit the result. ACG 2020 advises against breath testing asymptomatic patients who take PPIs.',
        source: 'NAC-T1; ACG-SIBO',
      });
    }
  }
  return { findings, issues };
}

// --- Entry point ---------------------------------------------------------------------------------

/**
 * Reads a validated breath test (see breathTestInputSchema: readings in time order, baseline at 0 min).
 * flag: 'abnormal' if any gas is positive; else 'indeterminate' when a high baseline, flat line, incomplete
 * window, non-standard substrate, unverified H2S elevation or a preparation deviation makes a negative
 * unreliable; else 'normal'.
 */
export function interpretBreathTest(input: BreathTestInput, criteria: BreathTestCriteria = NAC_2017_CRITERIA): BreathTestInterpretation {
  const readings = input.readings;
  const baseline = baselineReading(readings);
  if (!baseline) throw new Error('interpretBreathTest needs at least one reading; validate with breathTestInputSchema first.');

  const h = hydrogenResult(readings, baseline, criteria);
  const methane = methaneResult(readings, baseline, criteria);
  const hydrogenSulfide = hydrogenSulfideResult(readings, criteria);
  const highBaselineGases = { hydrogen: baseline.h2 >= HIGH_BASELINE_H2_PPM, methane: baseline.ch4 >= HIGH_BASELINE_CH4_PPM };
  const highBaseline = highBaselineGases.hydrogen || highBaselineGases.methane;
  const flatLine = isFlatLine(readings);
  const prep = preparationFindings(input);
  const otherSubstrate = input.substrate.kind === 'other';

  const findings: BreathTestFinding[] = [
    ...hydrogenFindings(h, criteria),
    ...(h.result.windowCovered || h.result.positive ? [] : [windowFinding(readings, criteria)]),
    methaneFinding(methane, criteria),
    hydrogenSulfideFinding(hydrogenSulfide, readings.length, criteria),
    ...highBaselineFindings(readings, baseline),
    ...(flatLine ? [flatLineFinding(h.result, methane)] : []),
    ...substrateFindings(input),
    ...prep.findings,
  ];

  const anyPositive = h.result.positive || methane.positive || hydrogenSulfide.positive;
  const h2sForReview = hydrogenSulfide.measured && hydrogenSulfide.atOrAboveThreshold && !hydrogenSulfide.positive;
  const reasons: string[] = [];
  if (highBaselineGases.hydrogen) reasons.push(`high hydrogen baseline (${fmt(baseline.h2)} ppm)`);
  if (highBaselineGases.methane && !methane.positive) reasons.push(`high methane baseline (${fmt(baseline.ch4)} ppm)`);
  if (flatLine) reasons.push(`flat line (H2 and CH4 ≤ ${FLAT_LINE_MAX_PPM} ppm)`);
  if (h2sForReview && hydrogenSulfide.measured) reasons.push(`hydrogen sulfide ${fmt(hydrogenSulfide.maxPpm)} ppm for review`);
  if (h.result.maxRiseWithinWindowPpm === null) reasons.push(`no hydrogen reading within ${criteria.h2WindowMinutes} min`);
  else if (!h.result.windowCovered) reasons.push(`readings end before ${criteria.h2WindowMinutes} min`);
  if (otherSubstrate) reasons.push('non-standard substrate');
  if (prep.issues.length > 0) reasons.push(`preparation: ${prep.issues.length} deviation${prep.issues.length === 1 ? '' : 's'}`);

  const flag: InterpretationFlag = anyPositive ? 'abnormal' : reasons.length > 0 ? 'indeterminate' : 'normal';

  return {
    flag,
    summary: buildSummary({ flag, h: h.result, methane, hydrogenSulfide, criteria, otherSubstrate, reasons }),
    findings,
    criteria,
    hydrogen: h.result,
    methane,
    hydrogenSulfide,
    highBaseline,
    highBaselineGases,
    flatLine,
    preparationIssues: prep.issues,
  };
}

function buildSummary(args: {
  flag: InterpretationFlag;
  h: HydrogenResult;
  methane: MethaneResult;
  hydrogenSulfide: HydrogenSulfideResult;
  criteria: BreathTestCriteria;
  otherSubstrate: boolean;
  reasons: string[];
}): string {
  const { h, methane, hydrogenSulfide: s, criteria, otherSubstrate } = args;
  // One test meets or misses a criterion; it does not make a diagnosis, so the words say "consistent
  // with", never "SIBO" or "positive (IMO)" as a label (a diagnosis is the clinician's, with the history).
  const parts: { text: string; met: boolean }[] = [];
  if (h.positive && h.positiveRisePpm !== null && h.minuteOfPositiveRise !== null) {
    parts.push({ met: true, text: `hydrogen rise ${otherSubstrate ? 'meets the criterion' : 'consistent with SIBO'}: ${signed(h.positiveRisePpm)} ppm by ${h.minuteOfPositiveRise} min` });
  } else if (h.maxRiseWithinWindowPpm !== null) {
    parts.push({ met: false, text: `hydrogen criterion not met (max ${signed(h.maxRiseWithinWindowPpm)} ppm within ${criteria.h2WindowMinutes} min)` });
  } else {
    parts.push({ met: false, text: `hydrogen not assessable (no reading within ${criteria.h2WindowMinutes} min)` });
  }
  parts.push(
    methane.positive
      ? { met: true, text: `methane level ${otherSubstrate ? 'meets the criterion' : 'consistent with IMO'}: peak ${fmt(methane.maxPpm)} ppm at ${methane.minuteOfMax} min` }
      : { met: false, text: `methane criterion not met (peak ${fmt(methane.maxPpm)} ppm)` },
  );
  if (s.measured) {
    parts.push(
      s.positive
        ? { met: true, text: `hydrogen sulfide raised: ${fmt(s.maxPpm)} ppm at ${s.minuteOfMax} min` }
        : s.atOrAboveThreshold
          ? { met: false, text: `hydrogen sulfide ${fmt(s.maxPpm)} ppm at ${s.minuteOfMax} min (≥ ${fmt(criteria.h2sPpm)} ppm, for review)` }
          : { met: false, text: `hydrogen sulfide not raised (peak ${fmt(s.maxPpm)} ppm)` },
    );
  }
  // Criteria met first, so a list row leads with what matters (a stable sort keeps H2, CH4, H2S order).
  parts.sort((a, b) => Number(b.met) - Number(a.met));
  let line = parts.map((p) => p.text).join('; ');
  if (args.flag === 'indeterminate') line += `; indeterminate: ${args.reasons.join(', ')}`;
  return line.charAt(0).toUpperCase() + line.slice(1);
}
