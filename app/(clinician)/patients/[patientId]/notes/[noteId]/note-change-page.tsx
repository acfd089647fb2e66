import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { loadEditorOptions } from '../editor-data';
import { NoteEditor } from '../note-editor';
import { loadNoteOr404 } from './load-note';

/** What differs between revising a draft and amending a signed note; the page around them is one. */
const CHANGES = {
  revise: {
    heading: 'Edit draft note',
    allowed: (d: { canRevise: boolean; canAmend: boolean }) => d.canRevise,
    refusal: (status: string, author: string) => (status === 'signed' ? 'This note is signed and locked. The author can amend it instead.' : `Only the author, ${author}, can edit this draft.`),
    title: (version: number) => `Edit draft (version ${version})`,
    explain: (version: number) => `Saving makes version ${version + 1}; earlier drafts stay in the history.`,
  },
  amend: {
    heading: 'Amend note',
    allowed: (d: { canRevise: boolean; canAmend: boolean }) => d.canAmend,
    refusal: (status: string, author: string) => (status === 'draft' ? 'This note is still a draft: edit or sign the draft instead.' : `Only the author, ${author}, can amend this note. Write your own note to add to it.`),
    title: (version: number) => `Amend signed note (version ${version})`,
    explain: (version: number) => `The signed note stays in the history exactly as it was. Your amendment becomes version ${version + 1}, signed, with the reason you give.`,
  },
} as const;

/** The edit-draft and amend pages: load the note (or not-found), refuse with the reason, or show the editor. */
export async function NoteChangePage({ params, kind }: { params: Promise<{ patientId: string; noteId: string }>; kind: keyof typeof CHANGES }) {
  const { patientId, noteId } = await params;
  const actor = await requireActor(['clinician']);
  const detail = await loadNoteOr404(actor, patientId, noteId);
  const { current } = detail;
  const change = CHANGES[kind];
  const back = (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href={`/patients/${patientId}/notes/${current.id}`} className="text-brand-700 hover:underline">
        ← Back to the note
      </Link>
    </nav>
  );
  if (!change.allowed(detail)) {
    return (
      <div className="space-y-6">
        {back}
        <h1 className="text-lg font-semibold">{change.heading}</h1>
        <EmptyState>{change.refusal(current.status, current.authorName)}</EmptyState>
      </div>
    );
  }
  const options = await loadEditorOptions(actor, patientId);
  return (
    <div className="space-y-6">
      {back}
      <Card title={change.title(current.version)} level={1}>
        <p className="mb-4 text-sm text-slate-600">{change.explain(current.version)}</p>
        <NoteEditor
          patientId={patientId}
          mode={{ kind, noteId: current.id, version: current.version }}
          {...options}
          initial={{ body: current.body, visibility: current.visibility, links: current.links.map((l) => ({ targetType: l.targetType, targetId: l.targetId })) }}
        />
      </Card>
    </div>
  );
}
