// Treatment response: did a score improve after an intervention started? ../shared/DOMAIN.md §9, with the
// source key beside every threshold. Pure and browser-safe: the record page, the timeline chart, the
// portal and the PDF all read this one rule; the cohort SQL (lib/outcomes/cohorts.ts) follows the same
// definitions, and a test holds the two to the same answers (docs/OUTCOMES.md).
//
// Axis never attributes a change to one cause: every assessed change names the other interventions that
// overlapped the same weeks.

import { addDays, daysBetween } from '@/lib/clinical/dates';
import { INSTRUMENTS, type InstrumentId } from '@/lib/clinical/scores/instruments';

/**
 * Clinic defaults, each overridable (AXIS_RESPONSE_* in lib/platform/env.ts; the assessment point also per
 * intervention).
 */
export interface ResponseSettings {
  /** Baseline = the last score of the instrument in this many days up to and including the start. */
  baselineWindowDays: number;
  /** Default assessment point, in weeks after the start. */
  assessmentWeeks: number;
  /**
   * A follow-up this many days or less before the assessment point still counts as at the point (clinics
   * book "about 12 weeks"). An earlier one gives only a provisional answer.
   */
  followUpToleranceDays: number;
}

export const DEFAULT_RESPONSE_SETTINGS: ResponseSettings = {
  // No published baseline window for routine care: 4 weeks keeps the baseline recent (clinic setting).
  baselineWindowDays: 28,
  // Compare at ≥ 12 weeks; an earlier "no response" is provisional. Trials use week 12 or 16 [NCT-PSO12],
  // [NCT-AD16]; KADA calls EASI-50 unmet after 3 months a non-response [KADA].
  assessmentWeeks: 12,
  // Clinic setting, not a published figure: a visit booked up to 2 weeks early still answers "at 12 weeks".
  followUpToleranceDays: 14,
};

export const RESPONSE_WEEKS_MIN = 1;
export const RESPONSE_WEEKS_MAX = 104;

export type CriterionKind = 'percent' | 'points' | 'iga_success';

/** One responder definition, e.g. "EASI-75": percent improvement ≥ 75. */
export interface ResponseCriterion {
  id: string;
  label: string;
  kind: CriterionKind;
  /** Percent for 'percent', points for 'points', grades of improvement for 'iga_success'. */
  threshold: number;
  /** The one the clinic outcomes page counts as "responder" for this instrument. */
  primary: boolean;
  /** How the definition reads, for a tooltip or docs. */
  rule: string;
  source: string;
}

const percent = (id: string, label: string, threshold: number, primary: boolean, source: string): ResponseCriterion => ({
  id,
  label,
  kind: 'percent',
  threshold,
  primary,
  rule: `improvement of at least ${threshold}% from baseline`,
  source,
});
const points = (id: string, label: string, threshold: number, source: string): ResponseCriterion => ({
  id,
  label,
  kind: 'points',
  threshold,
  primary: true,
  rule: `a fall of at least ${threshold} points from baseline`,
  source,
});
const igaSuccess = (source: string): ResponseCriterion => ({
  id: 'iga-success',
  label: 'IGA success',
  kind: 'iga_success',
  threshold: 2,
  primary: true,
  rule: 'clear or almost clear (0 or 1) and at least 2 grades better than baseline',
  source,
});

/**
 * Responder definitions per instrument (DOMAIN.md §9). Instruments without one (Bristol, GSRS) show the
 * change only. Percent improvement = (B − F) / B × 100 [CLEGG-PASI].
 */
