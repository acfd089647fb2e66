// Reads one instrument total against its bands (DOMAIN.md §4) and compares two totals over time. Pure, so
// the chart, the forms and the patient portal can all use it.
//
// Flag mapping (a choice, since DOMAIN.md bands are descriptive, not diagnostic):
//   clear / normal bands                       → 'normal'   ("almost clear" counts as clear: [VIGA], [POEM])
//   mild bands, and instruments without bands   → 'info'     (worth seeing, not a call to act)
//   moderate, severe, very severe, abnormal     → 'abnormal' (Bristol 1–2 and 6–7 are 'abnormal' bands [BSFS])
//   value outside the instrument's range        → 'indeterminate' (stored data that predates validation)
import type { Finding, Interpretation, InterpretationFlag } from '@/lib/clinical/interpretation';
import { type Band, type BandSeverity, type InstrumentId, bandFor, getInstrument, inBand, scoreValueProblem } from './instruments';

export interface ScoreValue {
  instrument: InstrumentId;
  value: number;
}

export interface ScoreInterpretation extends Interpretation {
  instrument: InstrumentId;
  value: number;
  /** null only when the value is not valid for the instrument (flag 'indeterminate'). */
  band: { label: string; severity: BandSeverity; display: string } | null;
  range: { min: number; max: number };
}

export interface ScoreComparison {
  /** current − previous, in instrument units. */
  change: number;
  /** change as a percentage of previous; null when previous is 0 or the scale is unordered (Bristol). */
  percentChange: number | null;
  /** null when unchanged, or when the two values cannot be ordered (Bristol constipation ↔ diarrhoea). */
  improved: boolean | null;
  text: string;
  /** Response markers DOMAIN.md defines (DLQI MCID, acne IGA success). */
  findings: Finding[];
}

const FLAG_BY_SEVERITY: Record<BandSeverity, InterpretationFlag> = {
  clear: 'normal',
  normal: 'normal',
  mild: 'info',
  unbanded: 'info',
  moderate: 'abnormal',
  severe: 'abnormal',
  very_severe: 'abnormal',
  abnormal: 'abnormal',
};

export function flagForSeverity(severity: BandSeverity): InterpretationFlag {
  return FLAG_BY_SEVERITY[severity];
}

/** Up to two decimals, trailing zeros dropped: 12.4, 2.33, 7. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

/** Signed with a real minus sign, for changes: +2, −11.6. */
function formatSigned(value: number): string {
  if (value > 0) return `+${formatScore(value)}`;
  if (value < 0) return `−${formatScore(-value)}`;
  return '0';
}

// DLQI minimal clinically important difference [DLQI].
const DLQI_MCID = 4;
// Acne IGA success: grade 0 or 1 and ≥2-grade improvement from baseline [ACNE].
const ACNE_SUCCESS_MAX_GRADE = 1;
const ACNE_SUCCESS_MIN_IMPROVEMENT = 2;
// vIGA-AD: trials usually count 0/1 as success [VIGA].
const VIGA_SUCCESS_MAX_GRADE = 1;
// PASI >10 is often combined with DLQI >10 [PASI-CDS], [PASI-AU].
const PASI_MODERATE_SEVERE_ABOVE = 10;

