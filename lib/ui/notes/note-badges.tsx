import type { NoteStatus, NoteVisibility } from '@/lib/notes/note-values';

// Colour is never the only signal: every badge says its meaning in words.
const base = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1';

export function NoteBadges({ status, isAmendment, visibility }: { status: NoteStatus; isAmendment: boolean; visibility: NoteVisibility }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {status === 'draft' ? (
        <span className={`${base} bg-amber-50 text-amber-900 ring-amber-200`} title="Not signed yet: the author can still edit it">
          Draft
        </span>
      ) : (
        <span className={`${base} bg-emerald-50 text-emerald-800 ring-emerald-200`} title="Signed and locked: changes are made as amendments">
          Signed
        </span>
      )}
      {isAmendment && (
        <span className={`${base} bg-violet-50 text-violet-800 ring-violet-200`} title="Amended after signing; the original is kept in the history">
          Amended
        </span>
      )}
      {visibility === 'patient' && (
        <span className={`${base} bg-sky-50 text-sky-800 ring-sky-200`} title={status === 'signed' ? 'The patient can read this note in their portal' : 'The patient will be able to read this note once it is signed'}>
          Shared with patient
        </span>
      )}
    </span>
  );
}
