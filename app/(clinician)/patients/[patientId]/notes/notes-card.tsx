import Link from 'next/link';
import type { Actor } from '@/lib/auth/actor-types';
import { listNotes } from '@/lib/notes/queries';
import { Card } from '@/lib/ui/app-shell';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { NotesList } from './notes-list';

const SHOWN = 5;

/** The "Treatment notes" card on the patient record: the newest notes and a way to write one. */
export async function NotesCard({ actor, patientId }: { actor: Actor; patientId: string }) {
  const notes = await listNotes(actor, patientId, { limit: SHOWN + 1 });
  return (
    <Card
      title="Treatment notes"
      id="notes"
      actions={
        <Link href={`/patients/${patientId}/notes/new`} className={secondaryButtonClass}>
          + Note
        </Link>
      }
    >
      <NotesList patientId={patientId} notes={notes.slice(0, SHOWN)} compact />
      {notes.length > SHOWN && (
        <p className="mt-3 text-sm">
          <Link href={`/patients/${patientId}/notes`} className="font-medium text-brand-700 hover:underline">
            All treatment notes →
          </Link>
        </p>
      )}
    </Card>
  );
}
