import { Link } from '@/lib/ui/link';
import type { ResultKind } from '@/lib/results/result-kinds';
import { describeProvenance } from '@/lib/results/provenance';
import type { ResultSummary } from '@/lib/results/queries';
import { EmptyState } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { AwaitingReviewBadge, FlagBadge, NewBadge, PatientReportedBadge } from '@/lib/ui/results/result-badges';

const KIND_LABEL: Record<ResultKind, string> = {
  breath_test: 'Breath test',
  h_pylori: 'H. pylori',
  food_panel: 'Food panel',
  score: 'Score',
  stool_test: 'Stool test',
};

/** Every current result, newest first, each marked for this clinician as new and/or to review. */
export function ResultsList({ patientId, results }: { patientId: string; results: ResultSummary[] }) {
  if (results.length === 0) return <EmptyState>No results recorded yet.</EmptyState>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="pb-2 pr-3 font-semibold">Date</th>
          <th scope="col" className="pb-2 pr-3 font-semibold">Result</th>
          <th scope="col" className="pb-2 pr-3 font-semibold">Reading</th>
          <th scope="col" className="pb-2 font-semibold">Reported / entered by</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {results.map((r) => (
          <tr key={r.id} className={r.isNew ? 'bg-brand-50/40' : undefined}>
            <td className="whitespace-nowrap py-2 pr-3 align-top">{formatDate(r.effectiveDate)}</td>
            <td className="py-2 pr-3 align-top">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/patients/${patientId}/results/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.title}
                </Link>
                <span className="text-xs text-slate-500">{KIND_LABEL[r.kind]}</span>
                {r.reportedBy === 'patient' && <PatientReportedBadge />}
                {r.version > 1 && <span className="text-xs text-slate-500">· corrected (v{r.version})</span>}
                {r.isNew && <NewBadge />}
                {r.awaitingMyReview && <AwaitingReviewBadge />}
              </div>
              <p className="mt-0.5 text-slate-700">{r.summary}</p>
            </td>
            <td className="py-2 pr-3 align-top">
              <FlagBadge flag={r.flag} />
            </td>
            <td className="py-2 align-top text-xs text-slate-700">{describeProvenance(r).text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
