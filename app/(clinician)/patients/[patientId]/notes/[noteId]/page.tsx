import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { NoteMarkdown } from '@/lib/notes/render';
import { Card } from '@/lib/ui/app-shell';
import { formatDate, formatTimestamp, specialtyLabel } from '@/lib/ui/format';
import { listPhotos } from '@/lib/photos/queries';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { NoteBadges } from '@/lib/ui/notes/note-badges';
import { NoteLinks } from '../note-links';
import { SignButton, TaskDoneButton } from '../note-buttons';
import { loadNoteOr404 } from './load-note';

export const metadata: Metadata = { title: 'Treatment note' };

export default async function NotePage({ params }: { params: Promise<{ patientId: string; noteId: string }> }) {
  const { patientId, noteId } = await params;
  const actor = await requireActor(['clinician']);
  const detail = await loadNoteOr404(actor, patientId, noteId);
  const { current } = detail;
  const original = detail.history[detail.history.length - 1];
  const viewingOld = current.id !== noteId;
  const photos = await listPhotos(actor, patientId, { noteSeriesId: detail.seriesId });

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}#notes`} className="text-brand-700 hover:underline">
          ← Back to the patient record
        </Link>
      </nav>

      <header className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Treatment note</h1>
            <p className="mt-1 text-sm text-slate-600">
              {current.authorName}
              {current.authorSpecialty && ` · ${specialtyLabel(current.authorSpecialty)}`} · written {formatTimestamp(original?.createdAt ?? current.createdAt)}
              {current.signedAt && ` · signed ${formatTimestamp(current.signedAt)}`}
              {current.version > 1 && ` · version ${current.version}`}
            </p>
            <p className="mt-2">
              <NoteBadges status={current.status} isAmendment={current.isAmendment} visibility={current.visibility} />
            </p>
          </div>
          <div className="flex items-start gap-2">
            {detail.canRevise && (
              <Link href={`/patients/${patientId}/notes/${current.id}/edit`} className={secondaryButtonClass}>
                Edit draft
              </Link>
            )}
            {detail.canSign && <SignButton patientId={patientId} noteId={current.id} version={current.version} />}
            {detail.canAmend && (
              <Link href={`/patients/${patientId}/notes/${current.id}/amend`} className={secondaryButtonClass}>
                Amend
              </Link>
            )}
          </div>
        </div>
        {viewingOld && (
          <p role="note" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            You followed a link to an earlier version; this page shows the current version {current.version}. Earlier versions are in the history below.
          </p>
        )}
        {current.status === 'signed' && !detail.canAmend && (
          <p className="mt-3 text-xs text-slate-500">Signed notes are locked. Only the author can amend this note; write your own note to add to it.</p>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Note" id="note">
            {current.isAmendment && current.amendmentReason && (
              <p className="mb-3 rounded-md bg-violet-50 px-3 py-2 text-sm text-violet-900">
                <span className="font-semibold">Amended:</span> {current.amendmentReason}
              </p>
            )}
            <article data-testid="note-body">
              <NoteMarkdown source={current.body} />
            </article>
            {current.links.length > 0 && (
              <div className="mt-4 border-t border-slate-100 pt-3">
                <NoteLinks patientId={patientId} links={current.links} />
              </div>
            )}
          </Card>
          {photos.length > 0 && (
            <Card title="Photos from this visit" id="photos">
              <ul className="flex flex-wrap gap-3">
                {photos.map((p) => (
                  <li key={p.id} className="w-32 text-xs">
                    <Link href={`/patients/${patientId}/photos?a=${p.id}`} className="block">
                      {/* eslint-disable-next-line @next/next/no-img-element -- served by an authorized, uncached route */}
                      <img src={`/api/photos/${p.id}/thumb`} alt={`${p.site}, ${formatDate(p.takenOn)}`} width={128} height={Math.round((128 * p.height) / p.width)} className="h-auto w-full rounded border border-slate-200" loading="lazy" />
                    </Link>
                    <div className="mt-1 text-slate-700">
                      {p.site}, {formatDate(p.takenOn)}
                    </div>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {detail.tasks.length > 0 && (
            <Card title="Mentions and tasks" id="tasks">
              <ul className="divide-y divide-slate-100 text-sm">
                {detail.tasks.map((t) => (
                  <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 py-2">
                    <div>
                      <div>
                        <span className="font-medium">{t.assigneeName}</span>
                        <span className="text-slate-500"> · {t.kind === 'mention' ? 'mentioned' : 'task'} from {t.createdByName}</span>
                      </div>
                      <div className="text-slate-700">{t.description}</div>
                      <div className="text-xs text-slate-500">{t.doneAt ? `Done by ${t.doneByName ?? 'them'}, ${formatTimestamp(t.doneAt)}` : 'Open'}</div>
                    </div>
                    {!t.doneAt && t.assigneeId === actor.userId && <TaskDoneButton taskId={t.id} label={t.description} />}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
        <div className="space-y-6">
          <Card title="History" id="history">
            <ol className="space-y-4 text-sm" aria-label="Versions">
              {detail.history.map((v) => (
                <li key={v.id} className={v.isCurrent ? '' : 'text-slate-600'}>
                  <div className="font-medium">
                    Version {v.version}
                    {v.isCurrent ? ' (current)' : ' (superseded)'} · {v.isAmendment ? 'Amendment' : v.status === 'signed' ? 'Signed' : 'Draft'}
                  </div>
                  <div className="text-xs">
                    {v.authorName}, {formatTimestamp(v.createdAt)}
                    {v.visibility === 'patient' && ' · shared with patient'}
                  </div>
                  {v.amendmentReason && <div className="text-xs italic">Reason: {v.amendmentReason}</div>}
                  {!v.isCurrent && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs font-medium text-brand-700">Show version {v.version} text</summary>
                      <div className="mt-1 rounded border border-slate-200 bg-slate-50 p-2">
                        <NoteMarkdown source={v.body} />
                      </div>
                    </details>
                  )}
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </div>
  );
}