export const RESPONSE_CRITERIA: Readonly<Partial<Record<InstrumentId, readonly ResponseCriterion[]>>> = {
  // EASI −50% is meaningful at any baseline severity [BJD-MIC-2021]; EASI-75/90 by the same percent rule [CLEGG-PASI].
  // The absolute MCID 6.6 (Schram 2012) is UNVERIFIED in DOMAIN.md, so it is not used.
  easi: [percent('easi-50', 'EASI-50', 50, true, 'BJD-MIC-2021'), percent('easi-75', 'EASI-75', 75, false, 'CLEGG-PASI'), percent('easi-90', 'EASI-90', 90, false, 'CLEGG-PASI')],
  // PASI 50/75/90/100 [CCP-PASI], [NCT-PSO]; PASI-50 is itself clinically meaningful [CARLIN-PASI50]; PASI-75 is
  // the usual trial end point, so it is the clinic's "responder".
  pasi: [
    percent('pasi-50', 'PASI-50', 50, false, 'CARLIN-PASI50'),
    percent('pasi-75', 'PASI-75', 75, true, 'CCP-PASI, NCT-PSO'),
    percent('pasi-90', 'PASI-90', 90, false, 'CCP-PASI'),
    percent('pasi-100', 'PASI-100 (clear)', 100, false, 'CCP-PASI'),
  ],
  // SCORAD −35% [BJD-MIC-2021]; the absolute MCID 8.7 is UNVERIFIED, so not used.
  scorad: [percent('scorad-35', 'SCORAD −35%', 35, true, 'BJD-MIC-2021')],
  // DLQI: recommended MCID 4 in inflammatory skin disease [BASRA-DLQI].
  dlqi: [points('dlqi-4', 'DLQI ≥ 4 points', 4, 'BASRA-DLQI')],
  // UAS7: MID 9.5–10.5, so 10 points [MATHIAS-UAS7], [AAAAI-UAS].
  uas7: [points('uas7-10', 'UAS7 ≥ 10 points', 10, 'MATHIAS-UAS7, AAAAI-UAS')],
  // POEM: 3–3.9 "probably important", ≤ 2 likely measurement error [HOWELLS-POEM]; MCID ≈ 3 [GAUNT-POEM].
  poem: [points('poem-3', 'POEM ≥ 3 points', 3, 'HOWELLS-POEM, GAUNT-POEM')],
  // IGA success = 0/1 and ≥ 2 grades better [NCT-AD16], [USDERM-IGA], [VIGA-VALID]; acne IGA the same [ACNE].
  iga_ad: [igaSuccess('NCT-AD16, USDERM-IGA, VIGA-VALID')],
  iga_acne: [igaSuccess('ACNE')],
};

export function primaryCriterion(instrument: InstrumentId): ResponseCriterion | null {
  return RESPONSE_CRITERIA[instrument]?.find((c) => c.primary) ?? null;
}

export interface ScorePoint {
  effectiveDate: string;
  value: number;
}

export interface InterventionPeriod {
  id: string;
  title: string;
  /** null: never started (proposed, declined): nothing to assess. */
  startDate: string | null;
  /** null while ongoing. */
  endDate: string | null;
  /** Weeks after the start when the response is judged; null = the clinic default. */
  responseWeeks: number | null;
}

export type ResponseStatus = 'assessed' | 'provisional' | 'not_assessable';

export interface CriterionResult {
  criterion: ResponseCriterion;
  /** null: cannot be judged (baseline 0 for a percent rule). */
  met: boolean | null;
}

