import { Link } from '@/lib/ui/link';
import type { NoteLinkView } from '@/lib/notes/queries';

/** A note's tags: results link to the result, plan items are named. */
export function NoteLinks({ patientId, links }: { patientId: string; links: NoteLinkView[] }) {
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Tagged to">
      {links.map((l) => (
        <li key={`${l.targetType}:${l.targetId}`} className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200">
          <span className="text-slate-500">{l.targetType === 'result' ? 'Result' : 'Plan'}: </span>
          {l.targetType === 'result' && l.resultId ? (
            <Link href={`/patients/${patientId}/results/${l.resultId}`} className="font-medium text-brand-700 hover:underline">
              {l.label ?? 'result'}
            </Link>
          ) : (
            <span className="font-medium">{l.label ?? 'item no longer on the plan'}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
