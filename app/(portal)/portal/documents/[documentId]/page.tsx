import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { getDocument } from '@/lib/documents/queries';
import { requireActor } from '@/lib/platform/auth/session';
import { Card } from '@/lib/ui/app-shell';
import { PdfViewer } from '@/lib/ui/documents/pdf-viewer';
import { formatDate } from '@/lib/ui/format';
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'Document' };

export default async function PortalDocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await params;
  const actor = await requireActor(['patient']);
  const document = await orNotFound(getDocument(actor, documentId));
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/portal/documents" className="text-brand-700 hover:underline">
          ← All documents
        </Link>
      </nav>
      <Card
        title={document.title}
        level={1}
        actions={
          <a href={`/api/documents/${document.id}/download`} className="text-base font-medium text-brand-700 underline" download>
            Download PDF
          </a>
        }
      >
        <p className="mb-4 text-base text-slate-700">
          {document.categoryLabel}, dated {formatDate(document.documentDate)}. If anything in it worries you, send your care team a message.
        </p>
        <PdfViewer src={`/api/documents/${document.id}/view`} title={document.title} downloadHref={`/api/documents/${document.id}/download`} />
      </Card>
    </div>
  );
}
