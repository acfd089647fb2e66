import 'server-only';
import type { InterventionStatus } from '@/db/schema/enum-values';
import { NEVER_RAN_STATUSES } from '@/lib/care-plans/kinds';
import { assessAllResponses, type InterventionPeriod, type InterventionResponse, type ResponseSettings, type ScorePoint } from '@/lib/clinical/outcomes/response';
import type { InstrumentId } from '@/lib/clinical/scores/instruments';
import { INSTRUMENT_IDS } from '@/lib/clinical/scores/instruments';
import { clinicToday } from '@/lib/platform/clinic-time';
import { readEnv } from '@/lib/platform/env';

// Treatment response for one patient's plan, from data a caller has already read under its own access
// check and audit event (the record page, the plan page, the portal). The rule is lib/clinical/outcomes.

/** The clinic's response settings (AXIS_RESPONSE_*), validated at start. */
export function responseSettings(): ResponseSettings {
  const env = readEnv();
  return { baselineWindowDays: env.AXIS_RESPONSE_BASELINE_DAYS, assessmentWeeks: env.AXIS_RESPONSE_WEEKS, followUpToleranceDays: env.AXIS_RESPONSE_TOLERANCE_DAYS };
}


export interface PlanInterventionForResponse {
  id: string;
  title: string;
  status: InterventionStatus;
  startDate: string | null;
  endDate: string | null;
  responseWeeks: number | null;
}

/** Each intervention that ran, with its response on every instrument the patient has scores for. */
export function responsesByIntervention(
  interventions: readonly PlanInterventionForResponse[],
  scoreSeries: Readonly<Record<string, readonly { effectiveDate: string; value: number }[]>>,
  options: { today?: string; settings?: ResponseSettings } = {},
): Map<string, InterventionResponse[]> {
  const periods: InterventionPeriod[] = interventions
    .filter((i) => !NEVER_RAN_STATUSES.includes(i.status))
    .map((i) => ({ id: i.id, title: i.title, startDate: i.startDate, endDate: i.status === 'active' || i.status === 'paused' ? null : i.endDate, responseWeeks: i.responseWeeks }));
  const scores: Partial<Record<InstrumentId, ScorePoint[]>> = {};
  for (const id of INSTRUMENT_IDS) {
    const points = scoreSeries[id];
    if (points && points.length > 0) scores[id] = points.map((p) => ({ effectiveDate: p.effectiveDate, value: p.value }));
  }
  const all = assessAllResponses({ interventions: periods, scores, today: options.today ?? clinicToday(), settings: options.settings ?? responseSettings() });
  const out = new Map<string, InterventionResponse[]>();
  for (const r of all) {
    const list = out.get(r.interventionId) ?? [];
    list.push(r);
    out.set(r.interventionId, list);
  }
  return out;
}
