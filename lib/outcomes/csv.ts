import { csvRow } from '@/lib/platform/audit/csv';
import { INSTRUMENTS } from '@/lib/clinical/scores/instruments';
import type { CohortOutcome } from './cohorts';
import { GUT_FINDING_LABELS, OUTCOME_CONDITIONS } from './cohort-query';

// The outcomes table as CSV (RFC 4180, formula-safe cells): the aggregate only, with the question, the
// definitions and the suppression rule above it, so a spreadsheet copy cannot lose its caveats.

const pct = (v: number) => Math.round(v * 1000) / 10;
const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function cohortOutcomesCsv(o: CohortOutcome): string {
  const fewer = `fewer than ${o.minCell}`;
  const shown = (v: number | null) => (v === null ? fewer : v);
  const condition = OUTCOME_CONDITIONS.find((c) => c.key === o.query.condition)?.label ?? o.query.condition;
  let out = '';
  out += csvRow(['Axis clinic outcomes', `as of ${o.today}`]);
  out += csvRow(['Observational: not evidence of cause.']);
  out += csvRow(['Condition', condition]);
  out += csvRow(['Gut finding', o.query.finding ? GUT_FINDING_LABELS[o.query.finding] : 'any']);
  out += csvRow(['Intervention kind', o.query.kind ?? 'any']);
  out += csvRow(['Score', INSTRUMENTS[o.query.instrument].label]);
  out += csvRow(['Responder', o.criterion ? `${o.criterion.label}: ${o.criterion.rule}` : 'no responder rule for this score']);
  out += csvRow(['Baseline window (days)', o.settings.baselineWindowDays, 'Assessment point (weeks, default)', o.settings.assessmentWeeks, 'Tolerance (days)', o.settings.followUpToleranceDays]);
  out += csvRow([`Cells under ${o.minCell} patients are withheld.`]);
  out += '\r\n';
  out += csvRow(['Group', 'Definition', 'Patients', 'Assessable', 'Judged', 'Responders', 'Responder rate %', '95% CI low %', '95% CI high %', 'Median change (points)', 'Median improvement %']);
  for (const g of o.groups) {
    out += csvRow([
      g.group === 'cohort' ? 'Cohort' : 'Comparison',
      o.definitions[g.group],
      shown(g.patients),
      shown(g.assessable),
      shown(g.judged),
      g.responders === null ? (o.criterion ? 'withheld' : '') : g.responders,
      g.rate ? pct(g.rate.value) : '',
      g.rate ? pct(g.rate.low) : '',
      g.rate ? pct(g.rate.high) : '',
      g.medianChange === null ? '' : round(g.medianChange),
      g.medianPercentImprovement === null ? '' : round(g.medianPercentImprovement),
    ]);
  }
  return out;
}
