import type { InterventionResponse, ResponseStatus } from '@/lib/clinical/outcomes/response';
import { INSTRUMENTS } from '@/lib/clinical/scores/instruments';
import { Citations } from '@/lib/ui/citations';

const STATUS_LABEL: Record<ResponseStatus, string> = { assessed: 'Assessed', provisional: 'Provisional', not_assessable: 'Not assessable' };
const STATUS_CLASS: Record<ResponseStatus, string> = {
  assessed: 'bg-sky-50 text-sky-900 ring-sky-200',
  provisional: 'bg-amber-50 text-amber-900 ring-amber-200',
  not_assessable: 'bg-slate-50 text-slate-700 ring-slate-200',
};

export function ResponseStatusBadge({ status }: { status: ResponseStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_CLASS[status]}`}>{STATUS_LABEL[status]}</span>;
}

/** Assessed and provisional answers first, then the ones that cannot be judged (with why). */
const ORDER: Record<ResponseStatus, number> = { assessed: 0, provisional: 1, not_assessable: 2 };

/**
 * How each score moved after one intervention started, in the words of lib/clinical/outcomes: the change,
 * the responder labels reached or not, the other interventions that overlapped, and the sources. Never
 * says the intervention caused the change.
 */
export function ResponseList({ responses, compact = false }: { responses: readonly InterventionResponse[]; compact?: boolean }) {
  if (responses.length === 0) return <p className="text-sm text-slate-600">No scores recorded yet, so there is no response to show.</p>;
  const sorted = [...responses].sort((a, b) => ORDER[a.status] - ORDER[b.status] || INSTRUMENTS[a.instrument].label.localeCompare(INSTRUMENTS[b.instrument].label));
  const judged = sorted.filter((r) => r.status !== 'not_assessable');
  const unjudged = sorted.filter((r) => r.status === 'not_assessable');
  const item = (r: InterventionResponse) => {
    const sources = [...new Set(r.criteria.map((c) => c.criterion.source))].join(', ');
    return (
      <li key={`${r.interventionId}-${r.instrument}`} className="text-sm" data-testid="response" data-status={r.status}>
        <div className="flex flex-wrap items-baseline gap-2">
          <ResponseStatusBadge status={r.status} />
          <span className={r.status === 'not_assessable' ? 'text-slate-600' : 'text-slate-900'}>{r.summary}</span>
        </div>
        {r.status !== 'not_assessable' && r.reason && <p className="mt-0.5 text-xs text-slate-600">{r.reason}</p>}
        {!compact && r.status !== 'not_assessable' && r.criteria.length > 0 && (
          <p className="mt-0.5 text-xs text-slate-600">
            {r.criteria.map((c) => `${c.criterion.label}: ${c.met === null ? 'cannot be judged (baseline 0)' : c.met ? 'reached' : 'not reached'}`).join(' · ')}{' '}
            <Citations source={sources} className="text-xs text-slate-500" />
          </p>
        )}
      </li>
    );
  };
  return (
    <div data-testid="responses">
      {judged.length > 0 && <ul className="space-y-2">{judged.map(item)}</ul>}
      {/* Scores that cannot be judged are one line, opened on request: the answers lead. */}
      {unjudged.length === 1 && <ul className={judged.length > 0 ? 'mt-2' : ''}>{unjudged.map(item)}</ul>}
      {unjudged.length > 1 && (
        <details className={judged.length > 0 ? 'mt-2' : ''}>
          <summary className="cursor-pointer text-xs text-slate-600">
            {unjudged.length} scores not assessable ({unjudged.map((r) => INSTRUMENTS[r.instrument].label).join(', ')})
          </summary>
          <ul className="mt-1 space-y-1">{unjudged.map(item)}</ul>
        </details>
      )}
    </div>
  );
}
