import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/queries';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { formatDate, SPECIALTY_OPTIONS, specialtyLabel } from '@/lib/ui/format';
import { CreateUserForm } from './create-user-form';
import { UserActiveToggle } from './user-active-toggle';

export const metadata: Metadata = { title: 'Accounts' };

const ROLE_LABEL = { clinician: 'Clinician', patient: 'Patient', admin: 'Administrator' } as const;

export default async function AccountsPage() {
  const actor = await requireActor(['admin']);
  const accounts = await listUsers(actor);
  return (
    <>
      <PageHeader title="Accounts" description="Create accounts and deactivate those who should no longer sign in. Deactivation ends their sessions at once." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={`All accounts (${accounts.length})`} id="accounts">
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="pb-2 font-semibold">Name</th>
                    <th scope="col" className="pb-2 font-semibold">Role</th>
                    <th scope="col" className="pb-2 font-semibold">Since</th>
                    <th scope="col" className="pb-2 font-semibold">Status</th>
                    <th scope="col" className="pb-2"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {accounts.map((u) => (
                    <tr key={u.id} data-testid="account-row" className={u.active ? '' : 'text-slate-400'}>
                      <td className="py-2">
                        <div className="font-medium">{u.name}</div>
                        <div className="text-xs text-slate-500">{u.email}</div>
                      </td>
                      <td className="py-2">
                        {ROLE_LABEL[u.role]}
                        {u.specialty && <div className="text-xs text-slate-500">{specialtyLabel(u.specialty)}</div>}
                        {u.patientMrn && <div className="text-xs text-slate-500">{u.patientMrn}</div>}
                      </td>
                      <td className="py-2">{formatDate(u.createdAt)}</td>
                      <td className="py-2">
                        {u.active ? (
                          <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
                        ) : (
                          <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">Deactivated</span>
                        )}
                      </td>
                      <td className="py-2 text-right">
                        {u.id !== actor.userId && <UserActiveToggle userId={u.id} name={u.name} active={u.active} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
        <Card title="New account" id="new-account">
          <CreateUserForm specialtyOptions={SPECIALTY_OPTIONS} />
        </Card>
      </div>
    </>
  );
}
