import { Link } from '@/lib/ui/link';
import type { NoteSummary } from '@/lib/notes/queries';
import { RECORD_PAGE_NOTES } from '@/lib/patients/record-page';
import { Card } from '@/lib/ui/app-shell';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { NotesList } from './notes-list';

/**
 * The "Treatment notes" card on the patient record: the newest notes and a way to write one. Given one
 * note more than it shows, so it knows whether to link to all of them.
 */
export function NotesCard({ patientId, notes, canWrite }: { patientId: string; notes: NoteSummary[]; canWrite: boolean }) {
  return (
    <Card
      title="Treatment notes"
      id="notes"
      actions={
        // Under emergency access the record is read-only: no button that leads to a refused form.
        canWrite ? (
          <Link href={`/patients/${patientId}/notes/new`} className={secondaryButtonClass}>
            + Note
          </Link>
        ) : undefined
      }
    >
      <NotesList patientId={patientId} notes={notes.slice(0, RECORD_PAGE_NOTES)} compact />
      {notes.length > RECORD_PAGE_NOTES && (
        <p className="mt-3 text-sm">
          <Link href={`/patients/${patientId}/notes`} className="font-medium text-brand-700 hover:underline">
            All treatment notes →
          </Link>
        </p>
      )}
    </Card>
  );
}
