import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { getCareTeamForAdministration } from '@/lib/care-teams/queries';
import { Card, EmptyState, PageHeader } from '@/lib/ui/app-shell';
import { formatDate, specialtyLabel } from '@/lib/ui/format';
import { AddMemberForm, RemoveMemberButton } from './care-team-forms';
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'Care team' };

export default async function CareTeamPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['admin']);
  const team = await orNotFound(getCareTeamForAdministration(actor, patientId));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/admin/patients" className="text-brand-700 hover:underline">
          ← Care teams
        </Link>
      </nav>
      <PageHeader
        title={team.patient.name}
        description={<>MRN {team.patient.mrn}</>}
        actions={
          <Link href={`/admin/patients/${team.patient.id}/audit`} className="text-sm font-medium text-brand-700 hover:underline">
            Audit trail →
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Care team" id="members">
            {team.members.length === 0 ? (
              <EmptyState>No one is on this patient’s care team, so no clinician can see the record.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100">
                {team.members.map((m) => (
                  <li key={m.membershipId} className="flex items-center justify-between gap-3 py-2 text-sm" data-testid="team-member">
                    <div>
                      <div className="font-medium">
                        {m.name} {m.role === 'lead' && <span className="ml-1 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">Lead</span>}
                      </div>
                      <div className="text-slate-500">
                        {specialtyLabel(m.specialty)} · added {formatDate(m.addedAt)}
                      </div>
                    </div>
                    <RemoveMemberButton patientId={team.patient.id} membershipId={m.membershipId} name={m.name} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <Card title="Add a clinician" id="add-member">
          <AddMemberForm patientId={team.patient.id} candidates={team.candidates.map((c) => ({ id: c.id, label: `${c.name} (${specialtyLabel(c.specialty)})` }))} />
        </Card>
      </div>
    </>
  );
}
