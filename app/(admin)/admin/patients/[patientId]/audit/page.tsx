import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/platform/auth/session';
import { listAuditEventsForPatient } from '@/lib/platform/audit/queries';
import { getCareTeamForAdministration } from '@/lib/care-teams/queries';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { ScrollRegion } from '@/lib/ui/scroll-region';
import { formatTimestamp } from '@/lib/ui/format';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { orNotFound } from '@/lib/ui/or-not-found';

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
        <ScrollRegion label="Access log">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="pb-2 font-semibold">When</th>
                <th scope="col" className="pb-2 font-semibold">Who</th>
                <th scope="col" className="pb-2 font-semibold">Action</th>
                <th scope="col" className="pb-2 font-semibold">Outcome</th>
                <th scope="col" className="pb-2 font-semibold">From</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.events.map((e) => (
                <tr key={e.id} data-testid="audit-row" className={e.outcome === 'denied' ? 'bg-red-50/60' : ''}>
                  <td className="whitespace-nowrap py-2">{formatTimestamp(e.occurredAt)}</td>
                  <td className="py-2">
                    {e.actorName ?? 'Unknown'} <span className="text-xs text-slate-500">{e.actorRole}</span>
                  </td>
                  <td className="py-2 font-mono text-xs">{e.action}</td>
                  <td className="py-2">
                    {e.outcome === 'denied' ? (
                      <span className="font-medium text-red-700">Denied{typeof e.detail?.reason === 'string' ? ` (${e.detail.reason})` : ''}</span>
                    ) : (
                      'Allowed'
                    )}
                  </td>
                  <td className="py-2 font-mono text-xs">{e.requestAddress ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <div className="mt-4 flex justify-end gap-3 text-sm">
          {data.page > 1 && <Link href={`?page=${data.page - 1}`} className={secondaryButtonClass}>Newer</Link>}
          {data.hasMore && <Link href={`?page=${data.page + 1}`} className={secondaryButtonClass}>Older</Link>}
        </div>
      </Card>
    </>
  );
}
