import type { CarePlanConflict } from '@/lib/care-plans/mutations';
import { formatTimestamp } from '@/lib/ui/format';

/** A colleague saved first: say who, when, and exactly what they changed, so nothing is lost silently. */
export function ConflictNotice({ conflict, children }: { conflict: CarePlanConflict; children?: React.ReactNode }) {
  return (
    <div className="mt-2 rounded-md border border-red-200 bg-white px-3 py-2 text-sm text-slate-800" data-testid="conflict">
      <p className="font-medium">
        {conflict.changedByName}’s version {conflict.currentVersion}, saved {formatTimestamp(conflict.changedAt)}
      </p>
      {conflict.changes.length > 0 ? (
        <ul className="mt-1 space-y-0.5">
          {conflict.changes.map((c) => (
            <li key={c.field}>
              <span className="font-medium">{c.label}:</span> <span className="text-slate-500 line-through">{c.from}</span> → <span>{c.to}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-slate-600">Open the change history to see their version.</p>
      )}
      {children}
    </div>
  );
}
