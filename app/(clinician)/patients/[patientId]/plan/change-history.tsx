import type { PlanChangeView } from '@/lib/care-plans/queries';
import { EmptyState } from '@/lib/ui/app-shell';
import { formatDateTime } from '@/lib/ui/format';

/** The plan's history, newest first: every version of every goal and intervention, and what it changed. */
export function ChangeHistory({ changes }: { changes: PlanChangeView[] }) {
  if (changes.length === 0) return <EmptyState>No changes yet.</EmptyState>;
  return (
    <ol className="space-y-3 text-sm">
      {changes.map((c) => (
        <li key={c.id} className="border-l-2 border-slate-200 pl-3">
          <p>
            <span className="font-medium">{c.changeLabel}</span> {c.entityType === 'goal' ? 'goal' : ''} <span className="font-medium text-slate-900">“{c.label}”</span>
            <span className="text-slate-500"> · v{c.version}</span>
          </p>
          <p className="text-xs text-slate-500">
            {c.changedByName}, {formatDateTime(c.changedAt)}
          </p>
          {c.reason && <p className="mt-0.5 text-slate-700">Reason: {c.reason}</p>}
          {c.fields.length > 0 && (
            <ul className="mt-1 space-y-0.5 text-slate-700">
              {c.fields.map((f) => (
                <li key={f.field}>
                  {f.label}: <span className="text-slate-500 line-through">{f.from}</span> → {f.to}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
