import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { getPatientHeading } from '@/lib/patients/queries';
import { Card } from '@/lib/ui/app-shell';
import { loadEditorOptions } from '../editor-data';
import { NoteEditor } from '../note-editor';
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'New treatment note' };

export default async function NewNotePage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const patient = await orNotFound(getPatientHeading(actor, patientId, 'clinical-write'));
  const options = await loadEditorOptions(actor, patientId);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}#notes`} className="text-brand-700 hover:underline">
          ← Back to the patient record
        </Link>
      </nav>
      <Card title={`New treatment note: ${patient.familyName}, ${patient.givenName}`} level={1}>
        <NoteEditor patientId={patientId} mode={{ kind: 'new' }} {...options} initial={{ body: '', visibility: 'care_team', links: [] }} />
      </Card>
    </div>
  );
}
