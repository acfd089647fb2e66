import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { listAuditEventsForPatient } from '@/lib/platform/audit/queries';
import { getCareTeamForAdministration } from '@/lib/care-teams/queries';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { orNotFound } from '@/lib/ui/or-not-found';
import { AuditTable } from '../../../audit-table';

export const metadata: Metadata = { title: 'Audit trail' };

export default async function PatientAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { patientId } = await params;
  const { page } = await searchParams;
  const actor = await requireActor(['admin']);
  const team = await orNotFound(getCareTeamForAdministration(actor, patientId));
  const data = await orNotFound(listAuditEventsForPatient(actor, patientId, page));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href={`/admin/patients/${patientId}`} className="text-brand-700 hover:underline">
          ← {team.patient.name}
        </Link>
      </nav>
      <PageHeader title="Audit trail" description={`Every read and write of ${team.patient.name}’s record (${team.patient.mrn}), newest first. Entries cannot be changed or deleted.`} />
      <Card title={data.page === 1 ? 'Most recent events' : `Older events, page ${data.page}`} id="audit">
        <AuditTable rows={data.events} label="Access log" showPatient={false} />
        <div className="mt-4 flex justify-end gap-3 text-sm">
          {data.page > 1 && <Link href={`?page=${data.page - 1}`} className={secondaryButtonClass}>Newer</Link>}
          {data.hasMore && <Link href={`?page=${data.page + 1}`} className={secondaryButtonClass}>Older</Link>}
        </div>
      </Card>
    </>
  );
}
