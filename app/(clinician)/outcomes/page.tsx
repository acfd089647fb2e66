import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { INTERVENTION_KIND_LABELS, INTERVENTION_KINDS } from '@/lib/care-plans/kinds';
import { citationsFor } from '@/lib/clinical/sources';
import { INSTRUMENTS } from '@/lib/clinical/scores/instruments';
import { cohortDrillDown, cohortOutcomes, type CohortGroupResult, type CohortOutcome, type DrillDownRow } from '@/lib/outcomes/cohorts';
import { cohortQueryToSearchParams, GUT_FINDING_LABELS, GUT_FINDINGS, OUTCOME_CONDITIONS, OUTCOME_INSTRUMENTS, parseCohortQuery, type CohortQuery } from '@/lib/outcomes/cohort-query';
import { requireActor } from '@/lib/platform/auth/session';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { Citations } from '@/lib/ui/citations';
import { ScrollRegion } from '@/lib/ui/scroll-region';
import { formatDate } from '@/lib/ui/format';
import { inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';

export const metadata: Metadata = { title: 'Outcomes' };

const pct = (v: number) => `${Math.round(v * 100)}%`;
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(Math.round(v * 10) / 10)}`;

/**
 * Clinic outcomes: does a skin score improve more often in patients with a gut finding (or an intervention
 * kind) than in the same condition's other patients? Aggregates over the whole clinic, small cells
 * withheld; the drill-down lists only the viewer's own patients, on request.
 */
export default async function OutcomesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(['clinician']);
  const params = await searchParams;
  const { query, problems, asked } = parseCohortQuery(params);
  const outcome = query ? await cohortOutcomes(actor, query) : null;
  const listMine = query && params.list === 'mine';
  const drill = listMine ? await cohortDrillDown(actor, query) : null;
  const qs = query ? cohortQueryToSearchParams(query).toString() : '';

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Outcomes</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Did the skin improve, and was it more often in patients with a gut finding or a kind of care? Counted across the whole clinic, shown only as totals. <strong className="font-semibold text-slate-800">Observational: not evidence of cause.</strong>
        </p>
      </header>

      <Card title="Question" id="question">
        <QuestionForm query={query} params={params} />
        {asked && problems.length > 0 && (
          <div role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p>Choose the missing parts of the question:</p>
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      {outcome && query && (
        <Card
          title="Result"
          id="result"
          actions={
            <a href={`/outcomes/export?${qs}`} className={secondaryButtonClass} download>
              Download CSV
            </a>
          }
        >
          <OutcomeTable outcome={outcome} />
          <Definitions outcome={outcome} />
          <div className="mt-4">
            {listMine ? null : (
              <Link href={`/outcomes?${qs}&list=mine#mine`} className="text-sm font-medium text-brand-700 hover:underline">
                List my own patients in these groups
              </Link>
            )}
          </div>
        </Card>
      )}

      {drill && query && <MyPatients rows={drill.rows} truncated={drill.truncated} query={query} />}
    </div>
  );
}

