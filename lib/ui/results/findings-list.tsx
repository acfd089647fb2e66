import type { Finding } from '@/lib/clinical/interpretation';
import { Citations } from '@/lib/ui/citations';

const STATUS: Record<Finding['status'], { label: string; className: string }> = {
  positive: { label: 'Positive', className: 'border-red-200 bg-red-50 text-red-900' },
  negative: { label: 'Negative', className: 'border-slate-200 bg-white text-slate-800' },
  flag: { label: 'Review', className: 'border-amber-200 bg-amber-50 text-amber-950' },
  caution: { label: 'Caution', className: 'border-amber-200 bg-amber-50 text-amber-950' },
  info: { label: 'Note', className: 'border-slate-200 bg-slate-50 text-slate-800' },
  urgent: { label: 'Refer', className: 'border-red-400 bg-red-100 text-red-950' },
};

/** The rules that fired and why, each with the source it follows, as a readable citation. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Interpretation">
      {findings.map((f, i) => {
        const s = STATUS[f.status];
        return (
          <li key={`${f.rule}-${i}`} className={`rounded-md border px-3 py-2 text-sm ${s.className}`}>
            <span className="mr-2 text-xs font-bold uppercase tracking-wide">{f.label ?? s.label}</span>
            {f.text}
            {f.source && <Citations source={f.source} className="mt-0.5 block text-xs text-slate-700" />}
          </li>
        );
      })}
    </ul>
  );
}
