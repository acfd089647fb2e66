import { Link } from '@/lib/ui/link';
import type { ScorePoint } from '@/lib/results/queries';
import { INSTRUMENT_IDS, INSTRUMENTS } from '@/lib/clinical/scores/instruments';
import { EmptyState } from '@/lib/ui/app-shell';
import { ScoreTrendChart } from '@/lib/ui/charts/score-trend-chart';
import { Citations } from '@/lib/ui/citations';
import { formatDate } from '@/lib/ui/format';

/** One trend chart per instrument recorded, in registry order (skin, quality of life, gut). */
export function ScoreTrends({ patientId, series }: { patientId: string; series: Record<string, ScorePoint[]> }) {
  const recorded = INSTRUMENT_IDS.filter((id) => (series[id]?.length ?? 0) > 0);
  if (recorded.length === 0) return <EmptyState>No severity scores recorded yet.</EmptyState>;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {recorded.map((id) => {
        const instrument = INSTRUMENTS[id];
        const points = series[id] ?? [];
        const latest = points.at(-1);
        return (
          <figure key={id} className="rounded-md border border-slate-100 p-3">
            <figcaption className="mb-2 flex items-baseline justify-between gap-2 text-sm">
              <span className="font-semibold text-slate-800" title={instrument.fullName}>
                {instrument.label}
              </span>
              {latest && (
                <Link href={`/patients/${patientId}/results/${latest.resultId}`} className="text-xs text-brand-700 hover:underline">
                  latest {latest.value} on {formatDate(latest.effectiveDate)}
                </Link>
              )}
            </figcaption>
            <ScoreTrendChart
              label={instrument.label}
              min={instrument.min}
              max={instrument.max}
              bands={instrument.bands.map((b) => ({ from: b.from, to: b.to, label: b.label, severity: b.severity }))}
              points={points.map((p) => ({ effectiveDate: p.effectiveDate, value: p.value }))}
            />
            <p className="mt-1">
              <Citations source={instrument.source} label="Bands from" pluralLabel="Bands from" />
            </p>
          </figure>
        );
      })}
    </div>
  );
}