export interface InterventionResponse {
  interventionId: string;
  instrument: InstrumentId;
  status: ResponseStatus;
  /** Why not assessable, or why only provisional. */
  reason: string | null;
  /** Start + the assessment weeks. */
  assessmentDate: string;
  baseline: ScorePoint | null;
  followUp: ScorePoint | null;
  /** F − B (a negative change is a fall). */
  change: number | null;
  /** (B − F) / B × 100 when the instrument is lower-is-better and B > 0; null otherwise. */
  percentImprovement: number | null;
  direction: 'better' | 'worse' | 'unchanged' | null;
  criteria: CriterionResult[];
  /** Other interventions running at some point between this one's start and its follow-up score. */
  overlapping: { id: string; title: string }[];
  /** One sentence a clinician reads, e.g. "EASI fell 55% (24 → 10.8) by week 12, while X overlapped." */
  summary: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const fmt = (n: number) => String(round1(n));

/** The last point of an instrument in [start − window, start]. Points sorted oldest first. */
export function baselineFor(points: readonly ScorePoint[], startDate: string, windowDays: number): ScorePoint | null {
  const from = addDays(startDate, -windowDays);
  let found: ScorePoint | null = null;
  for (const p of points) if (p.effectiveDate >= from && p.effectiveDate <= startDate) found = p;
  return found;
}

/** The point after the start nearest the assessment date; on a tie, the later one (more time on treatment). */
export function followUpFor(points: readonly ScorePoint[], startDate: string, assessmentDate: string): ScorePoint | null {
  let best: ScorePoint | null = null;
  let bestDistance = Infinity;
  for (const p of points) {
    if (p.effectiveDate <= startDate) continue;
    const distance = Math.abs(daysBetween(assessmentDate, p.effectiveDate));
    if (distance < bestDistance || (distance === bestDistance && best !== null && p.effectiveDate > best.effectiveDate)) {
      best = p;
      bestDistance = distance;
    }
  }
  return best;
}

function judge(criterion: ResponseCriterion, baseline: number, followUp: number): boolean | null {
  switch (criterion.kind) {
    case 'percent':
      // Guard B = 0: percent change is undefined [DOMAIN.md §9].
      if (baseline <= 0) return null;
      return ((baseline - followUp) / baseline) * 100 >= criterion.threshold;
    case 'points':
      return baseline - followUp >= criterion.threshold;
    case 'iga_success':
      return followUp <= 1 && baseline - followUp >= criterion.threshold;
  }
}

function weeksAfter(startDate: string, date: string): number {
  return Math.round(daysBetween(startDate, date) / 7);
}

/**
 * The response of one instrument to one intervention, judged on `today` (the clinic's date). `points` are
 * the instrument's current scores, oldest first; `others` are the patient's other interventions.
 */
export function assessResponse(args: {
  intervention: InterventionPeriod;
  instrument: InstrumentId;
  points: readonly ScorePoint[];
  others: readonly InterventionPeriod[];
  today: string;
  settings?: ResponseSettings;
}): InterventionResponse {
  const { intervention, instrument, points, others, today } = args;
  const settings = args.settings ?? DEFAULT_RESPONSE_SETTINGS;
  const spec = INSTRUMENTS[instrument];
  const criteriaDefs = RESPONSE_CRITERIA[instrument] ?? [];
  const weeks = intervention.responseWeeks ?? settings.assessmentWeeks;
  const start = intervention.startDate;
  const base = {
    interventionId: intervention.id,
    instrument,
    assessmentDate: start ? addDays(start, weeks * 7) : '',
    baseline: null,
    followUp: null,
    change: null,
    percentImprovement: null,
    direction: null,
    criteria: [],
    overlapping: [],
  } satisfies Partial<InterventionResponse>;

  if (!start) {
    return { ...base, status: 'not_assessable', reason: 'It has not started (no start date).', summary: `${spec.label}: not assessable: the intervention has no start date.` };
  }
  if (start > today) {
    return { ...base, status: 'not_assessable', reason: `It starts on ${start}.`, summary: `${spec.label}: not assessable yet: it starts on ${start}.` };
  }
  const assessmentDate = base.assessmentDate;
  const baseline = baselineFor(points, start, settings.baselineWindowDays);
  if (!baseline) {
    const reason = `No ${spec.label} in the ${settings.baselineWindowDays} days up to the start (${start}).`;
    return { ...base, status: 'not_assessable', reason, summary: `${spec.label}: not assessable: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` };
  }
  const followUp = followUpFor(points, start, assessmentDate);
  if (!followUp) {
    const reason = `No ${spec.label} recorded after the start (${start}).`;
    return { ...base, baseline, status: 'not_assessable', reason, summary: `${spec.label}: not assessable: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` };
  }

  const change = followUp.value - baseline.value;
  // Lower is better for every banded instrument with a responder rule; Bristol (no order) has no direction.
  const ordered = spec.higherIsWorse === true;
  const percentImprovement = ordered && baseline.value > 0 ? ((baseline.value - followUp.value) / baseline.value) * 100 : null;
  const direction: InterventionResponse['direction'] = !ordered ? null : change < 0 ? 'better' : change > 0 ? 'worse' : 'unchanged';
  const criteria = criteriaDefs.map((criterion) => ({ criterion, met: judge(criterion, baseline.value, followUp.value) }));

  // Provisional until the assessment point has passed and a score was taken at (or near) it.
  const early = followUp.effectiveDate < addDays(assessmentDate, -settings.followUpToleranceDays);
  const status: ResponseStatus = today < assessmentDate || early ? 'provisional' : 'assessed';
  const atWeek = weeksAfter(start, followUp.effectiveDate);
  const reason =
    status === 'assessed'
      ? null
      : today < assessmentDate
        ? `The assessment point is week ${weeks} (${assessmentDate}); this is the score at week ${atWeek}.`
        : `No ${spec.label} near week ${weeks} (${assessmentDate}); the nearest is at week ${atWeek}.`;

  const followUpEnd = followUp.effectiveDate;
  const overlapping = others
    .filter((o) => o.id !== intervention.id && o.startDate !== null && o.startDate <= followUpEnd && (o.endDate === null || o.endDate >= start))
    .map((o) => ({ id: o.id, title: o.title }));

  return {
    ...base,
    assessmentDate,
    status,
    reason,
    baseline,
    followUp,
    change,
    percentImprovement,
    direction,
    criteria,
    overlapping,
    summary: summarize({ label: spec.label, baseline, followUp, change, percentImprovement, direction, criteria, overlapping, atWeek, status, self: intervention.title }),
  };
}

function summarize(r: {
  label: string;
  baseline: ScorePoint;
  followUp: ScorePoint;
  change: number;
  percentImprovement: number | null;
  direction: InterventionResponse['direction'];
  criteria: CriterionResult[];
  overlapping: { title: string }[];
  atWeek: number;
  status: ResponseStatus;
  self: string;
}): string {
  const values = `(${fmt(r.baseline.value)} → ${fmt(r.followUp.value)})`;
  let head: string;
  if (r.direction === 'better') head = r.percentImprovement !== null ? `${r.label} fell ${Math.round(r.percentImprovement)}% ${values}` : `${r.label} fell ${fmt(-r.change)} points ${values}`;
  else if (r.direction === 'worse') head = `${r.label} rose ${fmt(r.change)} points ${values}: worse`;
  else if (r.direction === 'unchanged') head = `${r.label} unchanged ${values}`;
  else head = `${r.label} changed ${values}`;
  const met = r.criteria.filter((c) => c.met === true).map((c) => c.criterion.label);
  const notMet = r.criteria.filter((c) => c.met === false && c.criterion.primary).map((c) => c.criterion.label);
  const labels = met.length > 0 ? `; ${met.join(', ')} reached` : notMet.length > 0 ? `; ${notMet.join(', ')} not reached` : '';
  const when = ` by week ${r.atWeek}`;
  const overlap = r.overlapping.length > 0 ? ` while ${r.self} and ${listTitles(r.overlapping.map((o) => o.title))} overlapped` : '';
  const provisional = r.status === 'provisional' ? ' (provisional)' : '';
  return `${head}${when}${overlap}${labels}${provisional}.`;
}

function listTitles(titles: string[]): string {
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

/** Responses for every started intervention × every instrument the patient has scores for. */
export function assessAllResponses(args: {
  interventions: readonly InterventionPeriod[];
  scores: Readonly<Partial<Record<InstrumentId, readonly ScorePoint[]>>>;
  today: string;
  settings?: ResponseSettings;
}): InterventionResponse[] {
  const out: InterventionResponse[] = [];
  const instruments = (Object.keys(args.scores) as InstrumentId[]).filter((id) => (args.scores[id]?.length ?? 0) > 0 && id in INSTRUMENTS);
  for (const intervention of args.interventions) {
    if (!intervention.startDate) continue;
    for (const instrument of instruments) {
      out.push(assessResponse({ intervention, instrument, points: args.scores[instrument] ?? [], others: args.interventions, today: args.today, settings: args.settings }));
    }
  }
  return out;
}
