import { Link } from '@/lib/ui/link';
import type { NoteSummary } from '@/lib/notes/queries';
import { NoteMarkdown } from '@/lib/notes/render';
import { EmptyState } from '@/lib/ui/app-shell';
import { formatDateTime, specialtyLabel } from '@/lib/ui/format';
import { NoteBadges } from '@/lib/ui/notes/note-badges';
import { NoteLinks } from './note-links';

/** Current notes, newest first: who wrote them, their state, and the note itself. */
export function NotesList({ patientId, notes, compact = false }: { patientId: string; notes: NoteSummary[]; compact?: boolean }) {
  if (notes.length === 0) return <EmptyState>No treatment notes yet.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Treatment notes">
      {notes.map((n) => (
        <li key={n.seriesId} className="py-3 first:pt-0 last:pb-0" data-testid="note-item">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <NoteBadges status={n.status} isAmendment={n.isAmendment} visibility={n.visibility} />
            <Link href={`/patients/${patientId}/notes/${n.id}`} className="text-xs font-medium text-brand-700 hover:underline">
              Open note{n.versionCount > 1 ? ` · ${n.versionCount} versions` : ''}
            </Link>
          </div>
          <p className="mt-1 text-xs text-slate-500">
            <span className="font-medium text-slate-700">{n.authorName}</span>
            {n.authorSpecialty && ` · ${specialtyLabel(n.authorSpecialty)}`} · {formatDateTime(n.startedAt)}
          </p>
          <div className={compact ? 'relative mt-2 max-h-40 overflow-hidden' : 'mt-2'}>
            <NoteMarkdown source={n.body} />
            {compact && <div aria-hidden className="pointer-events-none absolute inset-x-0 bottom-0 h-6 bg-gradient-to-t from-white" />}
          </div>
          {n.links.length > 0 && (
            <div className="mt-2">
              <NoteLinks patientId={patientId} links={n.links} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