/** Instrument-specific notes that depend on the value, beyond the band itself. */
function extraFindings(id: InstrumentId, value: number): Finding[] {
  const findings: Finding[] = [];
  const instrument = getInstrument(id);
  if (instrument.alternativeBands) {
    const alt = bandFor(id, value, instrument.alternativeBands);
    if (alt) {
      findings.push({
        rule: `${id}-alternative-band`,
        status: 'info',
        text: `On the ${instrument.alternativeBands.rule}, ${instrument.label} ${formatScore(value)} is ${alt.label} (${alt.display}) [${instrument.alternativeBands.source}].`,
        source: instrument.alternativeBands.source,
      });
    }
  }
  if (id === 'pasi' && value > PASI_MODERATE_SEVERE_ABOVE) {
    findings.push({
      rule: 'pasi-with-dlqi',
      status: 'info',
      text: 'PASI >10 is often combined with DLQI >10 to call psoriasis moderate–severe: record a DLQI too [PASI-CDS, PASI-AU].',
      source: 'PASI-CDS, PASI-AU',
    });
  }
  if (id === 'iga_ad' && value <= VIGA_SUCCESS_MAX_GRADE) {
    findings.push({
      rule: 'iga-ad-success-grade',
      status: 'info',
      text: `vIGA-AD ${formatScore(value)}: trials usually count grade 0 or 1 as treatment success [VIGA].`,
      source: 'VIGA',
    });
  }
  if (id === 'iga_acne' && value <= ACNE_SUCCESS_MAX_GRADE) {
    findings.push({
      rule: 'iga-acne-success-needs-baseline',
      status: 'caution',
      text: `Acne IGA ${formatScore(value)} is clear or almost clear, but success also needs a ≥${ACNE_SUCCESS_MIN_IMPROVEMENT}-grade improvement from baseline: compare with the baseline grade [ACNE].`,
      source: 'ACNE',
    });
  }
  for (const caveat of instrument.caveats ?? []) {
    if (caveat.when && (value < caveat.when.from || value > caveat.when.to)) continue;
    findings.push({ rule: caveat.rule, status: 'caution', text: caveat.text, source: caveat.source });
  }
  return findings;
}

export function interpretScore(input: ScoreValue): ScoreInterpretation {
  const { instrument: id, value } = input;
  const instrument = getInstrument(id);
  const range = { min: instrument.min, max: instrument.max };
  const problem = scoreValueProblem(id, value);
  const band = problem === null ? bandFor(id, value) : null;

  if (band === null) {
    // Unreachable for valid values (bands tile [min, max], tested); the message covers invalid ones.
    const text = problem ?? `${instrument.label} ${formatScore(value)} fits no band.`;
    return {
      instrument: id,
      value,
      band: null,
      range,
      flag: 'indeterminate',
      summary: `${instrument.label} ${formatScore(value)} — not a valid score (${range.min}–${range.max})`,
      findings: [{ rule: `${id}-invalid`, status: 'caution', text, source: instrument.source }],
    };
  }

  const flag = flagForSeverity(band.severity);
  const bandText =
    band.severity === 'unbanded'
      ? `${instrument.label} ${formatScore(value)} (range ${band.display}): ${instrument.rule} [${instrument.source}].`
      : `${instrument.label} ${formatScore(value)} is ${band.label} (${band.display}) under the ${instrument.rule} [${instrument.source}].`;
  return {
    instrument: id,
    value,
    band: { label: band.label, severity: band.severity, display: band.display },
    range,
    flag,
    summary: `${instrument.label} ${formatScore(value)} — ${band.label} (${band.display})`,
    findings: [
      { rule: `${id}-band`, status: flag === 'abnormal' ? 'flag' : 'info', text: bandText, source: instrument.source },
      ...extraFindings(id, value),
    ],
  };
}

/**
 * For instruments without a severity order (Bristol): 0 inside the normal band, otherwise 1 + distance to
 * it, with the side (-1 below, +1 above). Only same-side or to/from-normal moves can be called better/worse.
 */
function distanceFromNormal(normal: Band, value: number): { side: -1 | 0 | 1; distance: number } {
  if (inBand(normal, value)) return { side: 0, distance: 0 };
  return value < normal.to ? { side: -1, distance: 1 + Math.max(0, normal.from - value) } : { side: 1, distance: 1 + (value - normal.to) };
}

