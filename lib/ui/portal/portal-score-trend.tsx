import type { PortalScoreTrend } from '@/lib/portal/queries';
import { ScoreTrendChart } from '@/lib/ui/charts/score-trend-chart';
import { formatDate } from '@/lib/ui/format';

/** One score over time: the chart, and the same numbers as a table (for screen readers and print). */
export function PortalScoreTrend({ trend }: { trend: PortalScoreTrend }) {
  const latest = trend.points.at(-1);
  return (
    <figure className="rounded-lg border border-slate-200 p-4 print:break-inside-avoid">
      <figcaption className="text-base">
        <span className="font-semibold text-slate-900">{trend.label}</span> <span className="text-slate-700">({trend.fullName})</span>
        {latest && (
          <span className="block text-slate-700">
            Latest: {latest.value} on {formatDate(latest.effectiveDate)}
          </span>
        )}
      </figcaption>
      <div className="mt-3 print:hidden">
        <ScoreTrendChart label={`${trend.label} over time`} min={trend.min} max={trend.max} bands={trend.bands} points={trend.points} />
      </div>
      <table className="mt-3 w-full text-left text-base">
        <caption className="sr-only">{trend.label} values by date</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700">
            <th scope="col" className="py-1 pr-4 font-semibold">
              Date
            </th>
            <th scope="col" className="py-1 pr-4 font-semibold">
              Score
            </th>
            <th scope="col" className="py-1 font-semibold">
              Recorded by
            </th>
          </tr>
        </thead>
        <tbody>
          {trend.points.map((p, i) => (
            <tr key={`${p.effectiveDate}-${i}`} className="border-b border-slate-100 last:border-0">
              <td className="py-1 pr-4">{formatDate(p.effectiveDate)}</td>
              <td className="py-1 pr-4">{p.value}</td>
              <td className="py-1">{p.reportedByMe ? 'You' : 'Your care team'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
