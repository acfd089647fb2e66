import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { carePlanInterventions, careTeamMembers, conditions, patients, results } from '@/db/schema';
import { NEVER_RAN_STATUSES } from '@/lib/care-plans/kinds';
import { findConditionGroup, likePatternsFor } from '@/lib/clinical/conditions/catalog';
import { primaryCriterion, type ResponseCriterion, type ResponseSettings } from '@/lib/clinical/outcomes/response';
import { wilsonInterval } from '@/lib/clinical/outcomes/statistics';
import { authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { clinicToday } from '@/lib/platform/clinic-time';
import { readEnv } from '@/lib/platform/env';
import { GUT_FINDING_RESULT_KIND, type CohortQuery } from './cohort-query';
import { responseSettings } from './responses';

// Clinic outcomes: for one skin condition, did patients with a gut finding (and/or an intervention kind)
// improve on a score more often than the same condition's other patients? Observational, never evidence
// of cause. The whole clinic is counted, but only as aggregates computed in SQL: every count below the
// minimum cell size (AXIS_OUTCOMES_MIN_CELL, never below 5) is replaced by NULL inside the statement, so
// a small cell never leaves the database as a number. The per-patient rule is the one of
// lib/clinical/outcomes/response.ts, written in SQL (docs/OUTCOMES.md; a test holds the two together).

export type CohortGroupName = 'cohort' | 'comparison';

/** One group's aggregates, already suppressed; null = "fewer than minCell" (or not applicable). */
export interface CohortGroupResult {
  group: CohortGroupName;
  /** Patients with the condition in this group. */
  patients: number | null;
  /** With a baseline and a follow-up at the assessment point (not provisional, not "not assessable"). */
  assessable: number | null;
  /** Assessable ones the responder rule can judge (a percent rule cannot judge a baseline of 0). */
  judged: number | null;
  responders: number | null;
  /** responders / judged with its 95% Wilson interval, when both counts are shown. */
  rate: { value: number; low: number; high: number } | null;
  /** Median change (follow-up − baseline) in score points, and median percent improvement. */
  medianChange: number | null;
  medianPercentImprovement: number | null;
  /** Why a figure is withheld, in words, when it is. */
  withheld: string | null;
}

export interface CohortOutcome {
  query: CohortQuery;
  criterion: ResponseCriterion | null;
  minCell: number;
  settings: ResponseSettings;
  today: string;
  groups: CohortGroupResult[];
  /** How each group is defined, in words. */
  definitions: Record<CohortGroupName, string>;
}

/** The raw row as the database returns it: already suppressed there. Exported for the test that proves it. */
export interface RawCohortRow {
  grp: CohortGroupName;
  patients: number | string | null;
  assessable: number | string | null;
  judged: number | string | null;
  responders: number | string | null;
  median_change: number | string | null;
  median_pct: number | string | null;
}

/** The configured minimum cell size; the environment refuses anything below 5 at start. */
export function minCellSize(): number {
  return Math.max(5, readEnv().AXIS_OUTCOMES_MIN_CELL);
}

/** `status not in ${NEVER_RAN}`: the statuses of interventions that never ran. */
const NEVER_RAN = sql`(${sql.join(NEVER_RAN_STATUSES.map((s) => sql`${s}`), sql`, `)})`;

/**
 * The per-patient CTEs shared by the aggregate and the drill-down: the cohort (patients with the
 * condition), their group, index date (start of the first matching intervention that ran), baseline and
 * follow-up score, and whether the response is assessable and a responder.
 */
function perPatient(query: CohortQuery, settings: ResponseSettings, today: string, restrictTo?: SQL): SQL {
  const group = findConditionGroup(query.condition);
  if (!group) throw new Error(`unknown condition ${query.condition}`);
  const codeMatch = sql.join(
    likePatternsFor(group).map((p) => sql`c.code like ${p}`),
    sql` or `,
  );
  const criterion = primaryCriterion(query.instrument);
  const findingKind = query.finding ? GUT_FINDING_RESULT_KIND[query.finding] : null;
  const hasFinding = findingKind
    ? sql`exists (select 1 from ${results} fr where fr.patient_id = p.id and fr.is_current and fr.flag = 'abnormal' and fr.kind = ${findingKind})`
    : sql`true`;
  // The first intervention of the asked kind that ran, and the first of any kind: one lookup each per patient.
  const firstOfKind = query.kind
    ? sql`left join lateral (
        select i.start_date, i.response_weeks from ${carePlanInterventions} i
        where i.patient_id = p.id and i.kind = ${query.kind} and i.status not in ${NEVER_RAN} and i.start_date is not null
        order by i.start_date, i.id limit 1) k on true`
    : sql`cross join (select null::date as start_date, null::integer as response_weeks) k`;
  // Exposed: the finding (if asked) and an intervention of the kind (if asked). The rest of the condition
  // is the comparison group; with neither asked there is no comparison.
  const exposed = sql`(f.has_finding and ${query.kind ? sql`f.kind_start is not null` : sql`true`})`;
  const responder = criterion ? responderSql(criterion) : sql`null::boolean`;
  // MATERIALIZED: each per-patient lookup runs once. Inlined, PostgreSQL repeats the correlated subqueries
  // for every reference to their columns (measured: 39 s instead of well under one on 100,000 patients).
  return sql`
    cohort as materialized (
      select p.id as patient_id, ${hasFinding} as has_finding, k.start_date as kind_start, k.response_weeks as kind_weeks,
        first_any.start_date as any_start, first_any.response_weeks as any_weeks
      from ${patients} p
      ${firstOfKind}
      left join lateral (
        select i.start_date, i.response_weeks from ${carePlanInterventions} i
        where i.patient_id = p.id and i.status not in ${NEVER_RAN} and i.start_date is not null
        order by i.start_date, i.id limit 1) first_any on true
      where exists (select 1 from ${conditions} c where c.patient_id = p.id and (${codeMatch}))
      ${restrictTo ? sql`and ${restrictTo}` : sql``}
    ),
    grouped as materialized (
      select f.patient_id, case when ${exposed} then 'cohort' else 'comparison' end as grp,
        case when ${exposed} and f.kind_start is not null then f.kind_start else f.any_start end as index_date,
        coalesce(case when ${exposed} and f.kind_start is not null then f.kind_weeks else f.any_weeks end, ${settings.assessmentWeeks}::integer) as weeks
      from cohort f
    ),
    measured as materialized (
      select g.*, (g.index_date + g.weeks * 7) as assess_date, b.value as baseline, fu.value as follow_up, fu.effective_date as follow_date
      from grouped g
      left join lateral (
        select r.value from ${results} r
        where r.patient_id = g.patient_id and r.is_current and r.kind = 'score' and r.instrument = ${query.instrument}
          and r.effective_date between g.index_date - ${settings.baselineWindowDays}::integer and g.index_date
        order by r.effective_date desc, r.entered_at desc limit 1) b on true
      left join lateral (
        select r.value, r.effective_date from ${results} r
        where r.patient_id = g.patient_id and r.is_current and r.kind = 'score' and r.instrument = ${query.instrument}
          and r.effective_date > g.index_date
        order by abs(r.effective_date - (g.index_date + g.weeks * 7)), r.effective_date desc, r.entered_at desc limit 1) fu on true
    ),
    judged as (
      select m.*,
        (m.baseline is not null and m.follow_up is not null and ${today}::date >= m.assess_date
          and m.follow_date >= m.assess_date - ${settings.followUpToleranceDays}::integer) as assessable,
        m.follow_up - m.baseline as change,
        case when m.baseline > 0 then (m.baseline - m.follow_up) / m.baseline * 100 end as pct,
        ${responder} as responder
      from measured m
    )`;
}

/** The responder rule of lib/clinical/outcomes/response.ts `judge`, in SQL (null = cannot judge). */
function responderSql(c: ResponseCriterion): SQL {
  switch (c.kind) {
    case 'percent':
      return sql`case when m.baseline > 0 then (m.baseline - m.follow_up) / m.baseline * 100 >= ${c.threshold}::double precision end`;
    case 'points':
      return sql`(m.baseline - m.follow_up >= ${c.threshold}::double precision)`;
    case 'iga_success':
      return sql`(m.follow_up <= 1 and m.baseline - m.follow_up >= ${c.threshold}::double precision)`;
  }
}

/**
 * The aggregate rows, suppressed inside the statement: any count below `minCell` is NULL, the responder
 * count is NULL unless both responders and non-responders reach it (else the rate would reveal the small
 * one), and medians need `minCell` assessable patients.
 */
export async function selectCohortAggregates(db: Executor, query: CohortQuery, settings: ResponseSettings, today: string, minCell: number): Promise<RawCohortRow[]> {
  const k = sql`${minCell}::integer`;
  const statement = sql`
    with ${perPatient(query, settings, today)},
    counted as (
      select grp, count(*) as patients,
        count(*) filter (where assessable) as assessable,
        count(*) filter (where assessable and responder is not null) as judged,
        count(*) filter (where assessable and responder) as responders,
        percentile_cont(0.5) within group (order by change) filter (where assessable) as median_change,
        percentile_cont(0.5) within group (order by pct) filter (where assessable and pct is not null) as median_pct,
        count(*) filter (where assessable and pct is not null) as with_pct
      from judged group by grp
    )
    select grp,
      case when patients >= ${k} then patients end as patients,
      case when patients >= ${k} and assessable >= ${k} then assessable end as assessable,
      case when patients >= ${k} and judged >= ${k} then judged end as judged,
      case when patients >= ${k} and responders >= ${k} and judged - responders >= ${k} then responders end as responders,
      case when patients >= ${k} and assessable >= ${k} then median_change end as median_change,
      case when patients >= ${k} and with_pct >= ${k} then median_pct end as median_pct
    from counted order by grp`;
  const rows = await db.execute(statement);
  return (Array.isArray(rows) ? rows : (rows as { rows: RawCohortRow[] }).rows) as RawCohortRow[];
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * The outcomes page's answer (clinicians only; audited with the question asked, never with patients).
 * Computed in SQL over the whole clinic, returned as suppressed aggregates.
 */
export async function cohortOutcomes(actor: Actor, query: CohortQuery): Promise<CohortOutcome> {
  const db = getDb();
  await authorizeRole(db, actor, ['clinician'], { action: 'outcomes.query', detail: { query } });
  const settings = responseSettings();
  const today = clinicToday();
  const minCell = minCellSize();
  const [raw] = await Promise.all([selectCohortAggregates(db, query, settings, today, minCell), recordAudit(db, actor, [{ action: 'outcomes.query', outcome: 'allowed', detail: { query, minCell } }])]);
  const criterion = primaryCriterion(query.instrument);
  const comparisonExists = Boolean(query.finding || query.kind);
  const groups: CohortGroupResult[] = (['cohort', 'comparison'] as const)
    .filter((g) => g === 'cohort' || comparisonExists)
    .map((group) => {
      const r = raw.find((x) => x.grp === group);
      const patientsCount = num(r?.patients ?? null);
      const judged = num(r?.judged ?? null);
      const responders = num(r?.responders ?? null);
      const rate = judged !== null && responders !== null && judged > 0 ? { value: responders / judged, ...wilsonInterval(responders, judged) } : null;
      let withheld: string | null = null;
      if (patientsCount === null) withheld = `Fewer than ${minCell} patients: nothing is shown, so no one can be recognised.`;
      else if (criterion && rate === null) withheld = `Fewer than ${minCell} responders or non-responders among those assessable: the rate is withheld.`;
      return {
        group,
        patients: patientsCount,
        assessable: num(r?.assessable ?? null),
        judged,
        responders,
        rate,
        medianChange: num(r?.median_change ?? null),
        medianPercentImprovement: num(r?.median_pct ?? null),
        withheld,
      };
    });
  return { query, criterion, minCell, settings, today, groups, definitions: groupDefinitions(query) };
}

function groupDefinitions(query: CohortQuery): Record<CohortGroupName, string> {
  const condition = findConditionGroup(query.condition)?.label ?? query.condition;
  const finding = query.finding ? { breath_test_positive: 'a positive breath test', h_pylori_positive: 'a positive H. pylori test', food_panel_positive: 'a positive food panel' }[query.finding] : null;
  const kind = query.kind ? `a ${query.kind} intervention` : null;
  const parts = [finding && `with ${finding}`, kind && `given ${kind}`].filter(Boolean).join(' and ');
  return {
    cohort: parts ? `${condition} ${parts}` : `Everyone with ${condition.toLowerCase()}`,
    comparison: `${condition} without ${[finding, kind].filter(Boolean).join(' or without ')}`,
  };
}

export interface DrillDownRow {
  patientId: string;
  mrn: string;
  name: string;
  group: CohortGroupName;
  indexDate: string | null;
  baseline: number | null;
  followUp: number | null;
  followUpDate: string | null;
  assessable: boolean;
  responder: boolean | null;
}

export const DRILL_DOWN_LIMIT = 200;

/**
 * The viewer's own patients in the cohort and comparison, one row each: never anyone outside their care
 * teams. Audited like the caseload: the question once, and each patient listed.
 */
export async function cohortDrillDown(actor: Actor, query: CohortQuery): Promise<{ rows: DrillDownRow[]; truncated: boolean }> {
  const db = getDb();
  await authorizeRole(db, actor, ['clinician'], { action: 'outcomes.drilldown', detail: { query } });
  const settings = responseSettings();
  const today = clinicToday();
  const mine = sql`exists (select 1 from ${careTeamMembers} m where m.patient_id = p.id and m.user_id = ${actor.userId} and m.removed_at is null)`;
  const statement = sql`
    with ${perPatient(query, settings, today, mine)}
    select j.patient_id as "patientId", p.mrn, p.family_name || ', ' || p.given_name as name, j.grp as "group",
      j.index_date::text as "indexDate", j.baseline, j.follow_up as "followUp", j.follow_date::text as "followUpDate",
      coalesce(j.assessable, false) as assessable, case when j.assessable then j.responder end as responder
    from judged j join ${patients} p on p.id = j.patient_id
    order by j.grp, p.family_name, p.given_name, p.id
    limit ${DRILL_DOWN_LIMIT + 1}`;
  const result = await db.execute(statement);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as (Omit<DrillDownRow, 'baseline' | 'followUp'> & { baseline: number | string | null; followUp: number | string | null })[];
  const shown = rows.slice(0, DRILL_DOWN_LIMIT).map((r) => ({ ...r, baseline: num(r.baseline), followUp: num(r.followUp) }));
  await recordAudit(db, actor, [
    { action: 'outcomes.drilldown', outcome: 'allowed', detail: { query, rows: shown.length } },
    ...shown.map((r) => ({ action: 'patient.list', outcome: 'allowed' as const, patientId: r.patientId, entityType: 'patient', entityId: r.patientId })),
  ]);
  return { rows: shown, truncated: rows.length > DRILL_DOWN_LIMIT };
}
