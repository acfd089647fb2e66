import type { Metadata } from 'next';
import { listDocuments } from '@/lib/documents/queries';
import { requireActor } from '@/lib/platform/auth/session';
import { Card, EmptyState, PageHeader } from '@/lib/ui/app-shell';
import { DocumentList } from '@/lib/ui/documents/document-list';

export const metadata: Metadata = { title: 'Documents' };

export default async function PortalDocumentsPage() {
  const actor = await requireActor(['patient']);
  const documents = await listDocuments(actor, actor.patientId ?? '');
  return (
    <div className="space-y-6">
      <PageHeader title="Documents" description="Lab reports and letters your care team has shared with you." />
      <Card title="Shared with you">
        {documents.length === 0 ? <EmptyState>Your care team has not shared any documents yet.</EmptyState> : <DocumentList documents={documents} hrefOf={(d) => `/portal/documents/${d.id}`} audience="patient" />}
      </Card>
    </div>
  );
}
