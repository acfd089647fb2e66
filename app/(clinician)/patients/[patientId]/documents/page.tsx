import type { Metadata } from 'next';
import { listDocuments, listResultChoices } from '@/lib/documents/queries';
import { getPatientHeading } from '@/lib/patients/queries';
import { requireActor } from '@/lib/platform/auth/session';
import { clinicToday } from '@/lib/platform/clinic-time';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { DocumentList } from '@/lib/ui/documents/document-list';
import { DocumentUploadForm } from '@/lib/ui/documents/document-upload-form';
import { formatDate } from '@/lib/ui/format';
import { orNotFound } from '@/lib/ui/or-not-found';
import { uploadDocumentAction } from './actions';
import { PatientBackLink } from '@/lib/ui/patients/patient-back-link';

export const metadata: Metadata = { title: 'Documents' };

export default async function DocumentsPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { patientId } = await params;
  const query = await searchParams;
  const actor = await requireActor(['clinician']);
  const patient = await orNotFound(getPatientHeading(actor, patientId));
  const [documents, choices] = await Promise.all([listDocuments(actor, patientId), listResultChoices(actor, patientId)]);
  const wanted = typeof query.result === 'string' ? query.result : undefined;
  const initialResult = choices.some((c) => c.seriesId === wanted) ? wanted : undefined;
  return (
    <div className="space-y-6">
      <PatientBackLink patientId={patientId} patient={patient} />
      <Card title="Documents" level={1} id="documents">
        {documents.length === 0 ? <EmptyState>No documents yet.</EmptyState> : <DocumentList documents={documents} hrefOf={(d) => `/patients/${patientId}/documents/${d.id}`} audience="team" />}
      </Card>
      <Card title="Attach a document" id="attach-document">
        <p className="mb-3 text-sm text-slate-600">The lab’s own report, a referral or a clinic letter, kept with the record as the PDF you received. It is shared with the patient only if you choose to.</p>
        <DocumentUploadForm action={uploadDocumentAction.bind(null, patientId)} today={clinicToday()} results={choices.map((c) => ({ seriesId: c.seriesId, label: `${c.title}, ${formatDate(c.effectiveDate)}` }))} initialResult={initialResult} />
      </Card>
    </div>
  );
}
