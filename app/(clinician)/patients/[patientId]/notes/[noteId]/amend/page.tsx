import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/platform/auth/session';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { loadEditorOptions } from '../../editor-data';
import { NoteEditor } from '../../note-editor';
import { loadNoteOr404 } from '../load-note';

export const metadata: Metadata = { title: 'Amend note' };

export default async function AmendNotePage({ params }: { params: Promise<{ patientId: string; noteId: string }> }) {
  const { patientId, noteId } = await params;
  const actor = await requireActor(['clinician']);
  const detail = await loadNoteOr404(actor, patientId, noteId);
  const { current } = detail;
  const back = (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href={`/patients/${patientId}/notes/${current.id}`} className="text-brand-700 hover:underline">
        ← Back to the note
      </Link>
    </nav>
  );
  if (!detail.canAmend) {
    return (
      <div className="space-y-6">
        {back}
        <h1 className="text-lg font-semibold">Amend note</h1>
        <EmptyState>
          {current.status === 'draft' ? 'This note is still a draft: edit or sign the draft instead.' : `Only the author, ${current.authorName}, can amend this note. Write your own note to add to it.`}
        </EmptyState>
      </div>
    );
  }
  const options = await loadEditorOptions(actor, patientId);
  return (
    <div className="space-y-6">
      {back}
      <Card title={`Amend signed note (version ${current.version})`} level={1}>
        <p className="mb-4 text-sm text-slate-600">
          The signed note stays in the history exactly as it was. Your amendment becomes version {current.version + 1}, signed, with the reason you give.
        </p>
        <NoteEditor
          patientId={patientId}
          mode={{ kind: 'amend', noteId: current.id, version: current.version }}
          {...options}
          initial={{ body: current.body, visibility: current.visibility, links: current.links.map((l) => ({ targetType: l.targetType, targetId: l.targetId })) }}
        />
      </Card>
    </div>
  );
}
