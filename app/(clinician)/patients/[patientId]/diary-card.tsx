import type { DiaryEntry } from '@/lib/diary/queries';
import { confounderClinicalLabel } from '@/lib/diary/schema';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { PatientReportedBadge } from '@/lib/ui/results/result-badges';

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The last 14 days of the patient's own food-and-symptom diary, for the care team. */
export function DiaryCard({ entries }: { entries: DiaryEntry[] }) {
  return (
    <Card title="Patient diary" id="diary" actions={<PatientReportedBadge />}>
      {entries.length === 0 ? (
        <EmptyState>No diary entries in the last 14 days.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm" data-testid="diary-card">
          <caption className="sr-only">Patient-reported diary, last 14 days</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="pb-2 pr-2 font-semibold">Date</th>
              <th scope="col" className="pb-2 pr-2 font-semibold" title="Bristol stool form type">Stool</th>
              <th scope="col" className="pb-2 pr-2 font-semibold">Itch</th>
              <th scope="col" className="pb-2 pr-2 font-semibold">Flare</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="py-2 pr-2">
                  <div className="whitespace-nowrap">{formatDate(e.entryDate)}</div>
                  {e.challengeTag && <div className="text-xs font-medium text-amber-900">{e.challengeTag}</div>}
                  {e.meals.length > 0 && <div className="mt-0.5 text-xs text-slate-600">{excerpt(e.meals.map((m) => m.description).join('; '), 80)}</div>}
                  {e.confounders.length > 0 && <div className="mt-0.5 text-xs text-amber-900">Also: {e.confounders.map(confounderClinicalLabel).join(', ')}</div>}
                  {e.notes && <div className="mt-0.5 text-xs italic text-slate-600">{excerpt(e.notes, 80)}</div>}
                </td>
                <td className="py-2 pr-2">{e.stoolForm === null ? '—' : `Type ${e.stoolForm}`}</td>
                <td className="py-2 pr-2">{e.itch === null ? '—' : `${e.itch}/10`}</td>
                <td className="py-2 pr-2">{e.flare === null ? '—' : `${e.flare}/10`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
