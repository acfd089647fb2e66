import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { notFound } from 'next/navigation';
import { getDocument } from '@/lib/documents/queries';
import { requireActor } from '@/lib/platform/auth/session';
import { Card } from '@/lib/ui/app-shell';
import { DocumentShareButton } from '@/lib/ui/documents/document-share-button';
import { PdfViewer } from '@/lib/ui/documents/pdf-viewer';
import { formatDate, formatTimestamp } from '@/lib/ui/format';
import { orNotFound } from '@/lib/ui/or-not-found';
import { setDocumentSharedAction } from '../actions';

export const metadata: Metadata = { title: 'Document' };

export default async function DocumentPage({ params }: { params: Promise<{ patientId: string; documentId: string }> }) {
  const { patientId, documentId } = await params;
  const actor = await requireActor(['clinician']);
  const document = await orNotFound(getDocument(actor, documentId));
  if (document.patientId !== patientId) notFound();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}/documents`} className="text-brand-700 hover:underline">
          ← All documents
        </Link>
      </nav>
      <Card
        title={document.title}
        level={1}
        id="document"
        actions={
          <a href={`/api/documents/${document.id}/download`} className="text-sm font-medium text-brand-700 underline" download>
            Download PDF
          </a>
        }
      >
        <dl className="mb-4 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">Kind</dt>
          <dd>{document.categoryLabel}</dd>
          <dt className="font-medium text-slate-700">Dated</dt>
          <dd>{formatDate(document.documentDate)}</dd>
          <dt className="font-medium text-slate-700">Added</dt>
          <dd>
            {formatTimestamp(document.uploadedAt)} {document.origin === 'fhir-import' ? `from a FHIR bundle imported by ${document.uploadedByName}` : `by ${document.uploadedByName}`}
          </dd>
          {document.result && (
            <>
              <dt className="font-medium text-slate-700">Result</dt>
              <dd>
                <Link href={`/patients/${patientId}/results/${document.result.id}`} className="text-brand-700 underline">
                  {document.result.title}, {formatDate(document.result.effectiveDate)}
                </Link>
              </dd>
            </>
          )}
          <dt className="font-medium text-slate-700">Patient</dt>
          <dd>{document.sharedWithPatient ? 'Shared: the patient can read it in their portal.' : 'Not shared with the patient.'}</dd>
        </dl>
        <DocumentShareButton shared={document.sharedWithPatient} action={setDocumentSharedAction.bind(null, document.id)} />
      </Card>
      <Card title="The document" id="document-pages">
        <PdfViewer src={`/api/documents/${document.id}/view`} title={document.title} downloadHref={`/api/documents/${document.id}/download`} />
      </Card>
    </div>
  );
}
