import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { listNotes } from '@/lib/notes/queries';
import { getPatientHeading } from '@/lib/patients/queries';
import { PageHeader } from '@/lib/ui/app-shell';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { NotesList } from './notes-list';
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'Treatment notes' };

export default async function NotesPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const patient = await orNotFound(getPatientHeading(actor, patientId));
  const notes = await orNotFound(listNotes(actor, patientId));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}#notes`} className="text-brand-700 hover:underline">
          ← Back to the patient record
        </Link>
      </nav>
      <PageHeader
        title={`Treatment notes: ${patient.familyName}, ${patient.givenName}`}
        description="Current version of every note, newest first. Open a note for its full history."
        actions={
          <Link href={`/patients/${patientId}/notes/new`} className={secondaryButtonClass}>
            + Note
          </Link>
        }
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <NotesList patientId={patientId} notes={notes} />
      </div>
    </div>
  );
}