function QuestionForm({ query, params }: { query: CohortQuery | null; params: Record<string, string | string[] | undefined> }) {
  const value = (k: string) => (query ? ((query as Record<string, string | undefined>)[k] ?? '') : typeof params[k] === 'string' ? (params[k] as string) : '');
  return (
    <form method="get" action="/outcomes" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Outcomes question">
      <div>
        <label htmlFor="condition" className="mb-1 block text-sm font-medium text-slate-700">
          Skin condition
        </label>
        <select id="condition" name="condition" defaultValue={value('condition')} className={inputClass} required>
          <option value="">Choose…</option>
          {OUTCOME_CONDITIONS.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="finding" className="mb-1 block text-sm font-medium text-slate-700">
          Gut finding (optional)
        </label>
        <select id="finding" name="finding" defaultValue={value('finding')} className={inputClass}>
          <option value="">Any</option>
          {GUT_FINDINGS.map((f) => (
            <option key={f} value={f}>
              {GUT_FINDING_LABELS[f]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="kind" className="mb-1 block text-sm font-medium text-slate-700">
          Intervention kind (optional)
        </label>
        <select id="kind" name="kind" defaultValue={value('kind')} className={inputClass}>
          <option value="">Any</option>
          {INTERVENTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {INTERVENTION_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="instrument" className="mb-1 block text-sm font-medium text-slate-700">
          Score
        </label>
        <select id="instrument" name="instrument" defaultValue={value('instrument')} className={inputClass} required>
          <option value="">Choose…</option>
          {OUTCOME_INSTRUMENTS.map((i) => (
            <option key={i} value={i}>
              {INSTRUMENTS[i].label} ({INSTRUMENTS[i].fullName})
            </option>
          ))}
        </select>
      </div>
      <div className="sm:col-span-2 lg:col-span-4">
        <button type="submit" className={primaryButtonClass}>
          Show outcomes
        </button>
      </div>
    </form>
  );
}

function OutcomeTable({ outcome }: { outcome: CohortOutcome }) {
  const label = INSTRUMENTS[outcome.query.instrument].label;
  const fewer = `fewer than ${outcome.minCell}`;
  const count = (v: number | null) => (v === null ? <span className="text-slate-600">{fewer}</span> : <span className="tabular-nums">{v}</span>);
  return (
    <ScrollRegion label="Outcomes table">
      <table className="w-full text-left text-sm" data-testid="outcomes-table">
        <caption className="mb-2 text-left text-sm text-slate-700">
          {label}: {outcome.criterion ? `responders by ${outcome.criterion.label} (${outcome.criterion.rule})` : 'change only: no responder rule for this score'}, as of {formatDate(outcome.today)}.
        </caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="pb-2 pr-3 font-semibold">Group</th>
            <th scope="col" className="pb-2 pr-3 font-semibold">Patients</th>
            <th scope="col" className="pb-2 pr-3 font-semibold">Assessable</th>
            <th scope="col" className="pb-2 pr-3 font-semibold">Responder rate (95% CI)</th>
            <th scope="col" className="pb-2 pr-3 font-semibold">Median change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {outcome.groups.map((g) => (
            <GroupRow key={g.group} g={g} definition={outcome.definitions[g.group]} count={count} hasCriterion={Boolean(outcome.criterion)} />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function GroupRow({ g, definition, count, hasCriterion }: { g: CohortGroupResult; definition: string; count: (v: number | null) => React.ReactNode; hasCriterion: boolean }) {
  return (
    <tr data-testid={`outcome-${g.group}`} className="align-top">
      <th scope="row" className="py-2 pr-3 font-normal">
        <span className="font-semibold">{g.group === 'cohort' ? 'Cohort' : 'Comparison'}</span>
        <span className="block text-xs text-slate-600">{definition}</span>
        {g.withheld && <span className="mt-1 block text-xs text-amber-900">{g.withheld}</span>}
      </th>
      <td className="py-2 pr-3">{count(g.patients)}</td>
      <td className="py-2 pr-3">{g.patients === null ? '' : count(g.assessable)}</td>
      <td className="py-2 pr-3">
        {!hasCriterion ? '—' : g.rate ? (
          <span>
            <span className="font-semibold tabular-nums">{pct(g.rate.value)}</span>{' '}
            <span className="text-xs text-slate-600">
              ({g.responders} of {g.judged}; {pct(g.rate.low)}–{pct(g.rate.high)})
            </span>
          </span>
        ) : (
          <span className="text-slate-600">withheld</span>
        )}
      </td>
      <td className="py-2 pr-3 tabular-nums">
        {g.medianChange === null ? '—' : signed(g.medianChange)}
        {g.medianPercentImprovement !== null && <span className="block text-xs text-slate-600">median improvement {Math.round(g.medianPercentImprovement)}%</span>}
      </td>
    </tr>
  );
}

function Definitions({ outcome }: { outcome: CohortOutcome }) {
  const s = outcome.settings;
  return (
    <div className="mt-4 space-y-1 text-xs text-slate-600">
      <p>
        Each patient counts once, from the start of their first matching intervention (or their first intervention of any kind). Baseline: the last {INSTRUMENTS[outcome.query.instrument].label} in the {s.baselineWindowDays} days up to that start.
        Follow-up: the score nearest week {s.assessmentWeeks} (or the intervention&apos;s own assessment point), within {s.followUpToleranceDays} days before it. Patients without both, or not yet at the point, are not assessable.
      </p>
      <p>
        Groups under {outcome.minCell} patients are withheld, and a rate is shown only when both responders and non-responders reach {outcome.minCell}. Differences between groups may come from who was tested or treated, not from the treatment: observational, not evidence of cause.
      </p>
      {outcome.criterion && citationsFor(outcome.criterion.source).length > 0 && <Citations source={outcome.criterion.source} label="Responder definition" pluralLabel="Responder definition" className="block text-xs text-slate-600" />}
    </div>
  );
}

function MyPatients({ rows, truncated, query }: { rows: DrillDownRow[]; truncated: boolean; query: CohortQuery }) {
  const label = INSTRUMENTS[query.instrument].label;
  return (
    <Card title="My patients in these groups" id="mine">
      <p className="mb-3 text-sm text-slate-600">Only patients whose care team you are on. Other clinicians&apos; patients count in the totals above but are never listed.</p>
      {rows.length === 0 ? (
        <EmptyState>None of your patients is in these groups.</EmptyState>
      ) : (
        <ScrollRegion label="Your patients in these groups">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your patients in the cohort and comparison groups, with their {label} baseline and follow-up</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="pb-2 pr-3 font-semibold">Patient</th>
                <th scope="col" className="pb-2 pr-3 font-semibold">Group</th>
                <th scope="col" className="pb-2 pr-3 font-semibold">From</th>
                <th scope="col" className="pb-2 pr-3 font-semibold">{label}</th>
                <th scope="col" className="pb-2 pr-3 font-semibold">Response</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.patientId}>
                  <td className="py-1.5 pr-3">
                    <Link href={`/patients/${r.patientId}#what-worked`} className="font-medium text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                    <span className="block text-xs text-slate-500">{r.mrn}</span>
                  </td>
                  <td className="py-1.5 pr-3">{r.group === 'cohort' ? 'Cohort' : 'Comparison'}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">{r.indexDate ? formatDate(r.indexDate) : 'no intervention started'}</td>
                  <td className="py-1.5 pr-3 tabular-nums">
                    {r.baseline ?? '—'} → {r.followUp ?? '—'}
                  </td>
                  <td className="py-1.5 pr-3">{!r.assessable ? <span className="text-slate-600">not assessable</span> : r.responder === null ? 'change only' : r.responder ? 'responder' : 'not a responder'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {truncated && <p className="mt-2 text-xs text-slate-600">Showing the first 200. Narrow the question to see fewer.</p>}
        </ScrollRegion>
      )}
    </Card>
  );
}