function isImproved(id: InstrumentId, previous: number, current: number, change: number): boolean | null {
  // Judge the rounded change, so the verdict never disagrees with "no change" in the text.
  if (change === 0) return null;
  const instrument = getInstrument(id);
  if (instrument.higherIsWorse !== null) return instrument.higherIsWorse ? current < previous : current > previous;
  const normal = instrument.bands.find((b) => b.severity === 'normal');
  if (!normal) return null;
  const before = distanceFromNormal(normal, previous);
  const after = distanceFromNormal(normal, current);
  // Constipation ↔ diarrhoea: neither better nor worse.
  if (before.side !== 0 && after.side !== 0 && before.side !== after.side) return null;
  if (after.distance === before.distance) return null;
  return after.distance < before.distance;
}

function comparisonFindings(id: InstrumentId, previous: number, current: number, change: number): Finding[] {
  const findings: Finding[] = [];
  if (id === 'dlqi' && Math.abs(change) >= DLQI_MCID) {
    findings.push({
      rule: 'dlqi-mcid',
      status: 'info',
      text: `DLQI ${change < 0 ? 'fell' : 'rose'} ${Math.abs(change)} points (${previous} → ${current}), at least the minimal clinically important difference of ${DLQI_MCID} [DLQI].`,
      source: 'DLQI',
    });
  }
  if (id === 'iga_acne' && current <= ACNE_SUCCESS_MAX_GRADE) {
    const gain = previous - current;
    const success = gain >= ACNE_SUCCESS_MIN_IMPROVEMENT;
    findings.push({
      rule: 'iga-acne-success',
      status: success ? 'positive' : 'negative',
      text: success
        ? `Acne IGA ${previous} → ${current}: grade 0–1 with a ${gain}-grade improvement meets the FDA 2018 success criterion when ${previous} is the baseline grade [ACNE].`
        : `Acne IGA ${previous} → ${current}: grade 0–1 but a ${Math.max(gain, 0)}-grade improvement; success needs ≥${ACNE_SUCCESS_MIN_IMPROVEMENT} grades from baseline [ACNE].`,
      source: 'ACNE',
    });
  }
  return findings;
}

/**
 * Change between two totals of the same instrument. Pass the baseline as `previous` for the acne IGA
 * success check. Throws on mixed instruments or invalid values: stored totals are validated on entry.
 */
export function compareScores(previous: ScoreValue, current: ScoreValue): ScoreComparison {
  if (previous.instrument !== current.instrument) {
    throw new Error(`Cannot compare ${getInstrument(previous.instrument).label} with ${getInstrument(current.instrument).label}.`);
  }
  const id = current.instrument;
  for (const v of [previous.value, current.value]) {
    const problem = scoreValueProblem(id, v);
    if (problem) throw new RangeError(problem);
  }
  const instrument = getInstrument(id);
  // toFixed(6) strips float noise (12.4 − 7.1 = 5.300000000000001) without losing real decimals.
  const change = Number((current.value - previous.value).toFixed(6));
  // A percentage of a stool type means nothing, so unordered scales get none.
  const percentChange =
    previous.value === 0 || instrument.higherIsWorse === null ? null : Number(((change / previous.value) * 100).toFixed(1));
  const improved = isImproved(id, previous.value, current.value, change);

  const before = bandFor(id, previous.value);
  const after = bandFor(id, current.value);
  let bands = '';
  if (before && after && before.severity !== 'unbanded') bands = before === after ? ` (${after.label})` : ` (${before.label} → ${after.label})`;
  const head = `${instrument.label} ${formatScore(previous.value)} → ${formatScore(current.value)}${bands}`;
  let text: string;
  if (change === 0) {
    text = `${head}: no change.`;
  } else {
    const pct = percentChange === null ? '' : ` (${formatSigned(percentChange)}%)`;
    const verdict =
      improved === null ? 'neither better nor worse: both ends of the scale are abnormal' : improved ? 'improved' : 'worse';
    text = `${head}: ${formatSigned(change)}${pct}, ${verdict}.`;
  }
  return { change, percentChange, improved, text, findings: comparisonFindings(id, previous.value, current.value, change) };
}
